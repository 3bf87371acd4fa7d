/* source_cursor_tree.c - the children of every cursor of one body (see
 * source_cursor_tree.h).
 *
 * The visit is depth first and gives each cursor with its parent: the
 * parent is always on the path from the root to the cursor before it, so a
 * stack of that path finds it. The children are then laid out parent by
 * parent (counts, offsets, a second pass to fill), and a hash table on the
 * cursor's value finds a cursor's node. */
#include "source_cursor_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

typedef struct Node {
    CXCursor cursor;
    size_t parent;      /* node index; the root's is itself */
    size_t first_child; /* into `children` */
    size_t child_count;
} Node;

struct CursorTree {
    Node *nodes;
    size_t node_count;
    size_t node_capacity;
    size_t *path; /* node indexes from the root to the last visited */
    size_t path_length;
    size_t path_capacity;
    CXCursor *children; /* every node's children, parent by parent */
    size_t children_capacity;
    size_t *slots; /* hash table: node index + 1, or 0 when empty */
    size_t slot_count;    /* in use for this body (a power of two) */
    size_t slot_capacity; /* allocated */
    bool consistent;
};

static void *grown(void *items, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return items;
    size_t capacity_now = *capacity ? *capacity : 64;
    while (capacity_now < needed)
        capacity_now *= 2;
    void *more = realloc(items, capacity_now * size);
    if (more == NULL)
        out_of_memory();
    *capacity = capacity_now;
    return more;
}

/* Cursors are compared by value: every cursor looked up is a copy of one
 * the visit gave. */
static bool same_cursor(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.xdata == b.xdata && a.data[0] == b.data[0] &&
           a.data[1] == b.data[1] && a.data[2] == b.data[2];
}

/* Is `cursor`, visited earlier, the `parent` the visit gives now? The
 * parent of a statement is given without the declaration it sits in, so
 * statements are known by the statement alone (a declaration's second
 * word is only a flag, so it is known by its first). */
static bool is_statement_kind(enum CXCursorKind kind)
{
    return (kind >= CXCursor_FirstExpr && kind <= CXCursor_LastExpr) ||
           (kind >= CXCursor_FirstStmt && kind <= CXCursor_LastStmt);
}

static bool is_declaration_kind(enum CXCursorKind kind)
{
    return (kind >= CXCursor_FirstDecl && kind <= CXCursor_LastDecl) ||
           (kind >= CXCursor_FirstExtraDecl && kind <= CXCursor_LastExtraDecl);
}

/* (The kind ranges are clang_isStatement's, clang_isExpression's and
 * clang_isDeclaration's, tested here without a call for every cursor.) */
static bool is_parent(CXCursor cursor, CXCursor parent)
{
    if (cursor.kind != parent.kind || cursor.data[2] != parent.data[2])
        return false;
    if (is_statement_kind(cursor.kind))
        return cursor.data[1] == parent.data[1];
    if (is_declaration_kind(cursor.kind))
        return cursor.data[0] == parent.data[0];
    return cursor.data[0] == parent.data[0] && cursor.data[1] == parent.data[1];
}

static size_t cursor_hash(CXCursor cursor)
{
    uint64_t h = (uint64_t)cursor.kind * 0x9E3779B97F4A7C15u;
    for (int i = 0; i < 3; i++)
        h = (h ^ (uint64_t)(uintptr_t)cursor.data[i]) * 0xFF51AFD7ED558CCDu;
    h ^= (uint64_t)(unsigned)cursor.xdata;
    return (size_t)(h ^ (h >> 29));
}

CursorTree *cursor_tree_new(void)
{
    CursorTree *tree = calloc(1, sizeof(*tree));
    if (tree == NULL)
        out_of_memory();
    return tree;
}

void cursor_tree_free(CursorTree *tree)
{
    if (tree == NULL)
        return;
    free(tree->nodes);
    free(tree->path);
    free(tree->children);
    free(tree->slots);
    free(tree);
}

void cursor_tree_clear(CursorTree *tree)
{
    tree->node_count = 0;
    tree->consistent = false;
}

static void add_node(CursorTree *tree, CXCursor cursor, size_t parent)
{
    tree->nodes = grown(tree->nodes, &tree->node_capacity, tree->node_count + 1,
                        sizeof(*tree->nodes));
    Node *node = &tree->nodes[tree->node_count++];
    node->cursor = cursor;
    node->parent = parent;
    node->first_child = 0;
    node->child_count = 0;
}

static void push_path(CursorTree *tree, size_t node)
{
    tree->path = grown(tree->path, &tree->path_capacity, tree->path_length + 1,
                       sizeof(*tree->path));
    tree->path[tree->path_length++] = node;
}

static enum CXChildVisitResult record_cursor(CXCursor cursor, CXCursor parent,
                                             CXClientData data)
{
    CursorTree *tree = data;
    while (tree->path_length > 0 &&
           !is_parent(tree->nodes[tree->path[tree->path_length - 1]].cursor, parent))
        tree->path_length--;
    if (tree->path_length == 0) {
        /* A parent that is not on the path: the tree would be wrong. */
        tree->consistent = false;
        return CXChildVisit_Break;
    }
    /* Some expressions (a sizeof, an operator inside a macro argument) are
     * given a second time as their own child before their children: that
     * is the same node, and what follows belongs to it. */
    if (same_cursor(cursor, tree->nodes[tree->path[tree->path_length - 1]].cursor))
        return CXChildVisit_Recurse;
    size_t node = tree->node_count;
    add_node(tree, cursor, tree->path[tree->path_length - 1]);
    push_path(tree, node);
    return CXChildVisit_Recurse;
}

static void lay_out_children(CursorTree *tree)
{
    for (size_t i = 1; i < tree->node_count; i++)
        tree->nodes[tree->nodes[i].parent].child_count++;
    size_t offset = 0;
    for (size_t i = 0; i < tree->node_count; i++) {
        tree->nodes[i].first_child = offset;
        offset += tree->nodes[i].child_count;
        tree->nodes[i].child_count = 0;
    }
    tree->children = grown(tree->children, &tree->children_capacity, offset + 1,
                           sizeof(*tree->children));
    /* Depth-first order keeps each parent's children in visit order. */
    for (size_t i = 1; i < tree->node_count; i++) {
        Node *parent = &tree->nodes[tree->nodes[i].parent];
        tree->children[parent->first_child + parent->child_count++] = tree->nodes[i].cursor;
    }
}

/* The table is sized for this body (at least twice its nodes), so a small
 * body clears a small table however large an earlier one was. */
static void index_nodes(CursorTree *tree)
{
    size_t wanted = 16;
    while (wanted < tree->node_count * 2)
        wanted *= 2;
    if (wanted > tree->slot_capacity) {
        free(tree->slots);
        tree->slots = malloc(wanted * sizeof(*tree->slots));
        if (tree->slots == NULL)
            out_of_memory();
        tree->slot_capacity = wanted;
    }
    tree->slot_count = wanted;
    memset(tree->slots, 0, wanted * sizeof(*tree->slots));
    size_t mask = wanted - 1;
    for (size_t i = 0; i < tree->node_count; i++) {
        size_t slot = cursor_hash(tree->nodes[i].cursor) & mask;
        while (tree->slots[slot] != 0) {
            /* The same cursor twice (a node the AST shares): the first
             * place is the one a flat visit of its parent would give too,
             * and both have the same children. */
            if (same_cursor(tree->nodes[tree->slots[slot] - 1].cursor, tree->nodes[i].cursor))
                break;
            slot = (slot + 1) & mask;
        }
        if (tree->slots[slot] == 0)
            tree->slots[slot] = i + 1;
    }
}

bool cursor_tree_build(CursorTree *tree, CXCursor root)
{
    tree->node_count = 0;
    tree->path_length = 0;
    tree->consistent = true;
    add_node(tree, root, 0);
    push_path(tree, 0);
    clang_visitChildren(root, record_cursor, tree);
    if (!tree->consistent) {
        cursor_tree_clear(tree);
        return false;
    }
    lay_out_children(tree);
    index_nodes(tree);
    return true;
}

bool cursor_tree_children(const CursorTree *tree, CXCursor cursor, const CXCursor **items,
                          size_t *count)
{
    if (!tree->consistent || tree->node_count == 0)
        return false;
    size_t mask = tree->slot_count - 1;
    for (size_t slot = cursor_hash(cursor) & mask; tree->slots[slot] != 0;
         slot = (slot + 1) & mask) {
        const Node *node = &tree->nodes[tree->slots[slot] - 1];
        if (same_cursor(node->cursor, cursor)) {
            *items = tree->children + node->first_child;
            *count = node->child_count;
            return true;
        }
    }
    return false;
}
