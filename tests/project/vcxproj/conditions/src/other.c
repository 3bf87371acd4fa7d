/* src/other.c: a fixture source */
