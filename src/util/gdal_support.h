/* What every unit that reads or writes through GDAL shares: the drivers
 * registered once per process, and GDAL's last message turned into an
 * error that names what failed. */
#ifndef EM_UTIL_GDAL_SUPPORT_H
#define EM_UTIL_GDAL_SUPPORT_H

#include "eventmap/error.h"

/* Registers GDAL's drivers, once, from any thread. */
void em__gdal_register(void);

/* Records "<target>: <what>: <GDAL's last message>" as EM_ERR_IO (without
 * the last part when GDAL gave none) and returns EM_ERR_IO. */
em_status em__gdal_error(em_error *err, const char *target, const char *what);

#endif
