#include <ndis.h>
