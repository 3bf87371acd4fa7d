/* src/present.c: a fixture source */
