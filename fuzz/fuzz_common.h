/* fuzz_common.h - what the libFuzzer targets share: a scratch file the loaders read, input splitting, a sink that swallows output. */
#ifndef ZL_FUZZ_COMMON_H
#define ZL_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* libFuzzer's entry points (every target defines the first). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * Make a private scratch directory (under $TMPDIR, else /dev/shm when it
 * exists, else /tmp) and return the path of a file named base inside it
 * (e.g. "db.example.com", so the loader may infer the origin from the
 * name as the command line does).  Call once, from LLVMFuzzerInitialize.
 * Exits with status 1 when no directory can be made.  The directory and
 * every file a target writes in it are removed at exit.
 */
const char *zl_fuzz_scratch(const char *base);

/* The scratch directory itself (valid after zl_fuzz_scratch()). */
const char *zl_fuzz_scratch_dir(void);

/*
 * Replace the scratch file's content with data[0..size).  Exits with
 * status 1 if it cannot be written (a harness fault, not a finding).
 */
void zl_fuzz_write(const uint8_t *data, size_t size);

/*
 * Cut the next line off the input: returns a heap copy (NUL-terminated,
 * free() it) of *data up to the first '\n' (or all of it), and advances
 * *data and *size past that line and its '\n'.  Octets after a NUL in
 * the line are dropped from the copy.
 */
char *zl_fuzz_line(const uint8_t **data, size_t *size);

/* A stream that discards what is written to it (opened once, never closed). */
FILE *zl_fuzz_null(void);

#endif
