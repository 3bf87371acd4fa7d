/* trace.c: a fixture source */
