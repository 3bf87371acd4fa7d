/* Miniport.c: a fixture source */
