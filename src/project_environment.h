/* project_environment.h - what a driver's build environment contributes
 * that is not in its project file.
 *
 * MSBuild imports the WDK's and Visual Studio's .props and .targets, and
 * the WDK build utility reads makefile.def: they are not on the machines
 * this tool runs on. What they contribute that matters to parsing comes
 * from rules/environment/build-environment.json, written from the
 * documentation: the
 * target and the macros of each platform (_AMD64_, _X86_, _ARM64_, ...),
 * what a debug configuration adds (DBG=1), the _WIN32_WINNT and
 * NTDDI_VERSION of each TargetVersion, the macros of each driver type,
 * and, for `sources` files, the build utility's standard variables.
 */
#ifndef NDISLINT_PROJECT_ENVIRONMENT_H
#define NDISLINT_PROJECT_ENVIRONMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "source_args.h"

typedef struct BuildEnvironment BuildEnvironment;

/* Loads DATA_DIR/environment/build-environment.json. NULL with `err` naming the file
 * and the problem. */
BuildEnvironment *build_environment_load(const char *data_dir, char *err, size_t err_size);
void build_environment_free(BuildEnvironment *env);

/* The platforms a project may name, canonical spelling ("x64", "Win32",
 * "ARM64"); `name` in any case, and the build utility's names (amd64,
 * x86, i386, arm64) too. NULL when unknown. */
const char *build_environment_platform(const BuildEnvironment *env, const char *name);

/* Appends to `out` what building for `platform` (canonical) in a debug or
 * release configuration adds: --target and the platform's macros, and -U
 * for those of the tool's default x64 set it lacks; DBG=1 when `debug`. */
void build_environment_platform_args(const BuildEnvironment *env, const char *platform,
                                     bool debug, ArgList *out);

/* Appends the macros of a TargetVersion ("Windows10", "Windows8.1",
 * "Windows7", ...) or of a build utility's _NT_TARGET_VERSION value
 * ("0x601"). Returns false (nothing added) when unknown. */
bool build_environment_target_version_args(const BuildEnvironment *env, const char *version,
                                           ArgList *out);

/* Appends the macros a driver type adds ("KMDF", "WDM", "Miniport", or a
 * `sources` TARGETTYPE such as DRIVER or MINIPORT). Returns false when
 * unknown. */
bool build_environment_driver_type_args(const BuildEnvironment *env, const char *type,
                                        ArgList *out);

/* What the WDK build utility calls a platform, for `sources` files. */
typedef struct SourcesPlatform {
    const char *build_arch;       /* _BUILDARCH: AMD64, x86 */
    const char *arch_macro;       /* defined as 1 for it: AMD64, 386 */
    const char *target_directory; /* TARGET_DIRECTORY: amd64, i386 */
    const char *sources_prefix;   /* of its own SOURCES list: AMD64_SOURCES */
} SourcesPlatform;

/* Fills `out` for `platform` (any name build_environment_platform takes);
 * false when the build utility does not build for it. The strings belong
 * to `env`. */
bool build_environment_sources_platform(const BuildEnvironment *env, const char *platform,
                                        SourcesPlatform *out);

/* Whether a driver type or TARGETTYPE builds user-mode code (PROGRAM,
 * DYNLINK, UMDF, ...). */
bool build_environment_is_user_mode(const BuildEnvironment *env, const char *type);

/* Whether a configuration name is a debug one ("Debug", "Checked", "chk",
 * any name starting with Debug). */
bool build_environment_is_debug(const char *configuration);

/* The value of a standard variable of the WDK build utility for `sources`
 * files (DDK_INC_PATH, SDK_INC_PATH, CRT_INC_PATH, _OBJ_DIR, O, ...), or
 * NULL. The WDK's folders are empty (they are not on this machine); the
 * _NT_TARGET_VERSION_* values and the default _NT_TARGET_VERSION are
 * here too. */
const char *build_environment_sources_variable(const BuildEnvironment *env, const char *name);

#endif
