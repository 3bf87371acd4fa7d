int nic;
