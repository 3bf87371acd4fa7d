int tools;
