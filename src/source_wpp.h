/* source_wpp.h - the WPP trace functions a driver's build declares.
 *
 * WPP tracing is configured in the build: an MSBuild project names its
 * trace macros in <WppTraceFunction>Name(LEVEL,MSG,...)</WppTraceFunction>,
 * a WDK `sources` file in RUN_WPP lines (`-func:Name(LEVEL,MSG,...)`).
 * Without the generated .tmh those names are undeclared; knowing them, the
 * rules treat such calls as traces with no effect (RULES.md).
 *
 * Only the project files lying in the folders of the analysed sources are
 * read (the *.vcxproj there, and a file named `sources`), as text: nothing
 * in them is run or followed.
 */
#ifndef NDISLINT_SOURCE_WPP_H
#define NDISLINT_SOURCE_WPP_H

#include "facts.h"
#include "source_plan.h"

/* Fills driver->trace_functions (interned names) from the build files
 * next to the plan's sources. */
void source_wpp_read(const SourcePlan *plan, Driver *driver);

#endif
