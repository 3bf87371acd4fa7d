/* facts_dump.h - prints the facts of a driver, for users and developers
 * who want to see what the analysis saw (--dump-facts). */
#ifndef NDISLINT_FACTS_DUMP_H
#define NDISLINT_FACTS_DUMP_H

#include <stdio.h>

#include "facts.h"

void facts_dump(FILE *out, Driver *driver);

#endif
