/* cpp/util.c: a fixture source */
