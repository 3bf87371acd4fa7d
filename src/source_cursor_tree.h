/* source_cursor_tree.h - the children of every cursor of one body,
 * gathered in a single recursive visit.
 *
 * Converting a body asks for the children of nearly every cursor in it.
 * Asking libclang each time (clang_visitChildren per cursor) sets up a new
 * visitor per cursor, and that set-up cost more than the conversion itself
 * on real drivers. One recursive visit of the body records every cursor
 * under its parent; the conversion then reads the children from here.
 * Internal to the walk (see source_walker.h).
 */
#ifndef NDISLINT_SOURCE_CURSOR_TREE_H
#define NDISLINT_SOURCE_CURSOR_TREE_H

#include <clang-c/Index.h>

#include <stdbool.h>
#include <stddef.h>

typedef struct CursorTree CursorTree;

CursorTree *cursor_tree_new(void);
void cursor_tree_free(CursorTree *tree);

/* Visits `root` and everything under it (what it held before is
 * forgotten). Returns false when the visit could not be recorded
 * consistently; the tree then answers nothing. */
bool cursor_tree_build(CursorTree *tree, CXCursor root);

/* Forgets the body (the tree answers nothing until the next build). */
void cursor_tree_clear(CursorTree *tree);

/* The children of `cursor`, in the order clang_visitChildren gives them:
 * true and `*items` / `*count` (storage owned by the tree, valid until the
 * next build or clear) when `cursor` is in the tree, else false. */
bool cursor_tree_children(const CursorTree *tree, CXCursor cursor, const CXCursor **items,
                          size_t *count);

#endif
