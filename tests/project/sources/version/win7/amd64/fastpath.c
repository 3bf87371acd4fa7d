int fastpath;
