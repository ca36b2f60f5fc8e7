/* Every construct the parser must get right, within the rules. */
#include <stdio.h>
#include <stdlib.h>

#include "widget_internal.h"

#define BLOCK_OPEN {
#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)

static const char *const names[] = {
	"{", "}", "/* not a comment */", "// nor this",
};

struct pair {
	int a, b;
};

#if 0
int not_compiled_and_not_checked(void)
{
	return 0;
}
#endif

/* A static function whose signature spans lines; exactly the limit. */
static int scaled_sum(const em_widget *widget, /* checksrc-function: scaled_sum 10 static */
		      const int *values, size_t count)
{
	int sum = 0;

	for (size_t i = 0; i < count; i++)
		sum += values[i] * widget->value;
	if (sum < 0)
		sum = 0;
	sum /= 2;
	return sum;
}

static char brace_char(void) { return '{'; } /* checksrc-function: brace_char 1 static */

int em__widget_scale(const em_widget *widget, int factor) /* checksrc-function: em__widget_scale 6 extern */
{
	int a = widget->value, b = factor; /* } a brace in a comment */

	SWAP(a, b);
	return a * b + helper_double((int)brace_char());
}

__attribute__((format(printf, 1, 2))) static void say(const char *format, ...);

__attribute__((format(printf, 1, 2)))
static void say(const char *format, ...) /* checksrc-function: say 3 static */
{
	(void)format;
}

static void on_value(int value)
{
	say("%s %d\n", names[0], value);
}

void (*em_widget_handler(int kind))(int value) /* checksrc-function: em_widget_handler 3 extern */
{
	return kind ? on_value : NULL;
}

__attribute__((unused)) static em_count
count_sum(em_count a, em_count b) /* checksrc-function: count_sum 3 static */
{
	return a + b;
}

em_status em_widget_create(em_widget **out, /* checksrc-function: em_widget_create 10 extern */
			   const em_widget_options *options)
{
	static const int values[] = { 1, 2, 3 };
	em_widget *widget = calloc(1, sizeof(*widget));
	if (widget == NULL)
		return EM_ERR;
	widget->options = *options;
	widget->value = scaled_sum(widget, values, sizeof(values) / sizeof(values[0])) +
			em__widget_scale(widget, 2); /* a line of exactly 110 columns with its tabs........ */
	return *out = widget, EM_OK;
}

void em_widget_destroy(em_widget *widget)
{
	free(widget);
}
