/* src/late.c: a fixture source */
