/* OID.c: a fixture source */
