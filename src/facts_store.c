/* facts_store.c - an unnamed temporary file of function bodies; see
 * facts_store.h. */
#include "facts_store.h"
#include "facts_wire.h"
#include "memory.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct BodyStore {
    int fd;
    uint64_t size;
};

static const char *temporary_folder(void)
{
    const char *dir = getenv("TMPDIR");
    return dir != NULL && dir[0] != '\0' ? dir : "/tmp";
}

/* An unnamed file: O_TMPFILE where the file system has it, else a named
 * one unlinked at once. */
static int open_unnamed(void)
{
    const char *dir = temporary_folder();
#ifdef O_TMPFILE
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
#endif
    size_t length = strlen(dir) + sizeof("/ndislint-facts-XXXXXX");
    char *name = checked_alloc(malloc(length));
    snprintf(name, length, "%s/ndislint-facts-XXXXXX", dir);
    int named = mkostemp(name, O_CLOEXEC);
    if (named >= 0)
        unlink(name);
    free(name);
    return named;
}

BodyStore *body_store_open(void)
{
    int fd = open_unnamed();
    if (fd < 0)
        return NULL;
    BodyStore *store = checked_alloc(calloc(1, sizeof(*store)));
    store->fd = fd;
    return store;
}

void body_store_close(BodyStore *store)
{
    if (store == NULL)
        return;
    close(store->fd);
    free(store);
}

bool body_store_put(BodyStore *store, const void *bytes, size_t size, uint64_t *at)
{
    const unsigned char *p = bytes;
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(store->fd, p + done, size - done, (off_t)(store->size + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += (size_t)n;
    }
    *at = store->size;
    store->size += size;
    return true;
}

bool body_store_get(BodyStore *store, uint64_t at, void *out, size_t size)
{
    unsigned char *p = out;
    size_t done = 0;
    while (done < size) {
        ssize_t n = pread(store->fd, p + done, size - done, (off_t)(at + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += (size_t)n;
    }
    return true;
}

static void count_failure(Driver *driver, Function *f)
{
    f->load_failed = true;
    f->body_stored = false;
    driver->load_failures++;
    if (driver->first_load_failure == NULL)
        driver->first_load_failure = f;
}

bool driver_load_body(Driver *driver, Function *f)
{
    if (f == NULL || f->load_failed)
        return false;
    if (!f->body_stored)
        return true;
    /* Decoded into a copy, so that a damaged record leaves nothing half
     * read behind. */
    Function loaded = *f;
    unsigned char *bytes = checked_alloc(malloc(f->stored_size ? f->stored_size : 1));
    bool ok = driver->store != NULL &&
              body_store_get(driver->store, f->stored_at, bytes, f->stored_size) &&
              wire_read_body(bytes, f->stored_size, driver, &driver->arena, &loaded) == 0;
    free(bytes);
    f->body_stored = false;
    if (!ok) {
        count_failure(driver, f);
        return false;
    }
    f->vars = loaded.vars;
    f->var_count = loaded.var_count;
    f->body = loaded.body;
    return true;
}
