/* A private directory under /tmp for a group of tests, and its removal
 * with everything the tests left in it. */
#ifndef EM_TESTS_TEMPDIR_H
#define EM_TESTS_TEMPDIR_H

#include <stdio.h>
#include <stdlib.h>

static inline int em_test_make_dir(char *dir, size_t size, const char *module)
{
	snprintf(dir, size, "/tmp/eventmap-%s-XXXXXX", module);
	return mkdtemp(dir) ? 0 : -1;
}

static inline int em_test_remove_dir(const char *dir)
{
	char command[512];

	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	return system(command) == 0 ? 0 : -1;
}

#endif
