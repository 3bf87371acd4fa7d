/* wild/a.c: a fixture source */
