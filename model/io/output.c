/* output.c - result files and atomic writes (dcd_output.h). */
#include "dcd_output.h"

#include "dcd_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dcd_format_summary(const dcd_results *r, dcd_buf *out)
{
    dcd_buf_puts(out, "year");
    for (int m = 0; m < DCD_NTOTAL; m++)
        dcd_buf_printf(out, ",%s", dcd_total_info[m].name);
    dcd_buf_puts(out, "\n");
    for (size_t i = 0; i < r->ny; i++) {
        dcd_buf_printf(out, "%d", r->start + (int)i);
        for (int m = 0; m < DCD_NTOTAL; m++) {
            dcd_buf_puts(out, ",");
            dcd_buf_num(out, DCD_TOTAL(r, m, i));
        }
        dcd_buf_puts(out, "\n");
    }
    return out->failed ? -1 : 0;
}

int dcd_format_segments(const dcd_results *r, dcd_buf *out)
{
    dcd_buf_puts(out, "year,segment,metric,value,unit\n");
    for (size_t i = 0; i < r->ny; i++)
        for (size_t s = 0; s < r->nseg; s++)
            for (int m = 0; m < DCD_NSEGMETRIC; m++) {
                double v = DCD_SEG(r, s, m, i);
                if (isnan(v))
                    continue; /* not determined by the scenario */
                dcd_buf_printf(out, "%d,%s,%s,", r->start + (int)i, r->seg_name[s],
                               dcd_segment_info[m].name);
                dcd_buf_num(out, v);
                dcd_buf_printf(out, ",%s\n", dcd_segment_info[m].unit);
            }
    return out->failed ? -1 : 0;
}

int dcd_json_string(dcd_buf *out, const char *s)
{
    dcd_buf_puts(out, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': dcd_buf_puts(out, "\\\""); break;
        case '\\': dcd_buf_puts(out, "\\\\"); break;
        case '\n': dcd_buf_puts(out, "\\n"); break;
        case '\r': dcd_buf_puts(out, "\\r"); break;
        case '\t': dcd_buf_puts(out, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                dcd_buf_printf(out, "\\u%04x", *p);
            else
                dcd_buf_append(out, (const char *)p, 1);
        }
    }
    return dcd_buf_puts(out, "\"");
}

static void json_num(dcd_buf *out, double v)
{
    if (isfinite(v))
        dcd_buf_num(out, v);
    else
        dcd_buf_puts(out, "null");
}

static void json_array(dcd_buf *out, const double *v, size_t n)
{
    dcd_buf_puts(out, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            dcd_buf_puts(out, ", ");
        json_num(out, v[i]);
    }
    dcd_buf_puts(out, "]");
}

static void json_opt_string(dcd_buf *out, const char *key, const char *v)
{
    dcd_buf_printf(out, "    \"%s\": ", key);
    if (v)
        dcd_json_string(out, v);
    else
        dcd_buf_puts(out, "null");
    dcd_buf_puts(out, ",\n");
}

int dcd_format_json(const dcd_scenario *sc, const dcd_results *r, const char *version,
                    dcd_buf *out)
{
    dcd_buf_puts(out, "{\n  \"dcdemand_version\": ");
    dcd_json_string(out, version);
    dcd_buf_puts(out, ",\n  \"scenario\": {\n");
    json_opt_string(out, "name", sc->name);
    json_opt_string(out, "title", sc->title);
    json_opt_string(out, "study", sc->study);
    json_opt_string(out, "case", sc->case_name);
    dcd_buf_puts(out, "    \"sources\": [");
    for (size_t i = 0; i < sc->nsources; i++) {
        if (i)
            dcd_buf_puts(out, ", ");
        dcd_json_string(out, sc->sources[i]);
    }
    dcd_buf_printf(out, "],\n    \"base_year\": %d,\n    \"input_sha256\": \"%s\"\n  },\n",
                   sc->base, sc->checksum_hex);
    dcd_buf_puts(out, "  \"years\": [");
    for (size_t i = 0; i < r->ny; i++)
        dcd_buf_printf(out, "%s%d", i ? ", " : "", r->start + (int)i);
    dcd_buf_puts(out, "],\n  \"units\": {");
    for (int m = 0; m < DCD_NTOTAL; m++) {
        dcd_buf_printf(out, "%s\n    ", m ? "," : "");
        dcd_json_string(out, dcd_total_info[m].name);
        dcd_buf_puts(out, ": ");
        dcd_json_string(out, dcd_total_info[m].unit);
    }
    dcd_buf_puts(out, "\n  },\n  \"totals\": {");
    for (int m = 0; m < DCD_NTOTAL; m++) {
        dcd_buf_printf(out, "%s\n    \"%s\": ", m ? "," : "", dcd_total_info[m].name);
        json_array(out, &DCD_TOTAL(r, m, 0), r->ny);
    }
    dcd_buf_puts(out, "\n  },\n  \"segments\": [");
    for (size_t s = 0; s < r->nseg; s++) {
        dcd_buf_printf(out, "%s\n    {\n      \"name\": ", s ? "," : "");
        dcd_json_string(out, r->seg_name[s]);
        dcd_buf_printf(out, ",\n      \"ai\": %s", r->seg_ai[s] ? "true" : "false");
        for (int m = 0; m < DCD_NSEGMETRIC; m++) {
            dcd_buf_printf(out, ",\n      \"%s\": ", dcd_segment_info[m].name);
            json_array(out, &DCD_SEG(r, s, m, 0), r->ny);
        }
        dcd_buf_puts(out, "\n    }");
    }
    dcd_buf_puts(out, "\n  ]\n}\n");
    return out->failed ? -1 : 0;
}

int dcd_mkdir_p(const char *path, dcd_diags *d)
{
    dcd_dir dir;
    if (dcd_dir_open(path, DCD_DIR_CREATE, &dir, d) != DCD_OK)
        return -1;
    dcd_dir_close(&dir);
    return 0;
}

int dcd_write_atomic(const char *dir, const char *name, const char *data, size_t len,
                     dcd_diags *d)
{
    dcd_dir od;
    int rc = dcd_dir_open(dir, DCD_DIR_CREATE | DCD_DIR_LOCK, &od, d);
    if (rc != DCD_OK)
        return rc;
    const char *const names[1] = {name};
    const char *const datas[1] = {data};
    rc = dcd_dir_write_set(&od, names, datas, &len, 1, d);
    dcd_dir_close(&od);
    return rc;
}

int dcd_write_run(const dcd_scenario *sc, const dcd_results *r, const char *outdir,
                  const char *version, dcd_buf *dir_out, dcd_diags *d)
{
    char safe[65];
    dcd_scenario_safe_name(sc, safe);
    dcd_buf_clear(dir_out);
    dcd_buf b[4] = {{0}, {0}, {0}, {0}};
    static const char *const names[4] = {"summary.csv", "segments.csv", "results.json",
                                         "scenario.yaml"};
    dcd_dir out = {-1, NULL}, sub = {-1, NULL};
    int rc = DCD_OK;
    /* Format everything first: a failure writes nothing. */
    if (dcd_format_summary(r, &b[0]) || dcd_format_segments(r, &b[1]) ||
        dcd_format_json(sc, r, version, &b[2]) || dcd_scenario_emit(sc, version, &b[3]))
        rc = DCD_ENOMEM;
    if (rc == DCD_OK && b[3].len > DCD_OUTPUT_MAX_SCENARIO_BYTES) {
        dcd_diags_add(d, sc->path ? sc->path : safe, 0, 0,
                      "the resolved scenario (extends merged, --set applied) is %zu bytes, more "
                      "than the %u a scenario file may hold, so its scenario.yaml could not be "
                      "read back; nothing written",
                      b[3].len, DCD_OUTPUT_MAX_SCENARIO_BYTES);
        rc = DCD_EINPUT;
    }
    if (rc == DCD_OK)
        rc = dcd_dir_open(outdir, DCD_DIR_CREATE | DCD_DIR_LOCK, &out, d);
    if (rc == DCD_OK) /* covered by OUTDIR's lock; removes stale temporary files */
        rc = dcd_dir_sub(&out, safe, DCD_DIR_CREATE | DCD_DIR_LOCK, &sub, d);
    if (rc == DCD_OK) {
        const char *data[4];
        size_t len[4];
        for (int i = 0; i < 4; i++) {
            data[i] = b[i].data;
            len[i] = b[i].len;
        }
        rc = dcd_dir_write_set(&sub, names, data, len, 4, d);
    }
    if (rc == DCD_OK && dcd_buf_puts(dir_out, sub.path) != 0)
        rc = DCD_ENOMEM;
    dcd_dir_close(&sub);
    dcd_dir_close(&out);
    for (int i = 0; i < 4; i++)
        dcd_buf_free(&b[i]);
    return rc;
}
