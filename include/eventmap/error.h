/* eventmap — status codes and the caller-owned error context.
 *
 * Every fallible function returns an em_status (0 success, negative failure)
 * and, when given an em_error, writes a message naming the subject (file and
 * line, place name, option) into it.  The first error wins: later failures
 * never overwrite the message that explains the first one. */
#ifndef EVENTMAP_ERROR_H
#define EVENTMAP_ERROR_H

#include "eventmap/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum em_status {
	EM_OK = 0,
	EM_ERR_INVALID = -1,   /* bad input data or argument */
	EM_ERR_IO = -2,        /* a file could not be read or written */
	EM_ERR_NOMEM = -3,     /* out of memory */
	EM_ERR_NOTFOUND = -4,  /* expected outcome: nothing matched */
	EM_ERR_AMBIGUOUS = -5, /* expected outcome: several matches, none preferred */
	EM_ERR_LIMIT = -6      /* input exceeds a documented limit */
} em_status;

#define EM_ERROR_MESSAGE_MAX 1024

typedef struct em_error {
	em_status status;                  /* EM_OK while no error was recorded */
	char message[EM_ERROR_MESSAGE_MAX]; /* "" while no error was recorded */
} em_error;

/* Resets err to "no error".  err may be NULL. */
EM_EXTERN void em_error_clear(em_error *err);

/* Records status and a printf-style message unless err already holds one
 * (the first error wins).  err may be NULL.  Returns status, so that a
 * failing path can say `return em_error_set(err, EM_ERR_IO, ...)`. */
EM_EXTERN em_status em_error_set(em_error *err, em_status status, const char *format, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Records from's error in to as em_error_set does (the first error wins;
 * to may be NULL) and returns from's status: how an object with a sticky
 * status hands it to its caller. */
EM_EXTERN em_status em_error_copy(em_error *to, const em_error *from);

/* A short constant English name for a status ("invalid input", ...). */
EM_EXTERN const char *em_status_name(em_status status);

#ifdef __cplusplus
}
#endif

#endif
