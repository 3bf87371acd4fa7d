/* rule_resource_pairs.h - resources that one DDI acquires and another
 * releases, read from the .json files of rules/resources/.
 *
 * A pair says which call acquires the resource and which argument names
 * it, which call releases it, how the acquiring call's success is told,
 * and the roles on whose paths acquisition and release must meet. The
 * paired-resource rule kind (rule_kind_paired_resource.c) checks any pair
 * of this table; adding one is a file of data.
 *
 * Ownership: a ResourcePairTable owns its entries and strings;
 * resource_pairs_free() releases them.
 */
#ifndef NDISLINT_RULE_RESOURCE_PAIRS_H
#define NDISLINT_RULE_RESOURCE_PAIRS_H

#include <stdbool.h>
#include <stddef.h>

/* How a call names the resource: its argument `argument`, or, when
 * `fields` are given, the value the caller stored in one of those fields
 * (a dotted path, "LineBased.InterruptObject") of the structure that
 * argument points to. `address`: that value is the address of the place
 * that keeps the resource (`&adapter->InterruptHandle`), not the resource
 * itself (`adapter->InterruptHandle`). */
typedef struct ResourceArgument {
    char *call;
    int argument;
    bool address;
    char **fields;
    size_t field_count;
} ResourceArgument;

/* How the acquiring call tells success. The one way so far: the status it
 * returns (zero success, an error-severity code failure). */
typedef enum ResourceSuccess { SUCCESS_RETURNED_STATUS } ResourceSuccess;

typedef struct ResourceSequence {
    char *first;
    char *then;
} ResourceSequence;

typedef struct ResourcePair {
    char *name;                /* "ndis-interrupt", the file's name */
    ResourceArgument acquire;
    ResourceArgument release;
    ResourceSuccess success;
    /* Role names (program_role_roots): where it is acquired, and where
     * what the acquiring roles kept must be released. */
    char **acquiring_roles;
    size_t acquiring_role_count;
    char **releasing_roles;
    size_t releasing_role_count;
    /* Releasing roles that may follow one another (IRP_MN_STOP_DEVICE then
     * IRP_MN_REMOVE_DEVICE): the second must not release again what the
     * first did. The first need not be a releasing role
     * (IRP_MN_SURPRISE_REMOVAL). */
    ResourceSequence *sequences;
    size_t sequence_count;
} ResourcePair;

typedef struct ResourcePairTable {
    ResourcePair *items; /* sorted by name */
    size_t count;
} ResourcePairTable;

/* Loads every *.json file of `dir` (zeroed first); a missing folder gives
 * an empty table. A role name the program cannot resolve, an unknown key
 * or a wrong type is an error naming the file and the line. */
int resource_pairs_load(ResourcePairTable *table, const char *dir, char *err, size_t err_size);

void resource_pairs_free(ResourcePairTable *table);

const ResourcePair *resource_pair_find(const ResourcePairTable *table, const char *name);

#endif
