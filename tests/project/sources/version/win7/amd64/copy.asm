; copy
