/* testutil.h - includes every cmocka test needs, in the order cmocka requires. */
#ifndef ZL_TESTUTIL_H
#define ZL_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#endif
