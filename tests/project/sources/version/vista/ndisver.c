int ndisver;
