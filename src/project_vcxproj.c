/* project_vcxproj.c - a .vcxproj read into the sources it compiles and
 * their arguments; see project.h.
 *
 * vcxproj_load returns
 *    0  the project was read into `out`;
 *   -1  it cannot be read: `err` says "PATH:LINE: problem";
 *    1  it is not a driver's project: its ConfigurationType is not Driver,
 *       its PlatformToolset does not start with WindowsKernelModeDriver
 *       and it names no DriverType. `err` says "PATH: not a driver
 *       project (ConfigurationType X)"; a .sln's reader leaves such a
 *       project (the user-mode tool next to the driver) out with a note.
 * Whatever it returns, `out` holds what was read so far, its `read` list
 * above all, which the messages name; the caller frees it.
 *
 * The file is evaluated as MSBuild evaluates it (project_msbuild.h), in
 * MSBuild's order: properties and imports first, in document order and
 * through the imports; then the ClCompile item definitions; then the
 * ClCompile items, each with the definitions as its defaults. The global
 * properties Configuration and Platform come from the configuration
 * chosen and win over the file's assignments. No environment variable is
 * read (MSBuild would): the same project must read the same everywhere.
 *
 * The file is untrusted input. It is parsed with libxml2 without loading
 * a DTD, without expanding entities and without network access, and a
 * document declaring entities is refused. Only the project's own .props
 * and .targets are read; the imports of Visual Studio and the WDK are
 * skipped, what they contribute coming from the environment table
 * (project_environment.h).
 */
#include "project.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "memory.h"
#include "project_msbuild.h"

#define IMPORT_DEPTH_MAX 16
#define ITEM_MAX ((size_t)100000)
#define CONFIGURATION_MAX ((size_t)1000)
/* String comparisons Exclude and Remove may cost, all items together. */
#define MATCH_BUDGET ((uint64_t)50000000)
/* Metadata names of one item or of the definitions (a real ClCompile has
 * a few dozen), and metadata values set in all: each Include entry
 * evaluates its element's metadata again. */
#define METADATA_NAMES_MAX ((size_t)200)
#define METADATA_SETS_MAX ((size_t)1000000)
/* Bytes of metadata values, and of the arguments made, for one project:
 * a real driver's need a few hundred KiB; a hostile file could ask for
 * terabytes (100,000 items, each with a 64 KiB value). */
#define METADATA_BYTES_MAX ((size_t)256 << 20)
#define ARGUMENT_BYTES_MAX ((size_t)256 << 20)

/* The parse: untrusted text, so nothing is loaded and nothing expanded.
 * BIG_LINES: line numbers past 65535 stay right. */
static const int XML_OPTIONS =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

typedef struct Meta {
    char *name;
    char *value;
} Meta;

typedef struct MetaList {
    Meta *items;
    size_t count;
} MetaList;

/* An ItemGroup or ItemDefinitionGroup, in evaluation order, with the file
 * it is in (imports and the branches of Choose flattened). */
typedef struct Group {
    xmlNode *node;
    const char *file;
} Group;

typedef struct Item {
    char *include; /* as written, unescaped: what messages name */
    char *path;    /* absolute, normalised, in the case written */
    const char *file;
    unsigned line;
    MetaList meta; /* its own; the definitions give the rest */
} Item;

/* The sources added, to add each once. */
typedef struct PathSet {
    char **slots;
    size_t slot_count;
    size_t count;
} PathSet;

typedef struct Configuration {
    char *configuration;
    char *platform;
    unsigned line;
} Configuration;

typedef struct Reader {
    Project *out;
    const BuildEnvironment *env;
    char *err;
    size_t err_size;
    char *dir; /* the project's folder, no trailing `/` */
    MsbEval ev;
    xmlDoc **docs;
    size_t doc_count;
    const char *chain[IMPORT_DEPTH_MAX + 1]; /* the imports being read */
    size_t chain_length;
    Group *groups;
    size_t group_count;
    MetaList definitions; /* of ClCompile */
    Item *items;
    size_t item_count;
    uint64_t match_budget;
    size_t metadata_bytes;
    size_t metadata_sets;
    size_t argument_bytes;
    PathSet added;
} Reader;

/* Room for element `count` of an array grown by doubling: its size is
 * the power of two at or above its count, so it moves only when the count
 * is one (a list shrunk by Remove keeps room enough). Growing by one
 * element at a time would copy 100,000 items 100,000 times. */
static void *grow_array(void *items, size_t count, size_t elem)
{
    if ((count & (count - 1)) != 0)
        return items;
    return xrealloc(items, count ? count * 2 : 1, elem);
}

static char *copy(const char *text)
{
    return checked_alloc(strdup(text));
}

static bool ends_with_case(const char *text, const char *suffix)
{
    size_t n = strlen(text);
    size_t m = strlen(suffix);
    return n >= m && strcasecmp(text + n - m, suffix) == 0;
}

static char *trimmed(const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    return xstrndup(text, n);
}

/* ---- XML -------------------------------------------------------------- */

static unsigned node_line(const xmlNode *node)
{
    long line = xmlGetLineNo(node);
    return line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
}

static bool is_element(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static const char *node_name(const xmlNode *node)
{
    return (const char *)node->name;
}

/* An attribute's value (malloc'd), or NULL when it has none. */
static char *attribute(xmlNode *node, const char *name)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    if (value == NULL)
        return NULL;
    char *out = copy((const char *)value);
    xmlFree(value);
    return out;
}

static char *content(xmlNode *node)
{
    xmlChar *value = xmlNodeGetContent(node);
    char *out = copy(value != NULL ? (const char *)value : "");
    xmlFree(value);
    return out;
}

typedef struct ParseState {
    unsigned error_line;
    char error[200];
    unsigned entity_line;
} ParseState;

static void on_parse_error(void *context, xmlErrorPtr error)
{
    xmlParserCtxtPtr ctxt = context;
    ParseState *state = ctxt->_private;
    if (error == NULL || error->level < XML_ERR_ERROR || state->error_line != 0)
        return;
    state->error_line = error->line > 0 ? (unsigned)error->line : 1;
    snprintf(state->error, sizeof state->error, "%s",
             error->message != NULL ? error->message : "a parse error");
    size_t n = strlen(state->error);
    while (n > 0 && isspace((unsigned char)state->error[n - 1]))
        state->error[--n] = '\0';
}

/* An entity declaration stops the parse: entities are how XML reaches
 * other files (XXE) and blows up (billion laughs); no project uses them. */
static void note_entity(void *context)
{
    xmlParserCtxtPtr ctxt = context;
    ParseState *state = ctxt->_private;
    if (state->entity_line == 0)
        state->entity_line = ctxt->input != NULL && ctxt->input->line > 0
                                 ? (unsigned)ctxt->input->line
                                 : 1;
    xmlStopParser(ctxt);
}

static void on_entity(void *context, const xmlChar *name, int type, const xmlChar *public_id,
                      const xmlChar *system_id, xmlChar *text)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)text;
    note_entity(context);
}

static void on_unparsed_entity(void *context, const xmlChar *name, const xmlChar *public_id,
                               const xmlChar *system_id, const xmlChar *notation)
{
    (void)name, (void)public_id, (void)system_id, (void)notation;
    note_entity(context);
}

/* Parses `text` of `file` (both the reader's); the handlers live in the
 * parser context, so no global state of libxml2 is touched. */
static xmlDoc *parse_xml(Reader *r, const char *file, const char *text, size_t size)
{
    ParseState state = {0};
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        out_of_memory();
    ctxt->_private = &state;
    ctxt->sax->serror = on_parse_error;
    ctxt->sax->entityDecl = on_entity;
    ctxt->sax->unparsedEntityDecl = on_unparsed_entity;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, text, (int)size, file, NULL, XML_OPTIONS);
    xmlFreeParserCtxt(ctxt);
    if (state.entity_line != 0) {
        snprintf(r->err, r->err_size, "%s:%u: entity declarations are not accepted", file,
                 state.entity_line);
    } else if (doc == NULL) {
        snprintf(r->err, r->err_size, "%s:%u: not well-formed XML: %s", file,
                 state.error_line ? state.error_line : 1,
                 state.error_line ? state.error : "it cannot be parsed");
    } else {
        return doc;
    }
    xmlFreeDoc(doc);
    return NULL;
}

/* Reads and parses one of the project's files (`path` absolute and
 * real), recorded in out->read first; its root element, or NULL with
 * r->err set. */
static xmlNode *read_document(Reader *r, const char *path)
{
    char *text = NULL;
    size_t size = 0;
    if (msb_read_file(path, &text, &size, r->err, r->err_size) != 0)
        return NULL;
    project_add_read(r->out, path);
    const char *file = r->out->read[r->out->read_count - 1];
    xmlDoc *doc = parse_xml(r, file, text, size);
    free(text);
    if (doc == NULL)
        return NULL;
    r->docs = grow_array(r->docs, r->doc_count, sizeof(*r->docs));
    r->docs[r->doc_count++] = doc;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root == NULL || !is_element(root, "Project")) {
        snprintf(r->err, r->err_size, "%s:%u: the root element is <%s>, not <Project>", file,
                 root != NULL ? node_line(root) : 1, root != NULL ? node_name(root) : "");
        return NULL;
    }
    return root;
}

/* ---- metadata --------------------------------------------------------- */

static Meta *meta_find(const MetaList *list, const char *name, size_t length)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strlen(list->items[i].name) == length &&
            strncasecmp(list->items[i].name, name, length) == 0)
            return &list->items[i];
    }
    return NULL;
}

static const char *meta_get(const MetaList *list, const char *name)
{
    const Meta *m = meta_find(list, name, strlen(name));
    return m != NULL ? m->value : NULL;
}

static void meta_set(MetaList *list, const char *name, const char *value)
{
    Meta *m = meta_find(list, name, strlen(name));
    if (m == NULL) {
        list->items = grow_array(list->items, list->count, sizeof(*list->items));
        m = &list->items[list->count++];
        m->name = copy(name);
        m->value = NULL;
    }
    free(m->value);
    m->value = copy(value);
}

static void meta_free(MetaList *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].name);
        free(list->items[i].value);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* %(ClCompile.Name) is %(Name); another item type's has no value here. */
static bool unqualified(const char **name, size_t *length)
{
    const char *dot = memchr(*name, '.', *length);
    if (dot == NULL)
        return true;
    size_t type_length = (size_t)(dot - *name);
    if (type_length != 9 || strncasecmp(*name, "ClCompile", 9) != 0)
        return false;
    *length -= type_length + 1;
    *name = dot + 1;
    return true;
}

static const char *definition_lookup(void *context, const char *name, size_t length)
{
    const MetaList *list = context;
    if (!unqualified(&name, &length))
        return NULL;
    const Meta *m = meta_find(list, name, length);
    return m != NULL ? m->value : NULL;
}

/* The item whose metadata is being evaluated, and room for the
 * well-known metadata computed from its path. */
typedef struct ItemContext {
    const Item *item;
    const MetaList *definitions;
    char scratch[PATH_MAX];
} ItemContext;

static const char *well_known(ItemContext *ic, const char *name, size_t length)
{
    const char *path = ic->item->path;
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = 0;
    const char *from = "";
    if (length == 8 && strncasecmp(name, "Identity", 8) == 0)
        return ic->item->include;
    if (length == 8 && strncasecmp(name, "FullPath", 8) == 0)
        return path;
    if (length == 8 && strncasecmp(name, "Filename", 8) == 0) {
        from = base;
        n = dot != NULL ? (size_t)(dot - base) : strlen(base);
    } else if (length == 9 && strncasecmp(name, "Extension", 9) == 0) {
        return dot != NULL ? dot : "";
    } else if (length == 9 && strncasecmp(name, "Directory", 9) == 0) {
        from = path + 1;
        n = (size_t)(base - path - 1);
    } else if (length == 7 && strncasecmp(name, "RootDir", 7) == 0) {
        return "/";
    } else if (length == 11 && strncasecmp(name, "RelativeDir", 11) == 0) {
        const char *written = ic->item->include;
        const char *last = NULL;
        for (const char *p = written; *p != '\0'; p++) {
            if (*p == '/' || *p == '\\')
                last = p;
        }
        from = written;
        n = last != NULL ? (size_t)(last + 1 - written) : 0;
    } else {
        return NULL;
    }
    if (n >= sizeof ic->scratch)
        n = sizeof ic->scratch - 1;
    memcpy(ic->scratch, from, n);
    ic->scratch[n] = '\0';
    return ic->scratch;
}

static const char *item_lookup(void *context, const char *name, size_t length)
{
    ItemContext *ic = context;
    if (!unqualified(&name, &length))
        return NULL;
    const char *known = well_known(ic, name, length);
    if (known != NULL)
        return known;
    const Meta *m = meta_find(&ic->item->meta, name, length);
    if (m == NULL)
        m = meta_find(ic->definitions, name, length);
    return m != NULL ? m->value : NULL;
}

/* An item's metadata: its own, else its definition's. */
static const char *item_meta(const Reader *r, const Item *item, const char *name)
{
    const char *value = meta_get(&item->meta, name);
    return value != NULL ? value : meta_get(&r->definitions, name);
}

static bool is_path_list(const char *name)
{
    return strcasecmp(name, "AdditionalIncludeDirectories") == 0 ||
           strcasecmp(name, "ForcedIncludeFiles") == 0;
}

static char *expand_metadata_value(Reader *r, const char *name, const char *raw,
                                   unsigned line, const MsbMeta *meta)
{
    return is_path_list(name) ? msb_expand_path_list(&r->ev, raw, line, meta)
                              : msb_expand(&r->ev, raw, line, meta);
}

/* ---- conditions -------------------------------------------------------- */

static const MsbMeta no_metadata = {MSB_META_EMPTY, NULL, NULL};

static bool condition_holds(Reader *r, xmlNode *node, const MsbMeta *meta)
{
    char *condition = attribute(node, "Condition");
    if (condition == NULL)
        return true;
    bool holds = msb_condition(&r->ev, condition, node_line(node), meta);
    free(condition);
    return holds;
}

/* ---- pass 1: properties and imports ------------------------------------ */

static void evaluate_property_group(Reader *r, xmlNode *group)
{
    if (!condition_holds(r, group, &no_metadata))
        return;
    for (xmlNode *n = group->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !condition_holds(r, n, &no_metadata))
            continue;
        char *raw = content(n);
        char *value = msb_expand(&r->ev, raw, node_line(n), NULL);
        msb_set(&r->ev, node_name(n), value, false, node_line(n));
        free(value);
        free(raw);
    }
}

static void add_group(Reader *r, xmlNode *node, const char *file)
{
    r->groups = grow_array(r->groups, r->group_count, sizeof(*r->groups));
    r->groups[r->group_count].node = node;
    r->groups[r->group_count++].file = file;
}

/* The branch of a Choose taken: its properties now, its items later. */
static void evaluate_choose(Reader *r, xmlNode *choose, const char *file, unsigned depth);

static void evaluate_branch(Reader *r, xmlNode *branch, const char *file, unsigned depth)
{
    for (xmlNode *n = branch->children; n != NULL; n = n->next) {
        if (is_element(n, "PropertyGroup"))
            evaluate_property_group(r, n);
        else if (is_element(n, "ItemGroup") || is_element(n, "ItemDefinitionGroup"))
            add_group(r, n, file);
        else if (is_element(n, "Choose"))
            evaluate_choose(r, n, file, depth + 1);
    }
}

static void evaluate_choose(Reader *r, xmlNode *choose, const char *file, unsigned depth)
{
    if (depth > IMPORT_DEPTH_MAX) {
        msb_warn(&r->ev, node_line(choose), "Choose nested more than %d deep; left out",
                 IMPORT_DEPTH_MAX);
        return;
    }
    for (xmlNode *n = choose->children; n != NULL; n = n->next) {
        if (is_element(n, "When") && condition_holds(r, n, &no_metadata)) {
            evaluate_branch(r, n, file, depth);
            return;
        }
        if (is_element(n, "Otherwise")) {
            evaluate_branch(r, n, file, depth);
            return;
        }
    }
}

/* Visual Studio's and the WDK's own imports: what they contribute comes
 * from the environment table. Told by the unexpanded path, since the
 * properties naming their folders are not defined here. */
static bool is_environment_import(const char *raw)
{
    static const char *const roots[] = {
        "$(VCTargetsPath",      "$(UserRootDir",       "$(MSBuildExtensionsPath",
        "$(MSBuildToolsPath",   "$(MSBuildBinPath",    "$(MSBuildSDKsPath",
        "$(MSBuildUserExtensionsPath", "$(VCInstallDir", "$(VSInstallDir",
        "$(WindowsSdkDir",      "$(WDKContentRoot",    "$(DevEnvDir",
    };
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        if (strcasestr(raw, roots[i]) != NULL)
            return true;
    }
    return false;
}

/* Visual Studio's Microsoft.Cpp.*, and the WDK's and SDK's NuGet
 * packages (Microsoft.Windows.WDK.x64.props ...), wherever the project
 * says they are. */
static bool is_toolset_import(const char *path)
{
    static const char *const prefixes[] = {
        "Microsoft.Cpp.", "Microsoft.Windows.WDK.", "Microsoft.Windows.SDK.",
    };
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncasecmp(base, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    }
    return false;
}

static bool chain_has(const Reader *r, const char *path)
{
    for (size_t i = 0; i < r->chain_length; i++) {
        if (strcmp(r->chain[i], path) == 0)
            return true;
    }
    return false;
}

static bool was_read(const Reader *r, const char *path)
{
    for (size_t i = 0; i < r->out->read_count; i++) {
        if (strcmp(r->out->read[i], path) == 0)
            return true;
    }
    return false;
}

static int evaluate_file(Reader *r, xmlNode *root, const char *file);

/* Reads the import `found` (it exists) named at `line`. */
static int read_import(Reader *r, const char *found, const char *written, unsigned line)
{
    struct stat st;
    char real[PATH_MAX];
    if (stat(found, &st) != 0 || !S_ISREG(st.st_mode) || realpath(found, real) == NULL) {
        msb_warn(&r->ev, line, "import %s is not a regular file; not read", written);
        return 0;
    }
    if (chain_has(r, real)) {
        msb_warn(&r->ev, line, "import %s imports itself through its imports; not read again",
                 written);
        return 0;
    }
    if (was_read(r, real)) {
        msb_warn(&r->ev, line, "import %s was imported already; not read again", written);
        return 0;
    }
    if (r->chain_length > IMPORT_DEPTH_MAX) {
        snprintf(r->err, r->err_size, "%s:%u: imports nested more than %d deep", r->ev.file,
                 line, IMPORT_DEPTH_MAX);
        return -1;
    }
    xmlNode *root = read_document(r, real);
    if (root == NULL)
        return -1;
    const char *file = r->out->read[r->out->read_count - 1];
    r->chain[r->chain_length++] = file;
    int rc = evaluate_file(r, root, file);
    r->chain_length--;
    return rc;
}

/* Whether a missing import is expected: its condition asks whether it
 * exists. */
static bool guarded_by_exists(xmlNode *node)
{
    char *condition = attribute(node, "Condition");
    bool guarded = condition != NULL && strcasestr(condition, "exists") != NULL;
    free(condition);
    return guarded;
}

static int import_expanded(Reader *r, xmlNode *node, const char *written, unsigned line)
{
    if (strpbrk(written, "*?") != NULL) {
        msb_warn(&r->ev, line, "wildcards in imports are not supported: %s; not read",
                 written);
        return 0;
    }
    char *joined = msb_path_join(r->ev.file_dir, written);
    int rc = 0;
    if (is_toolset_import(joined)) {
        /* The environment table's. */
    } else if (!ends_with_case(joined, ".props") && !ends_with_case(joined, ".targets")) {
        msb_warn(&r->ev, line, "import %s is not a .props or .targets file; not read",
                 written);
    } else {
        char *found = msb_path_find(joined);
        if (found != NULL)
            rc = read_import(r, found, written, line);
        else if (!guarded_by_exists(node))
            msb_warn(&r->ev, line, "import %s not found; not read", written);
        free(found);
    }
    free(joined);
    return rc;
}

static int evaluate_import(Reader *r, xmlNode *node)
{
    unsigned line = node_line(node);
    char *raw = attribute(node, "Project");
    char *sdk = attribute(node, "Sdk");
    int rc = 0;
    if (raw == NULL) {
        msb_warn(&r->ev, line, "an Import with no Project; left out");
    } else if (sdk == NULL && !is_environment_import(raw) &&
               condition_holds(r, node, &no_metadata)) {
        if (msb_starts_with_empty_property(&r->ev, raw)) {
            if (!guarded_by_exists(node))
                msb_warn(&r->ev, line,
                         "import %s starts with a property not defined here; not read", raw);
        } else {
            char *expanded = msb_expand(&r->ev, raw, line, &no_metadata);
            msb_unescape(expanded);
            char *written = trimmed(expanded);
            if (written[0] == '\0')
                msb_warn(&r->ev, line, "import %s is empty once expanded; not read", raw);
            else
                rc = import_expanded(r, node, written, line);
            free(written);
            free(expanded);
        }
    }
    free(sdk);
    free(raw);
    return rc;
}

static int evaluate_import_group(Reader *r, xmlNode *group)
{
    if (!condition_holds(r, group, &no_metadata))
        return 0;
    for (xmlNode *n = group->children; n != NULL; n = n->next) {
        if (is_element(n, "Import") && evaluate_import(r, n) != 0)
            return -1;
    }
    return 0;
}

static int evaluate_file(Reader *r, xmlNode *root, const char *file)
{
    for (xmlNode *n = root->children; n != NULL; n = n->next) {
        /* An import read before makes its own file the current one. */
        msb_set_file(&r->ev, file);
        int rc = 0;
        if (is_element(n, "PropertyGroup"))
            evaluate_property_group(r, n);
        else if (is_element(n, "Import"))
            rc = evaluate_import(r, n);
        else if (is_element(n, "ImportGroup"))
            rc = evaluate_import_group(r, n);
        else if (is_element(n, "Choose"))
            evaluate_choose(r, n, file, 0);
        else if (is_element(n, "ItemGroup") || is_element(n, "ItemDefinitionGroup"))
            add_group(r, n, file);
        if (rc != 0)
            return rc;
    }
    msb_set_file(&r->ev, file);
    return 0;
}

/* ---- pass 2: item definitions ------------------------------------------ */

/* Attributes of an item element that are not metadata. */
static bool is_item_attribute(const char *name)
{
    static const char *const names[] = {
        "Include", "Exclude", "Remove", "Update", "Condition", "Label", "KeepMetadata",
        "RemoveMetadata", "KeepDuplicates", "MatchOnMetadata", "MatchOnMetadataOptions",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], name) == 0)
            return true;
    }
    return false;
}

/* The metadata of an item element (`into`), from its attributes and its
 * child elements, each under its condition, `%(...)` from `meta`. */
/* Whether one more metadata value may be evaluated. */
static bool metadata_allowed(Reader *r, unsigned line)
{
    if (r->metadata_sets == METADATA_SETS_MAX)
        msb_warn(&r->ev, line, "more than %zu metadata values; the rest are left out",
                 METADATA_SETS_MAX);
    if (r->metadata_sets >= METADATA_SETS_MAX) {
        r->metadata_sets = METADATA_SETS_MAX + 1;
        return false;
    }
    r->metadata_sets++;
    return true;
}

/* Sets metadata within the project's bounds. */
static void store_metadata(Reader *r, MetaList *into, const char *name, const char *value,
                           unsigned line)
{
    const char *old = meta_get(into, name);
    if (old == NULL && into->count >= METADATA_NAMES_MAX) {
        msb_warn(&r->ev, line, "more than %zu metadata of one item; the rest are left out",
                 METADATA_NAMES_MAX);
        return;
    }
    size_t freed = old != NULL ? strlen(old) : 0;
    size_t length = strlen(value);
    if (r->metadata_bytes - freed + length > METADATA_BYTES_MAX) {
        msb_warn(&r->ev, line, "more than %zu MiB of metadata; the rest is taken as empty",
                 METADATA_BYTES_MAX >> 20);
        value = "";
        length = 0;
    }
    r->metadata_bytes = r->metadata_bytes - freed + length;
    meta_set(into, name, value);
}

static void evaluate_metadata(Reader *r, xmlNode *element, MetaList *into, const MsbMeta *meta)
{
    for (xmlAttr *a = element->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        if (is_item_attribute(name) || !metadata_allowed(r, node_line(element)))
            continue;
        char *raw = attribute(element, name);
        if (raw == NULL)
            continue;
        char *value = expand_metadata_value(r, name, raw, node_line(element), meta);
        store_metadata(r, into, name, value, node_line(element));
        free(value);
        free(raw);
    }
    for (xmlNode *n = element->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !metadata_allowed(r, node_line(n)) ||
            !condition_holds(r, n, meta))
            continue;
        char *raw = content(n);
        char *value = expand_metadata_value(r, node_name(n), raw, node_line(n), meta);
        store_metadata(r, into, node_name(n), value, node_line(n));
        free(value);
        free(raw);
    }
}

static void evaluate_definitions(Reader *r)
{
    MsbMeta meta = {MSB_META_LOOKUP, definition_lookup, &r->definitions};
    for (size_t g = 0; g < r->group_count; g++) {
        xmlNode *group = r->groups[g].node;
        msb_set_file(&r->ev, r->groups[g].file);
        if (!is_element(group, "ItemDefinitionGroup") ||
            !condition_holds(r, group, &no_metadata))
            continue;
        for (xmlNode *n = group->children; n != NULL; n = n->next) {
            if (is_element(n, "ClCompile") && condition_holds(r, n, &no_metadata))
                evaluate_metadata(r, n, &r->definitions, &meta);
        }
    }
}

/* ---- pass 3: items ------------------------------------------------------ */

static bool has_wildcard(const char *text)
{
    return strpbrk(text, "*?") != NULL;
}

/* Whether the item at `path` is named by an Exclude or Remove entry
 * (absolute), in any case, with wildcards. */
static bool matches(Reader *r, const char *pattern, const char *path)
{
    if (r->match_budget == 0)
        return false;
    if (--r->match_budget == 0)
        msb_warn(&r->ev, 0, "too many items to match; the rest of Exclude and Remove "
                            "are left out");
    if (has_wildcard(pattern))
        return fnmatch(pattern, path, FNM_CASEFOLD | FNM_PATHNAME) == 0;
    return strcasecmp(pattern, path) == 0;
}

/* The `;` entries of an expanded list, trimmed and unescaped, each made
 * absolute against the project's folder when `absolute`. */
typedef struct Entries {
    char **items;
    size_t count;
} Entries;

static void entries_split(Reader *r, const char *text, bool absolute, Entries *out)
{
    memset(out, 0, sizeof(*out));
    const char *p = text;
    while (*p != '\0') {
        size_t n = strcspn(p, ";");
        char *raw = xstrndup(p, n);
        char *entry = trimmed(raw);
        free(raw);
        msb_unescape(entry);
        if (entry[0] != '\0') {
            out->items = grow_array(out->items, out->count, sizeof(*out->items));
            out->items[out->count++] = absolute ? msb_path_join(r->dir, entry) : copy(entry);
        }
        free(entry);
        p += n;
        if (*p == ';')
            p++;
    }
}

static void entries_free(Entries *e)
{
    for (size_t i = 0; i < e->count; i++)
        free(e->items[i]);
    free(e->items);
}

static Entries attribute_entries(Reader *r, xmlNode *node, const char *name, bool absolute)
{
    Entries e = {NULL, 0};
    char *raw = attribute(node, name);
    if (raw != NULL) {
        char *expanded = msb_expand(&r->ev, raw, node_line(node), &no_metadata);
        entries_split(r, expanded, absolute, &e);
        free(expanded);
        free(raw);
    }
    return e;
}

static bool excluded(Reader *r, const Entries *exclude, const char *path)
{
    for (size_t i = 0; i < exclude->count; i++) {
        if (matches(r, exclude->items[i], path))
            return true;
    }
    return false;
}

static void add_item(Reader *r, xmlNode *element, const char *include, const char *path)
{
    if (r->item_count == ITEM_MAX) {
        msb_warn(&r->ev, node_line(element), "more than %zu ClCompile items; the rest are "
                                              "left out", ITEM_MAX);
        return;
    }
    r->items = grow_array(r->items, r->item_count, sizeof(*r->items));
    Item *item = &r->items[r->item_count++];
    memset(item, 0, sizeof(*item));
    item->include = copy(include);
    item->path = copy(path);
    item->file = r->ev.file;
    item->line = node_line(element);
    ItemContext ic;
    ic.item = item;
    ic.definitions = &r->definitions;
    MsbMeta meta = {MSB_META_LOOKUP, item_lookup, &ic};
    evaluate_metadata(r, element, &item->meta, &meta);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of one folder a `*.c` entry names, in byte order. */
static void add_wildcard_items(Reader *r, xmlNode *element, const char *written,
                               const char *path, const Entries *exclude)
{
    const char *slash = strrchr(path, '/');
    char *folder = xstrndup(path, slash > path ? (size_t)(slash - path) : 1);
    const char *pattern = slash + 1;
    char *found = NULL;
    if (has_wildcard(folder) || strstr(pattern, "**") != NULL) {
        msb_warn(&r->ev, node_line(element),
                 "wildcards are supported in file names only: %s; left out", written);
    } else if ((found = msb_path_find(folder)) != NULL) {
        Entries names = {NULL, 0};
        DIR *d = opendir(found);
        struct dirent *e;
        while (d != NULL && (e = readdir(d)) != NULL) {
            if (e->d_name[0] != '.' && fnmatch(pattern, e->d_name, FNM_CASEFOLD) == 0) {
                names.items = grow_array(names.items, names.count, sizeof(*names.items));
                names.items[names.count++] = copy(e->d_name);
            }
        }
        if (d != NULL)
            closedir(d);
        if (names.count > 0)
            qsort(names.items, names.count, sizeof(*names.items), compare_names);
        for (size_t i = 0; i < names.count; i++) {
            char *file = msb_path_join(found, names.items[i]);
            struct stat st;
            if (stat(file, &st) == 0 && S_ISREG(st.st_mode) && !excluded(r, exclude, file))
                add_item(r, element, file, file);
            free(file);
        }
        entries_free(&names);
    }
    free(found);
    free(folder);
}

static void include_items(Reader *r, xmlNode *element)
{
    Entries written = attribute_entries(r, element, "Include", false);
    Entries exclude = attribute_entries(r, element, "Exclude", true);
    for (size_t i = 0; i < written.count; i++) {
        char *path = msb_path_join(r->dir, written.items[i]);
        if (has_wildcard(written.items[i]))
            add_wildcard_items(r, element, written.items[i], path, &exclude);
        else if (!excluded(r, &exclude, path))
            add_item(r, element, written.items[i], path);
        free(path);
    }
    entries_free(&exclude);
    entries_free(&written);
}

static void item_free(Item *item)
{
    free(item->include);
    free(item->path);
    meta_free(&item->meta);
}

static void remove_items(Reader *r, xmlNode *element)
{
    Entries remove = attribute_entries(r, element, "Remove", true);
    size_t kept = 0;
    for (size_t i = 0; i < r->item_count; i++) {
        if (excluded(r, &remove, r->items[i].path))
            item_free(&r->items[i]);
        else
            r->items[kept++] = r->items[i];
    }
    r->item_count = kept;
    entries_free(&remove);
}

static void update_items(Reader *r, xmlNode *element)
{
    Entries update = attribute_entries(r, element, "Update", true);
    for (size_t i = 0; i < r->item_count; i++) {
        if (!excluded(r, &update, r->items[i].path))
            continue;
        ItemContext ic;
        ic.item = &r->items[i];
        ic.definitions = &r->definitions;
        MsbMeta meta = {MSB_META_LOOKUP, item_lookup, &ic};
        evaluate_metadata(r, element, &r->items[i].meta, &meta);
    }
    entries_free(&update);
}

static void evaluate_item_element(Reader *r, xmlNode *element)
{
    if (!condition_holds(r, element, &no_metadata))
        return;
    if (xmlHasProp(element, (const xmlChar *)"Include") != NULL)
        include_items(r, element);
    else if (xmlHasProp(element, (const xmlChar *)"Remove") != NULL)
        remove_items(r, element);
    else if (xmlHasProp(element, (const xmlChar *)"Update") != NULL)
        update_items(r, element);
}

static void evaluate_items(Reader *r)
{
    for (size_t g = 0; g < r->group_count; g++) {
        xmlNode *group = r->groups[g].node;
        msb_set_file(&r->ev, r->groups[g].file);
        if (!is_element(group, "ItemGroup") || !condition_holds(r, group, &no_metadata))
            continue;
        for (xmlNode *n = group->children; n != NULL; n = n->next) {
            if (is_element(n, "ClCompile"))
                evaluate_item_element(r, n);
        }
    }
}

/* ---- the configuration -------------------------------------------------- */

typedef struct Configurations {
    Configuration *items;
    size_t count;
} Configurations;

static void configurations_free(Configurations *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].configuration);
        free(list->items[i].platform);
    }
    free(list->items);
}

/* The metadata element `name` of `item`, as written. */
static char *child_text(xmlNode *item, const char *name)
{
    for (xmlNode *n = item->children; n != NULL; n = n->next) {
        if (is_element(n, name)) {
            char *raw = content(n);
            char *out = trimmed(raw);
            free(raw);
            return out;
        }
    }
    return copy("");
}

static void add_configuration(Configurations *list, xmlNode *item)
{
    char *include = attribute(item, "Include");
    if (include == NULL || list->count == CONFIGURATION_MAX) {
        free(include);
        return;
    }
    char *bar = strchr(include, '|');
    Configuration c;
    if (bar != NULL) {
        char *left = xstrndup(include, (size_t)(bar - include));
        c.configuration = trimmed(left);
        c.platform = trimmed(bar + 1);
        free(left);
    } else {
        c.configuration = child_text(item, "Configuration");
        c.platform = child_text(item, "Platform");
    }
    c.line = node_line(item);
    free(include);
    if (c.configuration[0] == '\0' || c.platform[0] == '\0') {
        free(c.configuration);
        free(c.platform);
        return;
    }
    list->items = grow_array(list->items, list->count, sizeof(*list->items));
    list->items[list->count++] = c;
}

/* The ProjectConfiguration items of the project file itself, as Visual
 * Studio reads them: before evaluation, since they choose its global
 * properties. */
static void list_configurations(xmlNode *root, Configurations *list)
{
    memset(list, 0, sizeof(*list));
    for (xmlNode *g = root->children; g != NULL; g = g->next) {
        if (!is_element(g, "ItemGroup"))
            continue;
        for (xmlNode *n = g->children; n != NULL; n = n->next) {
            if (is_element(n, "ProjectConfiguration"))
                add_configuration(list, n);
        }
    }
}

static bool same_platform(const Reader *r, const char *a, const char *b)
{
    if (strcasecmp(a, b) == 0)
        return true;
    const char *ca = build_environment_platform(r->env, a);
    const char *cb = build_environment_platform(r->env, b);
    return ca != NULL && cb != NULL && strcmp(ca, cb) == 0;
}

/* The first configuration listed with `configuration` and `platform`
 * (either NULL for any), or NULL. */
static const Configuration *first_of(const Reader *r, const Configurations *list,
                                     const char *configuration, const char *platform)
{
    for (size_t i = 0; i < list->count; i++) {
        const Configuration *c = &list->items[i];
        if ((configuration == NULL || strcasecmp(c->configuration, configuration) == 0) &&
            (platform == NULL || same_platform(r, c->platform, platform)))
            return c;
    }
    return NULL;
}

static void describe(char *out, size_t size, const char *configuration, const char *platform)
{
    snprintf(out, size, "%s%s%s", configuration != NULL ? configuration : "",
             configuration != NULL && platform != NULL ? "|" : "",
             platform != NULL ? platform : "");
}

/* What is taken when part of the choice is missing: the Release
 * configuration for x64 that a release build would be, as near as the
 * project lists one. */
static const Configuration *default_of(const Reader *r, const Configurations *list,
                                       const BuildChoice *choice, char *how, size_t how_size)
{
    const char *asked_config = choice->configuration;
    const char *asked_platform = choice->platform;
    const char *config = asked_config != NULL ? asked_config : "Release";
    const char *platform = asked_platform != NULL ? asked_platform : "x64";
    const char *tries[3][2] = {
        {config, platform},
        {config, asked_platform},
        {asked_config, asked_platform},
    };
    for (size_t i = 0; i < 3; i++) {
        const Configuration *c = first_of(r, list, tries[i][0], tries[i][1]);
        if (c != NULL) {
            char what[256];
            describe(what, sizeof what, tries[i][0], tries[i][1]);
            snprintf(how, how_size, "the first %s%sof %zu listed", what, what[0] ? " " : "",
                     list->count);
            return c;
        }
    }
    return NULL;
}

static void list_names(const Configurations *list, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < list->count && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s|%s", i > 0 ? ", " : "",
                         list->items[i].configuration, list->items[i].platform);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int choose_configuration(Reader *r, xmlNode *root, const BuildChoice *choice,
                                char **configuration, char **platform, unsigned *line)
{
    Configurations list;
    list_configurations(root, &list);
    bool complete = choice->configuration != NULL && choice->platform != NULL;
    const char *missing = choice->configuration == NULL ? "no configuration given"
                                                        : "no platform given";
    char how[300];
    *line = 0;
    int rc = 0;
    if (list.count == 0) {
        *configuration = copy(choice->configuration ? choice->configuration : "Release");
        *platform = copy(choice->platform ? choice->platform : "x64");
        if (!complete)
            msb_warn(&r->ev, 0, "%s, and no ProjectConfiguration listed; taking %s|%s",
                     missing, *configuration, *platform);
    } else {
        const Configuration *c = complete ? first_of(r, &list, choice->configuration,
                                                     choice->platform)
                                          : default_of(r, &list, choice, how, sizeof how);
        if (c == NULL) {
            char asked[256];
            char names[1024];
            describe(asked, sizeof asked, choice->configuration, choice->platform);
            list_names(&list, names, sizeof names);
            snprintf(r->err, r->err_size, "%s: no configuration %s in it; it has %s",
                     r->out->path, asked, names);
            rc = -1;
        } else {
            *configuration = copy(c->configuration);
            *platform = copy(c->platform);
            *line = c->line;
            if (!complete)
                msb_warn(&r->ev, c->line, "%s; taking %s|%s, %s", missing, c->configuration,
                         c->platform, how);
        }
    }
    configurations_free(&list);
    return rc;
}

/* The properties MSBuild and Visual Studio define before the project's
 * first line: fixed (reserved or global) or defaults the file may set. */
static void define_start_properties(Reader *r, const char *configuration, const char *platform)
{
    MsbEval *ev = &r->ev;
    const char *path = r->out->path;
    const char *base = strrchr(path, '/') + 1;
    const char *dot = strrchr(base, '.');
    char *name = xstrndup(base, dot != NULL ? (size_t)(dot - base) : strlen(base));
    size_t dir_length = strlen(r->dir);
    char *dir_slash = xrealloc(NULL, dir_length + 2, 1);
    snprintf(dir_slash, dir_length + 2, "%s/", strcmp(r->dir, "/") == 0 ? "" : r->dir);
    bool win32 = strcasecmp(platform, "Win32") == 0;
    char intdir[512];
    char outdir[PATH_MAX + 512];
    if (win32)
        snprintf(intdir, sizeof intdir, "%s/", configuration);
    else
        snprintf(intdir, sizeof intdir, "%s/%s/", platform, configuration);
    snprintf(outdir, sizeof outdir, "%s%s", dir_slash, intdir);

    msb_set(ev, "Configuration", configuration, true, 0);
    msb_set(ev, "Platform", platform, true, 0);
    msb_set(ev, "MSBuildProjectDirectory", r->dir, true, 0);
    msb_set(ev, "MSBuildProjectDirectoryNoRoot", r->dir + 1, true, 0);
    msb_set(ev, "MSBuildProjectFullPath", path, true, 0);
    msb_set(ev, "MSBuildProjectFile", base, true, 0);
    msb_set(ev, "MSBuildProjectName", name, true, 0);
    msb_set(ev, "MSBuildProjectExtension", dot != NULL ? dot : "", true, 0);
    msb_set(ev, "ProjectDir", dir_slash, false, 0);
    msb_set(ev, "ProjectPath", path, false, 0);
    msb_set(ev, "ProjectName", name, false, 0);
    msb_set(ev, "ProjectFileName", base, false, 0);
    msb_set(ev, "ProjectExt", dot != NULL ? dot : "", false, 0);
    msb_set(ev, "TargetName", name, false, 0);
    /* Without the .sln, Visual Studio takes the project's folder. */
    msb_set(ev, "SolutionDir", dir_slash, false, 0);
    msb_set(ev, "IntDir", intdir, false, 0);
    msb_set(ev, "OutDir", outdir, false, 0);
    free(dir_slash);
    free(name);
}

/* ---- arguments ----------------------------------------------------------- */

static char *property_value(const Reader *r, const char *name)
{
    const char *value = msb_get(&r->ev, name);
    char *out = trimmed(value != NULL ? value : "");
    msb_unescape(out);
    return out;
}

static bool is_driver(const Reader *r, char **configuration_type)
{
    char *toolset = property_value(r, "PlatformToolset");
    char *driver_type = property_value(r, "DriverType");
    *configuration_type = property_value(r, "ConfigurationType");
    bool driver = strcasecmp(*configuration_type, "Driver") == 0 ||
                  strncasecmp(toolset, "WindowsKernelModeDriver", 23) == 0 ||
                  driver_type[0] != '\0';
    free(toolset);
    free(driver_type);
    return driver;
}

/* What the environment adds for the whole project: the platform's
 * target and macros, DBG, the TargetVersion's and DriverType's macros. */
static void environment_args(Reader *r, const char *configuration, const char *platform,
                             unsigned line, ArgList *out)
{
    const char *canonical = build_environment_platform(r->env, platform);
    if (canonical == NULL) {
        msb_warn(&r->ev, line, "platform %s is not known; taken as x64", platform);
        canonical = "x64";
    }
    build_environment_platform_args(r->env, canonical,
                                    build_environment_is_debug(configuration), out);
    char *version = property_value(r, "TargetVersion");
    if (version[0] != '\0' && !build_environment_target_version_args(r->env, version, out))
        msb_warn(&r->ev, 0, "TargetVersion %s is not known; its macros are left out", version);
    free(version);
    char *type = property_value(r, "DriverType");
    if (type[0] != '\0' && !build_environment_driver_type_args(r->env, type, out))
        msb_warn(&r->ev, 0, "DriverType %s is not known; its macros are left out", type);
    free(type);
}

/* The entries of a metadata value: split, trimmed, unescaped; leftovers
 * of %(...) that had no value are dropped. */
static void metadata_entries(Reader *r, const Item *item, const char *name, Entries *out)
{
    const char *value = item_meta(r, item, name);
    entries_split(r, value != NULL ? value : "", false, out);
    size_t kept = 0;
    for (size_t i = 0; i < out->count; i++) {
        if (strncmp(out->items[i], "%(", 2) == 0)
            free(out->items[i]);
        else
            out->items[kept++] = out->items[i];
    }
    out->count = kept;
}

static void add_flagged(ArgList *args, const char *flag, const char *value)
{
    size_t n = strlen(flag) + strlen(value) + 1;
    char *arg = xrealloc(NULL, n, 1);
    snprintf(arg, n, "%s%s", flag, value);
    arg_list_add(args, arg);
    free(arg);
}

static void add_macros(Reader *r, const Item *item, const char *name, const char *flag,
                       ArgList *args)
{
    Entries e;
    metadata_entries(r, item, name, &e);
    for (size_t i = 0; i < e.count; i++) {
        /* cl.exe takes NAME#VALUE for NAME=VALUE. */
        char *hash = strchr(e.items[i], '#');
        if (hash != NULL && strchr(e.items[i], '=') == NULL)
            *hash = '=';
        add_flagged(args, flag, e.items[i]);
    }
    entries_free(&e);
}

/* A folder or file the arguments name: absolute, in the case the disk
 * has when it exists; NULL (with a warning) for one in the kernel's
 * trees, which the parser must not be sent into. */
static char *argument_path(Reader *r, const Item *item, const char *name, const char *entry)
{
    char *joined = msb_path_join(r->dir, entry);
    char *found = msb_path_find(joined);
    if (found == NULL && msb_path_forbidden(joined)) {
        msb_warn(&r->ev, item->line, "%s %s is in /proc, /dev or /sys; left out", name, entry);
        free(joined);
        return NULL;
    }
    if (found == NULL)
        return joined;
    free(joined);
    return found;
}

static void add_paths(Reader *r, const Item *item, const char *name, const char *flag,
                      bool separate, ArgList *args)
{
    Entries e;
    metadata_entries(r, item, name, &e);
    for (size_t i = 0; i < e.count; i++) {
        char *path = argument_path(r, item, name, e.items[i]);
        if (path == NULL)
            continue;
        if (separate) {
            arg_list_add(args, flag);
            arg_list_add(args, path);
        } else {
            add_flagged(args, flag, path);
        }
        free(path);
    }
    entries_free(&e);
}

typedef struct Standard {
    const char *value;
    const char *flag;
} Standard;

static const Standard cpp_standards[] = {
    {"stdcpp14", "-std=c++14"},
    {"stdcpp17", "-std=c++17"},
    {"stdcpp20", "-std=c++20"},
    {"stdcpplatest", "-std=c++2b"},
};

static const Standard c_standards[] = {
    {"stdc11", "-std=c11"},
    {"stdc17", "-std=c17"},
};

static void add_standard(Reader *r, const Item *item, const char *name, const Standard *table,
                         size_t count, ArgList *args)
{
    const char *value = item_meta(r, item, name);
    char *v = trimmed(value != NULL ? value : "");
    bool known = v[0] == '\0' || strcasecmp(v, "Default") == 0;
    for (size_t i = 0; !known && i < count; i++) {
        if (strcasecmp(v, table[i].value) == 0) {
            arg_list_add(args, table[i].flag);
            known = true;
        }
    }
    if (!known)
        msb_warn(&r->ev, item->line, "%s %s is not known; left out", name, v);
    free(v);
}

static bool metadata_is(const Reader *r, const Item *item, const char *name, const char *value)
{
    const char *v = item_meta(r, item, name);
    char *t = trimmed(v != NULL ? v : "");
    bool same = strcasecmp(t, value) == 0;
    free(t);
    return same;
}

/* -x and -std: CompileAs decides the language, else the extension. */
static void add_language(Reader *r, const Item *item, const char *path, ArgList *args)
{
    bool cplusplus = source_is_cplusplus(path);
    if (metadata_is(r, item, "CompileAs", "CompileAsC")) {
        arg_list_add(args, "-x");
        arg_list_add(args, "c");
        cplusplus = false;
    } else if (metadata_is(r, item, "CompileAs", "CompileAsCpp")) {
        arg_list_add(args, "-x");
        arg_list_add(args, "c++");
        cplusplus = true;
    } else if (!metadata_is(r, item, "CompileAs", "") &&
               !metadata_is(r, item, "CompileAs", "Default")) {
        msb_warn(&r->ev, item->line, "CompileAs %s is not supported; left out",
                 item_meta(r, item, "CompileAs"));
    }
    if (cplusplus)
        add_standard(r, item, "LanguageStandard", cpp_standards,
                     sizeof cpp_standards / sizeof cpp_standards[0], args);
    else
        add_standard(r, item, "LanguageStandard_C", c_standards,
                     sizeof c_standards / sizeof c_standards[0], args);
}

static void item_args(Reader *r, const Item *item, const char *path, ArgList *args)
{
    add_macros(r, item, "PreprocessorDefinitions", "-D", args);
    add_macros(r, item, "UndefinePreprocessorDefinitions", "-U", args);
    add_paths(r, item, "AdditionalIncludeDirectories", "-I", false, args);
    add_paths(r, item, "ForcedIncludeFiles", "-include", true, args);
    add_language(r, item, path, args);
}

static size_t path_hash(const char *path)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++)
        h = (h ^ *p) * 1099511628211ull;
    return (size_t)h;
}

/* Adds `path` to the set; false when it was there already. */
static bool path_set_add(PathSet *set, const char *path)
{
    if ((set->count + 1) * 2 > set->slot_count) {
        PathSet bigger = {NULL, set->slot_count ? set->slot_count * 2 : 64, 0};
        bigger.slots = checked_alloc(calloc(bigger.slot_count, sizeof(*bigger.slots)));
        for (size_t i = 0; i < set->slot_count; i++) {
            if (set->slots[i] == NULL)
                continue;
            size_t j = path_hash(set->slots[i]) & (bigger.slot_count - 1);
            while (bigger.slots[j] != NULL)
                j = (j + 1) & (bigger.slot_count - 1);
            bigger.slots[j] = set->slots[i];
        }
        bigger.count = set->count;
        free(set->slots);
        *set = bigger;
    }
    size_t mask = set->slot_count - 1;
    size_t j = path_hash(path) & mask;
    for (; set->slots[j] != NULL; j = (j + 1) & mask) {
        if (strcmp(set->slots[j], path) == 0)
            return false;
    }
    set->slots[j] = copy(path);
    set->count++;
    return true;
}

static void path_set_free(PathSet *set)
{
    for (size_t i = 0; i < set->slot_count; i++)
        free(set->slots[i]);
    free(set->slots);
}

static size_t args_bytes(const ArgList *args)
{
    size_t n = 0;
    for (size_t i = 0; i < args->count; i++)
        n += strlen(args->items[i]) + 1;
    return n;
}

static void add_sources(Reader *r, const ArgList *base)
{
    for (size_t i = 0; i < r->item_count; i++) {
        const Item *item = &r->items[i];
        msb_set_file(&r->ev, item->file);
        if (metadata_is(r, item, "ExcludedFromBuild", "true"))
            continue;
        char *found = msb_path_find(item->path);
        struct stat st;
        if (found == NULL || stat(found, &st) != 0 || !S_ISREG(st.st_mode)) {
            msb_warn(&r->ev, item->line, "ClCompile %s: no such file; left out",
                     item->include);
        } else if (path_set_add(&r->added, found)) {
            ArgList args = {NULL, 0, 0};
            for (size_t a = 0; a < base->count; a++)
                arg_list_add(&args, base->items[a]);
            item_args(r, item, found, &args);
            r->argument_bytes += args_bytes(&args);
            if (r->argument_bytes > ARGUMENT_BYTES_MAX) {
                msb_warn(&r->ev, item->line, "more than %zu MiB of arguments; ClCompile %s "
                                              "and the rest are left out",
                         ARGUMENT_BYTES_MAX >> 20, item->include);
                arg_list_free(&args);
                free(found);
                return;
            }
            project_add_file(r->out, found, r->dir, &args);
            arg_list_free(&args);
        }
        free(found);
    }
}

/* ---- the whole ------------------------------------------------------------ */

static void reader_free(Reader *r)
{
    for (size_t i = 0; i < r->item_count; i++)
        item_free(&r->items[i]);
    free(r->items);
    meta_free(&r->definitions);
    free(r->groups);
    path_set_free(&r->added);
    for (size_t i = 0; i < r->doc_count; i++)
        xmlFreeDoc(r->docs[i]);
    free(r->docs);
    msb_free(&r->ev);
    free(r->dir);
}

static int evaluate(Reader *r, xmlNode *root, const BuildChoice *choice)
{
    char *configuration = NULL;
    char *platform = NULL;
    unsigned line = 0;
    if (choose_configuration(r, root, choice, &configuration, &platform, &line) != 0)
        return -1;
    size_t n = strlen(configuration) + strlen(platform) + 2;
    r->out->configuration = xrealloc(NULL, n, 1);
    snprintf(r->out->configuration, n, "%s|%s", configuration, platform);
    define_start_properties(r, configuration, platform);
    const char *file = r->out->read[0];
    r->chain[r->chain_length++] = file;
    int rc = evaluate_file(r, root, file);
    char *type = NULL;
    if (rc == 0 && !is_driver(r, &type)) {
        snprintf(r->err, r->err_size, "%s: not a driver project (ConfigurationType %s)",
                 r->out->path, type[0] != '\0' ? type : "not set");
        rc = 1;
    }
    free(type);
    if (rc == 0) {
        msb_set_file(&r->ev, file);
        ArgList base = {NULL, 0, 0};
        environment_args(r, configuration, platform, line, &base);
        evaluate_definitions(r);
        evaluate_items(r);
        add_sources(r, &base);
        arg_list_free(&base);
    }
    free(configuration);
    free(platform);
    return rc;
}

int vcxproj_load(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                 Project *out, ToolMessageList *messages, char *err, size_t err_size)
{
    static const BuildChoice no_choice = {NULL, NULL};
    memset(out, 0, sizeof(*out));
    out->kind = PROJECT_VCXPROJ;
    char real[PATH_MAX];
    if (realpath(path, real) == NULL) {
        snprintf(err, err_size, "%s: cannot read it: %s", path, strerror(errno));
        return -1;
    }
    out->path = copy(real);
    Reader r;
    memset(&r, 0, sizeof(r));
    r.out = out;
    r.env = env;
    r.err = err;
    r.err_size = err_size;
    r.match_budget = MATCH_BUDGET;
    char *slash = strrchr(real, '/');
    r.dir = slash == real ? copy("/") : xstrndup(real, (size_t)(slash - real));
    msb_init(&r.ev, r.dir, messages);
    int rc = -1;
    xmlNode *root = read_document(&r, real);
    if (root != NULL) {
        msb_set_file(&r.ev, out->read[0]);
        rc = evaluate(&r, root, choice != NULL ? choice : &no_choice);
    }
    reader_free(&r);
    return rc;
}
