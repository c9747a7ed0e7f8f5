/* assert_sink.h - the cmocka check that two sinks hold the same findings, for the tests that compare two runs (-j 1 and -j 2, one file and many). */
#ifndef ZL_ASSERT_SINK_H
#define ZL_ASSERT_SINK_H

#include "testutil.h"

#include "diag.h"

/*
 * b holds what a holds: the same file names in the same order, the same
 * findings (file, line, column, severity, rule, message, place in
 * emission order, file index, fatal mark) in the same order, and the
 * same count of each severity.
 */
static inline void assert_same_sink(const struct zl_sink *a, const struct zl_sink *b)
{
	assert_int_equal(a->nfiles, b->nfiles);
	for (size_t i = 0; i < a->nfiles; i++)
		assert_string_equal(a->files[i], b->files[i]);
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct zl_diagnostic *x = &a->v[i], *y = &b->v[i];
		assert_string_equal(x->file, y->file);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
		assert_int_equal(x->severity, y->severity);
		assert_int_equal(x->rule, y->rule);
		assert_string_equal(x->message, y->message);
		assert_int_equal(x->seq, y->seq);
		assert_int_equal(x->file_idx, y->file_idx);
		assert_int_equal(x->fatal, y->fatal);
	}
	for (int s = 0; s < 3; s++)
		assert_int_equal(a->count[s], b->count[s]);
}

#endif
