/* Shared by the fuzz targets: the contract check, and for the parsers that
 * take a path rather than bytes, a temporary file holding the input.
 * Header-only so that every target stays one .c file. */
#ifndef EVENTMAP_FUZZ_UTIL_H
#define EVENTMAP_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventmap/gazetteer.h"

/* A broken contract is a finding like a memory error: name the check (the
 * only output a target ever writes) and abort, so that libFuzzer keeps the
 * input.  Unlike assert() it stays on in release builds. */
#define FUZZ_CHECK(condition)                                                            \
	do {                                                                             \
		if (!(condition)) {                                                      \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#condition);                                             \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* Writes data to /tmp/eventmap-fuzz-XXXXXX<suffix>; path receives the name
 * (path_size >= 64).  False, with nothing left behind, when it fails. */
static inline bool fuzz_write_temp(char *path, size_t path_size, const char *suffix,
				   const uint8_t *data, size_t size)
{
	size_t done = 0;
	int fd;

	if (snprintf(path, path_size, "/tmp/eventmap-fuzz-XXXXXX%s", suffix) >= (int)path_size)
		return false;
	fd = mkstemps(path, (int)strlen(suffix));
	if (fd < 0)
		return false;
	while (done < size) {
		ssize_t wrote = write(fd, data + done, size - done);
		if (wrote <= 0) {
			close(fd);
			unlink(path);
			return false;
		}
		done += (size_t)wrote;
	}
	if (close(fd) != 0) {
		unlink(path);
		return false;
	}
	return true;
}

/* The real default gazetteer (GeoNames extract and supplement), loaded on
 * the first call and kept for the life of the process. */
static inline const em_gazetteer *fuzz_default_gazetteer(void)
{
	static em_gazetteer *gz;
	em_error err;

	if (gz != NULL)
		return gz;
	em_error_clear(&err);
	/* Without the real data the target tests nothing: stop loudly. */
	FUZZ_CHECK(em_gazetteer_create(&gz) == EM_OK);
	FUZZ_CHECK(em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/geonames-levant.txt",
				     EM_GAZETTEER_PLACES, &err) == EM_OK);
	FUZZ_CHECK(em_gazetteer_load(gz, EM_SOURCE_DIR "/geodata/supplement.tsv",
				     EM_GAZETTEER_PLACES, &err) == EM_OK);
	FUZZ_CHECK(em_gazetteer_finish(gz, &err) == EM_OK);
	FUZZ_CHECK(em_gazetteer_prepare_fuzzy(gz, &err) == EM_OK);
	return gz;
}

#endif
