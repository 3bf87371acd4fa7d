/* src/chosen.c: a fixture source */
