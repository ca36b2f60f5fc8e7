/* Opening a CSV file the way every reader of the library does (reports,
 * flows, places): through GDAL's CSV driver alone, whatever the file's
 * name, every value a string as written (no type detection, "" kept).
 * Beside gdal_support.h, of which it is a part. */
#ifndef EM_UTIL_GDAL_CSV_H
#define EM_UTIL_GDAL_CSV_H

#include <gdal.h>

#include "eventmap/error.h"

/* Opens path into *out, which has a layer.  Call it once GDAL's drivers
 * are registered (em__gdal_register) and inside a quiet error handler: a
 * file GDAL cannot open as CSV is the error `status`, "PATH: cannot be
 * read as CSV: " and GDAL's last message; *out is then NULL or to be
 * closed by the caller. */
em_status em__gdal_open_csv(GDALDatasetH *out, const char *path, em_status status, em_error *err);

#endif
