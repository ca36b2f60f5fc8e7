/* The error context: the first failure's message is kept so the user learns
 * the cause, not the last symptom. */
#include "eventmap/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void em_error_clear(em_error *err)
{
	if (err == NULL)
		return;
	err->status = EM_OK;
	err->message[0] = '\0';
}

em_status em_error_set(em_error *err, em_status status, const char *format, ...)
{
	va_list args;

	if (err == NULL || err->status != EM_OK)
		return status;
	err->status = status;
	va_start(args, format);
	vsnprintf(err->message, sizeof(err->message), format, args);
	va_end(args);
	return status;
}

em_status em_error_copy(em_error *to, const em_error *from)
{
	if (from->status != EM_OK)
		em_error_set(to, from->status, "%s", from->message);
	return from->status;
}

const char *em_status_name(em_status status)
{
	switch (status) {
	case EM_OK: return "ok";
	case EM_ERR_INVALID: return "invalid input";
	case EM_ERR_IO: return "input/output error";
	case EM_ERR_NOMEM: return "out of memory";
	case EM_ERR_NOTFOUND: return "not found";
	case EM_ERR_AMBIGUOUS: return "ambiguous";
	case EM_ERR_LIMIT: return "limit exceeded";
	}
	return "unknown status";
}
