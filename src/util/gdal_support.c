#include "gdal_support.h"

#include <cpl_error.h>
#include <gdal.h>
#include <pthread.h>

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
