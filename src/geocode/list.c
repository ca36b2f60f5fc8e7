/* Names geocoded together: each on its own first, then each again against
 * the places the others found.  The CLI's `geocode` and the dataset
 * resolver both rest on this, so one name in one context gets one answer
 * wherever it is printed. */
#include "geocode_internal.h"

#include <stdio.h>
#include <string.h>

static em_status one(em_geocode_query *q, const em_gazetteer *gz,
		     const em_geocode_options *base, const em_geocode_context *context)
{
	em_geocode_options options = *base;
	em_error name_err;
	em_status status;

	em_error_clear(&name_err);
	if (q->country != NULL && q->country[0] != '\0' &&
	    em_geocode_options_set_countries(&options, q->country, &name_err) != EM_OK) {
		q->status = EM_ERR_INVALID;
		snprintf(q->error, sizeof(q->error), "%.150s", name_err.message);
		memset(&q->result, 0, sizeof(q->result));
		q->result.status = EM_GEOCODE_UNRESOLVED;
		snprintf(q->result.reason, sizeof(q->result.reason), "%.300s", name_err.message);
		return EM_OK;
	}
	if (q->admin1 != NULL && q->admin1[0] != '\0')
		options.admin1 = q->admin1;
	options.context = context;
	status = em_geocode_name(&q->result, gz, q->name, q->name ? strlen(q->name) : 0, &options,
				 &name_err);
	q->status = status;
	q->error[0] = '\0';
	if (status == EM_ERR_NOMEM)
		return status;
	if (status != EM_OK) {
		/* The name itself is unusable: an answer, not a failure. */
		snprintf(q->error, sizeof(q->error), "%.150s", name_err.message);
		memset(&q->result, 0, sizeof(q->result));
		q->result.status = EM_GEOCODE_UNRESOLVED;
		snprintf(q->result.reason, sizeof(q->result.reason), "%.300s", name_err.message);
	}
	return EM_OK;
}

em_status em_geocode_list(em_geocode_query *queries, size_t count,
			  const em_gazetteer *gazetteer, const em_geocode_options *options,
			  const char *label, em_error *err)
{
	em_geocode_options defaults;
	em_geocode_context *context = NULL;
	em_status status = EM_OK;

	if ((queries == NULL && count > 0) || gazetteer == NULL)
		return em_error_set(err, EM_ERR_INVALID, "geocode: invalid arguments");
	if (options == NULL) {
		em_geocode_options_init(&defaults);
		options = &defaults;
	}
	if (em_geocode_context_create(&context, label) != EM_OK)
		return em_error_set(err, EM_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < count && status == EM_OK; i++) {
		status = one(&queries[i], gazetteer, options, options->context);
		if (status == EM_OK && queries[i].status == EM_OK)
			status = em_geocode_context_add_result(context, queries[i].name,
							       strlen(queries[i].name),
							       &queries[i].result);
	}
	if (status == EM_OK)
		status = em_geocode_context_finish(context);
	for (size_t i = 0; i < count && status == EM_OK; i++)
		if (queries[i].status == EM_OK)
			status = one(&queries[i], gazetteer, options, context);
	em_geocode_context_destroy(context);
	if (status != EM_OK)
		return em_error_set(err, status, "geocode: %s", em_status_name(status));
	return EM_OK;
}
