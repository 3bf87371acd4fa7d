int filter;
