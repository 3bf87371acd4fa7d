/* wild/skip.c: a fixture source */
