#include "gdal_csv.h"

#include <cpl_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
