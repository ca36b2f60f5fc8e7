/* Atomic output: write a temporary file in the destination's directory,
 * fsync it, then rename(2), which replaces the destination in one step on
 * POSIX file systems. */
#include "eventmap/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct em_atomic_file {
	char *path;
	char *temp_path;
	FILE *stream;
	int committed;
};

em_status em_atomic_file_create(em_atomic_file **out, const char *path, em_error *err)
{
	em_atomic_file *file = NULL;
	size_t len;
	int fd;

	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return em_error_set(err, EM_ERR_INVALID, "output path is empty");
	len = strlen(path);
	file = calloc(1, sizeof(*file));
	if (file == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", path);
	file->path = strdup(path);
	file->temp_path = malloc(len + 40);
	if (file->path == NULL || file->temp_path == NULL) {
		em_atomic_file_destroy(file);
		return em_error_set(err, EM_ERR_NOMEM, "%s: out of memory", path);
	}
	/* Beside the destination, so the rename never crosses a file system;
	 * the process id lets a later run remove what a killed one left. */
	snprintf(file->temp_path, len + 40, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
	fd = mkstemp(file->temp_path);
	if (fd < 0) {
		int saved = errno;
		file->temp_path[0] = '\0';
		em_atomic_file_destroy(file);
		return em_error_set(err, EM_ERR_IO, "%s: cannot create: %s", path, strerror(saved));
	}
	fchmod(fd, 0644);
	file->stream = fdopen(fd, "wb");
	if (file->stream == NULL) {
		close(fd);
		em_atomic_file_destroy(file);
		return em_error_set(err, EM_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	}
	*out = file;
	return EM_OK;
}

FILE *em_atomic_file_stream(em_atomic_file *file)
{
	return file ? file->stream : NULL;
}

const char *em_atomic_file_temp_path(const em_atomic_file *file)
{
	return file ? file->temp_path : NULL;
}

em_status em_atomic_file_commit(em_atomic_file *file, em_error *err)
{
	int failed;

	if (file == NULL || file->stream == NULL)
		return em_error_set(err, EM_ERR_INVALID, "atomic file: nothing to commit");
	failed = ferror(file->stream) || fflush(file->stream) != 0 ||
		 fsync(fileno(file->stream)) != 0;
	if (fclose(file->stream) != 0)
		failed = 1;
	file->stream = NULL;
	if (failed)
		return em_error_set(err, EM_ERR_IO, "%s: write failed: %s", file->path,
				    strerror(errno ? errno : EIO));
	if (rename(file->temp_path, file->path) != 0)
		return em_error_set(err, EM_ERR_IO, "%s: cannot replace: %s", file->path,
				    strerror(errno));
	file->committed = 1;
	return EM_OK;
}

void em_atomic_file_destroy(em_atomic_file *file)
{
	if (file == NULL)
		return;
	if (file->stream != NULL)
		fclose(file->stream);
	if (!file->committed && file->temp_path != NULL && file->temp_path[0] != '\0')
		unlink(file->temp_path);
	free(file->temp_path);
	free(file->path);
	free(file);
}

em_status em_atomic_make_directories(const char *path, em_error *err)
{
	char buf[4096];
	size_t len = path ? strlen(path) : 0;

	if (len == 0 || len >= sizeof(buf))
		return em_error_set(err, EM_ERR_INVALID, "directory name is empty or too long");
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return em_error_set(err, EM_ERR_IO, "%s: cannot create: %s", buf,
					    strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0755) != 0 && errno != EEXIST)
		return em_error_set(err, EM_ERR_IO, "%s: cannot create: %s", buf, strerror(errno));
	return EM_OK;
}

void em_atomic_remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *entry;

	if (dir == NULL) {
		unlink(path);
		return;
	}
	while ((entry = readdir(dir)) != NULL) {
		char child[4096];
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", path, entry->d_name) <
		    sizeof(child))
			em_atomic_remove_tree(child);
	}
	closedir(dir);
	rmdir(path);
}

em_status em_atomic_temp_dir(char *out, size_t size, const char *directory, em_error *err)
{
	if ((size_t)snprintf(out, size, "%s/.eventmap.tmp-%ld-XXXXXX", directory,
			     (long)getpid()) >= size) {
		out[0] = '\0';
		return em_error_set(err, EM_ERR_LIMIT, "%s: path too long", directory);
	}
	if (mkdtemp(out) == NULL) {
		em_status status = em_error_set(err, EM_ERR_IO, "%s: cannot write here: %s",
						directory, strerror(errno));
		out[0] = '\0';
		return status;
	}
	return EM_OK;
}

/* Files (em_atomic_file) and directories (em_atomic_temp_dir) named
 * "<name>.tmp-<pid>-XXXXXX" whose writer is gone. */
void em_atomic_sweep(const char *directory)
{
	DIR *dir = opendir(directory);
	struct dirent *entry;

	if (dir == NULL)
		return;
	while ((entry = readdir(dir)) != NULL) {
		const char *mark = strstr(entry->d_name, ".tmp-");
		char path[4096];
		long pid;
		char *end;

		if (mark == NULL)
			continue;
		pid = strtol(mark + 5, &end, 10);
		if (pid <= 0 || *end != '-' || strlen(end) != 7)
			continue;
		/* Only what a writer that is gone left: a running one keeps its own. */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name) <
		    sizeof(path))
			em_atomic_remove_tree(path);
	}
	closedir(dir);
}
