/* eventmap — atomic output files: written beside their destination under a
 * temporary name and renamed into place on commit, so a reader sees the
 * complete file or the previous one, never a half-written one. */
#ifndef EVENTMAP_ATOMIC_H
#define EVENTMAP_ATOMIC_H

#include "eventmap/export.h"

#include <stdio.h>

#include "eventmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct em_atomic_file em_atomic_file;

/* Opens a temporary file in path's directory.  EM_ERR_IO names the path. */
EM_EXTERN em_status em_atomic_file_create(em_atomic_file **out, const char *path, em_error *err);

/* The stream to write to; borrowed, valid until commit or destroy. */
EM_EXTERN FILE *em_atomic_file_stream(em_atomic_file *file);

/* The temporary path, for writers that need a file name (GDAL). */
EM_EXTERN const char *em_atomic_file_temp_path(const em_atomic_file *file);

/* Flushes, syncs and renames over the destination.  Any write error that
 * happened on the stream is reported here (EM_ERR_IO) and the destination
 * is left as it was. */
EM_EXTERN em_status em_atomic_file_commit(em_atomic_file *file, em_error *err);

/* Removes the temporary file unless committed, and frees.  NULL is fine. */
EM_EXTERN void em_atomic_file_destroy(em_atomic_file *file);

/* Removes the temporary files and directories that writers killed before
 * they could clean up (SIGKILL, a power cut) left in `directory`.  Those
 * of running writers are left alone. */
EM_EXTERN void em_atomic_sweep(const char *directory);

/* Creates a private working directory in `directory`, named so that
 * em_atomic_sweep removes it once this process is gone, and writes its
 * path to out. */
EM_EXTERN em_status em_atomic_temp_dir(char *out, size_t size, const char *directory,
				       em_error *err);

/* Removes a file, or a directory with everything in it. */
EM_EXTERN void em_atomic_remove_tree(const char *path);

/* Creates a directory and its missing parents (mkdir -p).  EM_ERR_IO
 * names the directory that could not be made. */
EM_EXTERN em_status em_atomic_make_directories(const char *path, em_error *err);

#ifdef __cplusplus
}
#endif

#endif
