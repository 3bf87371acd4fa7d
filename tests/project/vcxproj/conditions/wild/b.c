/* wild/b.c: a fixture source */
