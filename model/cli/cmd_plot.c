/* cmd_plot.c - `dcdemand plot`: redraw the charts of saved results.
 *
 * Reads DIR/summary.csv and DIR/segments.csv as `dcdemand run` wrote them,
 * and DIR/scenario.yaml (with dcd_scenario_load) for the text the charts show
 * (title, sources, published and observed figures) and the segments' order
 * and AI flags.  Nothing is recomputed.  docs/charts.md.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dcd_chart_redraw.h"
#include "dcd_cli.h"
#include "dcd_plot.h"
#include "dcd_results_read.h"
#include "dcd_scenario.h"

static const char PLOT_HELP[] =
    "Usage: " DCD_PROGRAM " plot [OPTIONS] DIR...\n"
    "Redraw the charts of results that '" DCD_PROGRAM " run' saved in each DIR (such as\n"
    "out/mckinsey-2024), from DIR/summary.csv, DIR/segments.csv and DIR/scenario.yaml,\n"
    "without recomputing.  Writes DIR/share, energy, load, national and (with a grid\n"
    "intensity) emissions, each as a picture and as the gnuplot script that draws it\n"
    "(share.gp: run 'gnuplot share.gp' in DIR to redraw it by hand).  A folder of\n"
    "compare, sweep, calibrate, mc or sensitivity is redrawn from the chart scripts\n"
    "saved there, in the format and size asked for (titles, footers, margins and\n"
    "legends laid out again for that size); a report's folder, folder by folder.\n"
    "A picture is replaced only by a complete new one: when drawing fails, the\n"
    "previous stays.\n\n"
    "Options:\n"
    "  -f, --format FMT       png (default), svg or pdf\n"
    "      --size WxH         picture size in pixels (default 1200x720; a PDF page is\n"
    "                         the same at 144 px per inch, 8.33in x 5in)\n"
    "      --scripts-only     write the .gp scripts, do not run gnuplot\n"
    "      --plot-timeout S   stop gnuplot after S seconds (default 120, at most 86400)\n"
    "  -q, --quiet            print nothing on success\n"
    "  -h, --help             show this help and exit\n\n"
    "Environment:\n"
    "  DCDEMAND_GNUPLOT       the gnuplot program to run (default: gnuplot, from PATH)\n"
    "  DCDEMAND_PLOT_TIMEOUT  gnuplot's time limit in seconds when --plot-timeout is not\n"
    "                         given (default 120)\n"
    "  SOURCE_DATE_EPOCH      creation date written into PDF charts (default 1970-01-01)\n\n";

/* Whether DIR/NAME exists (not followed through a symlink). */
static int has_file(const char *dir, const char *name, int want_dir)
{
    dcd_buf p = {0};
    struct stat st;
    dcd_buf_printf(&p, "%s/%s", dir, name);
    int ok = !p.failed && lstat(p.data, &st) == 0 &&
             (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
    dcd_buf_free(&p);
    return ok;
}

/* Queues the saved chart scripts of DIR (a compare, sweep or calibrate
 * folder) to be drawn again with BATCH's options.  *FOUND: how many.
 * Returns an exit code. */
/* Whether STEM is drawn from a run's results (the run charts), or is not a
 * chart saved beside them by another command (calibrate's calibration). */
static int is_run_chart(const char *stem)
{
    for (int c = 0; c < DCD_NCHART; c++)
        if (strcmp(stem, dcd_chart_name(c)) == 0)
            return 1;
    return strcmp(stem, "calibration") != 0;
}

static int add_scripts(dcd_plot_batch *batch, const char *dir, const dcd_plot_opts *o, int skip_run,
                       dcd_buf *done_text, size_t *found)
{
    dcd_diags diags = {0};
    char **stems = NULL;
    size_t n = 0;
    int code = DCD_EXIT_OK;
    int rc = dcd_plot_scripts_list(dir, &stems, &n, &diags);
    size_t k = 0;
    for (size_t i = 0; i < n && rc == DCD_OK; i++)
        if (!(skip_run && is_run_chart(stems[i]))) {
            rc = dcd_plot_batch_redraw(batch, dir, stems[i], &diags);
            k++;
        }
    if (rc != DCD_OK)
        code = dcd_cli_fail(&diags, rc);
    else if (k) {
        dcd_buf_printf(done_text, "%s/:", dir);
        for (size_t i = 0; i < n; i++)
            if (!(skip_run && is_run_chart(stems[i])))
                dcd_buf_printf(done_text, " %s.%s", stems[i],
                               o->scripts_only ? "gp" : dcd_plot_format_ext(o->format));
        dcd_buf_puts(done_text, "\n");
    }
    *found = k;
    dcd_plot_scripts_free(stems, n);
    dcd_diags_free(&diags);
    return code;
}

static int add_one(dcd_plot_batch *batch, const char *dir, const dcd_plot_opts *o,
                   dcd_buf *done_text);

/* The sub-folders of DIR (sorted, not hidden, not symlinks) holding saved
 * results or chart scripts (a report's folders), each added; *FOUND: how
 * many.  Returns an exit code. */
static int add_subfolders(dcd_plot_batch *batch, const char *dir, const dcd_plot_opts *o,
                          dcd_buf *done_text, size_t *found)
{
    char **names = NULL;
    size_t n = 0;
    int code = DCD_EXIT_OK;
    DIR *dp = opendir(dir);
    struct dirent *e;
    *found = 0;
    while (dp && (e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.' || !has_file(dir, e->d_name, 1))
            continue;
        char **p = realloc(names, (n + 1) * sizeof *p);
        if (!p || !(p[n] = dcd_strdup(e->d_name))) {
            names = p ? p : names;
            code = DCD_EXIT_INTERNAL;
            break;
        }
        names = p;
        n++;
    }
    if (dp)
        closedir(dp);
    for (size_t i = 0; i + 1 < n; i++) /* few folders: a simple sort */
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    for (size_t i = 0; i < n && code == DCD_EXIT_OK; i++) {
        dcd_buf sub = {0};
        size_t k = 0;
        dcd_buf_printf(&sub, "%s/%s", dir, names[i]);
        if (sub.failed)
            code = DCD_EXIT_INTERNAL;
        else if (has_file(sub.data, "summary.csv", 0)) {
            code = add_one(batch, sub.data, o, done_text);
            if (code == DCD_EXIT_OK)
                code = add_scripts(batch, sub.data, o, 1, done_text, &k);
            k = 1;
        } else
            code = add_scripts(batch, sub.data, o, 0, done_text, &k);
        *found += k;
        dcd_buf_free(&sub);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return code;
}

/* Adds the charts of folder DIR: a run's results (summary.csv), else the
 * chart scripts saved there (compare, sweep, calibrate), else those of its
 * sub-folders (report).  Returns an exit code. */
static int add_folder(dcd_plot_batch *batch, const char *dir, const dcd_plot_opts *o,
                      dcd_buf *done_text)
{
    size_t found = 0;
    int code;
    if (has_file(dir, "summary.csv", 0) || has_file(dir, "segments.csv", 0) ||
        !has_file(dir, ".", 1)) {
        /* the run charts, then any other chart saved beside them
         * (calibrate's calibration.gp) */
        code = add_one(batch, dir, o, done_text);
        return code != DCD_EXIT_OK || !has_file(dir, ".", 1)
                   ? code
                   : add_scripts(batch, dir, o, 1, done_text, &found);
    }
    code = add_scripts(batch, dir, o, 0, done_text, &found);
    if (code != DCD_EXIT_OK || found)
        return code;
    code = add_subfolders(batch, dir, o, done_text, &found);
    if (code != DCD_EXIT_OK || found)
        return code;
    return add_one(batch, dir, o, done_text); /* says what is missing */
}

/* Loads DIR/scenario.yaml and DIR's results and adds DIR's charts to
 * BATCH; appends the line to print on success to DONE.  Returns an exit
 * code. */
static int add_one(dcd_plot_batch *batch, const char *dir, const dcd_plot_opts *o,
                   dcd_buf *done_text)
{
    dcd_diags diags = {0};
    dcd_scenario *sc = NULL;
    dcd_results *r = NULL;
    dcd_buf path = {0};
    dcd_plot_meta meta;
    int code = DCD_EXIT_OK, rc;

    if (dcd_buf_printf(&path, "%s/scenario.yaml", dir) != 0) {
        code = dcd_cli_fail(&diags, DCD_ENOMEM);
        goto done;
    }
    rc = dcd_scenario_load(path.data, NULL, 0, &sc, &diags);
    if (rc == DCD_OK)
        rc = dcd_results_read(dir, sc, &r, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    dcd_plot_meta_from(sc, &meta);
    rc = dcd_plot_batch_add(batch, &meta, r, dir, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc == DCD_ENOMEM ? rc : DCD_EPLOT);
        goto done;
    }
    dcd_buf_printf(done_text, "%s/:", dir);
    for (int c = 0; c < DCD_NCHART; c++)
        if (dcd_plot_chart_applies(r, c))
            dcd_buf_printf(done_text, " %s.%s", dcd_chart_name(c),
                           o->scripts_only ? "gp" : dcd_plot_format_ext(o->format));
    dcd_buf_puts(done_text, "\n");
done:
    dcd_results_free(r);
    dcd_scenario_free(sc);
    dcd_diags_free(&diags);
    dcd_buf_free(&path);
    return code;
}

/* Parses --size WIDTHxHEIGHT (or WIDTHXHEIGHT), each a whole number by the
 * rule of every command (dcd_cli_whole()), into O.  Returns 0, or -1. */
static int parse_size(const char *arg, dcd_plot_opts *o)
{
    const char *x = strpbrk(arg, "xX");
    char width[32];
    long w, h;
    if (!x || (size_t)(x - arg) >= sizeof width)
        return -1;
    memcpy(width, arg, (size_t)(x - arg));
    width[x - arg] = '\0';
    if (dcd_cli_whole(width, 320, 8000, &w) != 0 || dcd_cli_whole(x + 1, 240, 8000, &h) != 0)
        return -1;
    o->width = (int)w;
    o->height = (int)h;
    return 0;
}

int dcd_cmd_plot(int argc, char **argv)
{
    enum { OPT_SIZE = 256, OPT_SCRIPTS, OPT_TIMEOUT };
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"size", required_argument, NULL, OPT_SIZE},
                                         {"scripts-only", no_argument, NULL, OPT_SCRIPTS},
                                         {"plot-timeout", required_argument, NULL, OPT_TIMEOUT},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    dcd_plot_opts o;
    int quiet = 0, c, code = DCD_EXIT_OK;
    long seconds;
    dcd_plot_opts_default(&o);
    o.redraw = 1; /* the saved numbers are those the old pictures show */

    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (dcd_plot_format_parse(optarg, &o.format) != 0)
                return dcd_cli_usage("plot", "unknown format '%s' (png, svg or pdf)", optarg);
            break;
        case OPT_SIZE:
            if (parse_size(optarg, &o) != 0)
                return dcd_cli_usage("plot",
                                     "--size '%s': expected WIDTHxHEIGHT, whole pixels from "
                                     "320x240 to 8000x8000",
                                     optarg);
            break;
        case OPT_TIMEOUT:
            if (dcd_cli_whole(optarg, 1, DCD_PLOT_TIMEOUT_MAX, &seconds) != 0)
                return dcd_cli_usage("plot", "--plot-timeout '%s': expected whole seconds 1-%d",
                                     optarg, DCD_PLOT_TIMEOUT_MAX);
            o.timeout_s = (int)seconds;
            break;
        case OPT_SCRIPTS: o.scripts_only = 1; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(PLOT_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            return DCD_EXIT_OK;
        default: return dcd_cli_bad_option("plot", argv, c);
        }
    }
    if (optind >= argc)
        return dcd_cli_usage("plot", "missing results folder DIR (such as out/NAME)");
    /* Every folder that can be read is drawn, by one gnuplot; the exit code
     * is the first failure's. */
    dcd_plot_batch *batch = dcd_plot_batch_new(&o);
    dcd_buf done_text = {0};
    if (!batch)
        return DCD_EXIT_INTERNAL;
    for (int i = optind; i < argc; i++) {
        int rc = *argv[i] ? add_folder(batch, argv[i], &o, &done_text)
                          : dcd_cli_usage("plot", "empty folder name");
        if (rc != DCD_EXIT_OK && code == DCD_EXIT_OK)
            code = rc;
    }
    dcd_diags diags = {0};
    int rc = dcd_plot_batch_draw(batch, &diags);
    if (rc != DCD_OK) {
        int pc = dcd_cli_fail(&diags, rc);
        if (code == DCD_EXIT_OK)
            code = pc;
    } else if (!quiet && done_text.failed) {
        code = code ? code : DCD_EXIT_INTERNAL;
    } else if (!quiet) {
        fputs(dcd_buf_str(&done_text), stdout);
    }
    dcd_diags_free(&diags);
    dcd_buf_free(&done_text);
    dcd_plot_batch_free(batch);
    return code;
}
