int drivers;
