#include "gdal_support.h"

#include <cpl_error.h>
#include <gdal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_drivers(void)
{
	GDALAllRegister();
}

void em__gdal_register(void)
{
	pthread_once(&registered, register_drivers);
}

em_status em__gdal_error(em_error *err, const char *target, const char *what)
{
	const char *message = CPLGetLastErrorMsg();

	return em_error_set(err, EM_ERR_IO, "%s: %s%s%s", target, what, message[0] ? ": " : "",
			    message);
}

em_status em__gdal_open_csv(GDALDatasetH *out, const char *path, em_status status, em_error *err)
{
	static const char *const drivers[] = {"CSV", NULL};
	static const char *const options[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO",
					      "HEADERS=YES", NULL};
	char *open_path = malloc(strlen(path) + 5);

	*out = NULL;
	if (open_path == NULL)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	/* The prefix makes GDAL read any file name as CSV. */
	sprintf(open_path, "CSV:%s", path);
	*out = GDALOpenEx(open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, NULL);
	free(open_path);
	if (*out == NULL || GDALDatasetGetLayerCount(*out) < 1)
		return em_error_set(err, status, "%s: cannot be read as CSV: %s", path,
				    CPLGetLastErrorMsg()[0] ? CPLGetLastErrorMsg() : "no layer");
	return EM_OK;
}
