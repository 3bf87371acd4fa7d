/* cpp/legacy.c: a fixture source */
