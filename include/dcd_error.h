/* dcd_error.h - status codes and located diagnostics.
 *
 * Functions of the library return an int status from enum dcd_status (0 is
 * success).  Problems in a scenario are collected as diagnostics, each with
 * the file, line and column (1-based) of the offending YAML node, so that one
 * run reports every error of a file.
 */
#ifndef DCD_ERROR_H
#define DCD_ERROR_H

#include <stddef.h>
#include <stdio.h>

/* Status codes.  The command line maps each to an exit code (see
 * dcd_exit_code() and the EXIT STATUS table in docs/dcdemand.1). */
enum dcd_status {
    DCD_OK = 0,
    DCD_EUSAGE,   /* the command line is wrong */
    DCD_EINPUT,   /* a scenario cannot be read, parsed or validated */
    DCD_EMODEL,   /* the projection produced a non-finite or impossible value */
    DCD_EIO,      /* an output file or folder cannot be written */
    DCD_EPLOT,    /* results were written but charts failed */
    DCD_ECHECK,   /* results differ from the scenario's expectations */
    DCD_ENOMEM,   /* memory ran out */
    DCD_ENOSOLVE  /* solve: no value within the bounds reaches the target */
};

/* Documented exit codes of the program. */
enum dcd_exit {
    DCD_EXIT_OK = 0,
    DCD_EXIT_CHECK = 1,
    DCD_EXIT_USAGE = 2,
    DCD_EXIT_INPUT = 3,
    DCD_EXIT_MODEL = 4,
    DCD_EXIT_IO = 5,
    DCD_EXIT_PLOT = 6,
    DCD_EXIT_NOSOLVE = 7, /* solve: target not bracketed, input unused, no convergence */
    DCD_EXIT_INTERNAL = 70
};

/* Returns a static, human-readable description of STATUS. */
const char *dcd_strerror(int status);
/* Maps a status to the program's exit code. */
int dcd_exit_code(int status);

/* One diagnostic: "FILE:LINE:COLUMN: error: MESSAGE". */
typedef struct dcd_diag {
    char *file;    /* owned; "-" style labels such as "--set" allowed */
    int line;      /* 1-based; 0 when unknown */
    int column;    /* 1-based; 0 when unknown */
    char *message; /* owned */
    size_t seq;    /* order of discovery, for a stable sort */
} dcd_diag;

/* A list of diagnostics.  Zero-initialise it and release it with
 * dcd_diags_free(). */
typedef struct dcd_diags {
    dcd_diag *items;
    size_t n, cap;
    int oom; /* set when a diagnostic could not be stored */
} dcd_diags;

/* Adds a diagnostic.  FILE may be NULL (then the message has no location). */
void dcd_diags_add(dcd_diags *d, const char *file, int line, int column,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Sorts by file (in order of first appearance), line, column, discovery. */
void dcd_diags_sort(dcd_diags *d);
/* Prints every diagnostic as "FILE:LINE:COLUMN: error: MESSAGE\n". */
void dcd_diags_print(const dcd_diags *d, FILE *out);
/* Releases every diagnostic; the list is left empty and reusable. */
void dcd_diags_free(dcd_diags *d);

/* Shows control characters in the messages of D from FROM on as \xNN, so
 * that text quoted from a file cannot put a newline or an escape sequence
 * into a message.  Returns 0, or -1 on OOM. */
int dcd_escape_controls(dcd_diags *d, size_t from);

#endif
