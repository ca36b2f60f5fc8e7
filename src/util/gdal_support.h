/* What every unit that reads or writes through GDAL shares: the drivers
 * registered once per process, and GDAL's last message turned into an
 * error that names what failed. */
#ifndef EM_UTIL_GDAL_SUPPORT_H
#define EM_UTIL_GDAL_SUPPORT_H

#include <gdal.h>

#include "eventmap/error.h"

/* Registers GDAL's drivers, once, from any thread. */
void em__gdal_register(void);

/* Records "<target>: <what>: <GDAL's last message>" as EM_ERR_IO (without
 * the last part when GDAL gave none) and returns EM_ERR_IO. */
em_status em__gdal_error(em_error *err, const char *target, const char *what);

/* Opens a CSV file into *out the way every reader of the library does
 * (reports, flows, places): through GDAL's CSV driver alone, whatever the
 * file's name, every value a string as written (no type detection, ""
 * kept).  Call it once the drivers are registered and inside a quiet error
 * handler: a file GDAL cannot open as CSV is the error `status`, "PATH:
 * cannot be read as CSV: " and GDAL's last message; *out is then NULL or
 * to be closed by the caller. */
em_status em__gdal_open_csv(GDALDatasetH *out, const char *path, em_status status, em_error *err);

#endif
