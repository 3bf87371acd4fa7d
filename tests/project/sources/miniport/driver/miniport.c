/* the miniport's DriverEntry */
#include "precomp.h"
