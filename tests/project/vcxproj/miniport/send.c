/* send.c: a fixture source */
