/* path_memo.h - real paths (realpath) remembered for a whole process.
 *
 * Every file of a driver is parsed with the same headers, and resolving a
 * path costs a system call per folder in it: the parser side asks for the
 * same few hundred paths thousands of times, so each is resolved once.
 */
#ifndef NDISLINT_PATH_MEMO_H
#define NDISLINT_PATH_MEMO_H

typedef struct PathMemo PathMemo;

PathMemo *path_memo_new(void);
void path_memo_free(PathMemo *memo);

/* The real path of `path`, as realpath(3) gives it, or NULL when it has
 * none (it does not exist). The string belongs to the memo. A file
 * created or moved during the run is not seen again: the run reads a
 * tree that does not change under it. */
const char *path_memo_real(PathMemo *memo, const char *path);

#endif
