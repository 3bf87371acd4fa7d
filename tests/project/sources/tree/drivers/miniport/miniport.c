int miniport;
