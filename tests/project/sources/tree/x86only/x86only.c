int x86only;
