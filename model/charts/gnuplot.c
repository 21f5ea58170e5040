/* gnuplot.c - the gnuplot process (dcd_chart.h): spawn without a shell,
 * collect its messages, wait under a time limit, kill on timeout or on an
 * interrupt.
 *
 * posix_spawnp does the PATH search and reports a program that cannot be run
 * as its return value.  gnuplot gets its own process group, so that a
 * timeout or an interrupt can kill it with whatever it started; the
 * environment pins TZ=UTC0 (cairo writes the local offset into a PDF's
 * creation date) and LC_ALL=C, so that pictures do not depend on the
 * machine's time zone or locale.
 */
#include "dcd_chart.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* How much of gnuplot's stderr is kept for the message. */
#define MAX_STDERR 8192

static const char INSTALL_HINT[] =
    "install gnuplot (Debian, Ubuntu: apt-get install gnuplot-nox) or name the program with "
    "DCDEMAND_GNUPLOT";

const char *dcd_gnuplot_program(const dcd_plot_opts *o)
{
    if (o && o->gnuplot && *o->gnuplot)
        return o->gnuplot;
    const char *env = getenv("DCDEMAND_GNUPLOT");
    return env && *env ? env : "gnuplot";
}

/* The time limit: the option, else $DCDEMAND_PLOT_TIMEOUT, else the
 * default.  Returns 0, or -1 with a diagnostic when the variable is bad. */
static int time_limit(const dcd_plot_opts *o, int *seconds, dcd_diags *d)
{
    const char *env = getenv("DCDEMAND_PLOT_TIMEOUT");
    *seconds = DCD_PLOT_TIMEOUT_DEFAULT;
    if (o && o->timeout_s > 0) {
        *seconds = o->timeout_s;
        return 0;
    }
    if (env && *env && dcd_plot_timeout_parse(env, seconds) != 0) {
        dcd_diags_add(d, "DCDEMAND_PLOT_TIMEOUT", 0, 0,
                      "expected whole seconds from 1 to %d, not '%s'", DCD_PLOT_TIMEOUT_MAX, env);
        return -1;
    }
    return 0;
}

/* ---- interrupts ---------------------------------------------------------- */

/* What the signal handler needs, set only while gnuplot runs. */
static volatile sig_atomic_t g_child; /* process group of gnuplot, 0: none */
static const char *const *volatile g_clean;
static volatile sig_atomic_t g_nclean;
static const int CAUGHT[3] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction g_old[3];

/* Kills gnuplot's group, removes the files that must not outlive the run
 * (async-signal-safe calls only), restores the previous action and raises
 * the signal again so that it takes its course. */
static void on_signal(int sig)
{
    int saved = errno;
    if (g_child > 0)
        kill(-(pid_t)g_child, SIGKILL);
    for (sig_atomic_t i = 0; i < g_nclean; i++)
        unlink(g_clean[i]);
    for (int k = 0; k < 3; k++)
        if (CAUGHT[k] == sig)
            sigaction(sig, &g_old[k], NULL);
    raise(sig);
    errno = saved;
}

static void catch_signals(const char *const *clean, size_t nclean)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int k = 0; k < 3; k++)
        sigaddset(&sa.sa_mask, CAUGHT[k]);
    g_clean = clean;
    g_nclean = (sig_atomic_t)nclean;
    for (int k = 0; k < 3; k++) {
        sigaction(CAUGHT[k], NULL, &g_old[k]);
        if (g_old[k].sa_handler != SIG_IGN) /* an ignored signal stays ignored */
            sigaction(CAUGHT[k], &sa, NULL);
    }
}

static void release_signals(void)
{
    for (int k = 0; k < 3; k++)
        sigaction(CAUGHT[k], &g_old[k], NULL);
    g_child = 0;
    g_nclean = 0;
    g_clean = NULL;
}

/* ---- spawning -------------------------------------------------------------- */

/* The environment of gnuplot: ours without TZ, LC_* and LANG*, plus TZ=UTC0
 * and LC_ALL=C.  The strings are borrowed from environ; free the array. */
static char **child_env(void)
{
    size_t n = 0, k = 0;
    while (environ && environ[n])
        n++;
    char **env = malloc((n + 3) * sizeof *env);
    if (!env)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *e = environ[i];
        if (strncmp(e, "TZ=", 3) == 0 || strncmp(e, "LC_", 3) == 0 || strncmp(e, "LANG", 4) == 0)
            continue;
        env[k++] = environ[i];
    }
    env[k++] = (char *)"TZ=UTC0";
    env[k++] = (char *)"LC_ALL=C";
    env[k] = NULL;
    return env;
}

/* Starts PROG -d ARGS... with stdout and stderr into the pipe OUT_W.
 * Returns 0 with *PID, or an errno value. */
static int spawn(const char *prog, const char *const *args, size_t nargs, int out_w, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t def, none;
    char **argv = calloc(nargs + 3, sizeof *argv), **env = child_env();
    int err = ENOMEM;
    if (!argv || !env)
        goto done;
    argv[0] = (char *)prog;
    argv[1] = (char *)"-d";
    for (size_t i = 0; i < nargs; i++)
        argv[i + 2] = (char *)args[i];
    if ((err = posix_spawn_file_actions_init(&fa)) != 0)
        goto done;
    if ((err = posix_spawnattr_init(&at)) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        goto done;
    }
    /* Default actions for the signals the caller may catch or ignore. */
    sigemptyset(&def);
    sigaddset(&def, SIGINT);
    sigaddset(&def, SIGTERM);
    sigaddset(&def, SIGHUP);
    sigaddset(&def, SIGPIPE);
    sigemptyset(&none);
    if ((err = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)) == 0 &&
        (err = posix_spawn_file_actions_adddup2(&fa, out_w, 1)) == 0 &&
        (err = posix_spawn_file_actions_adddup2(&fa, out_w, 2)) == 0 &&
        (err = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                                 POSIX_SPAWN_SETSIGMASK)) == 0 &&
        (err = posix_spawnattr_setpgroup(&at, 0)) == 0 &&
        (err = posix_spawnattr_setsigdefault(&at, &def)) == 0 &&
        (err = posix_spawnattr_setsigmask(&at, &none)) == 0) {
        fflush(stdout);
        fflush(stderr);
        err = posix_spawnp(pid, prog, &fa, &at, argv, env);
    }
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
done:
    free(argv);
    free(env);
    return err;
}

/* Milliseconds left until DEADLINE (CLOCK_MONOTONIC), at least 0. */
static int ms_left(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(deadline->tv_sec - now.tv_sec) * 1e3 +
                (double)(deadline->tv_nsec - now.tv_nsec) / 1e6;
    return ms <= 0 ? 0 : ms > 1e9 ? 1000000000 : (int)ms + 1;
}

/* Reads the pipe FD until it closes or the deadline passes, keeping the
 * first MAX_STDERR bytes in OUT.  Returns 0, or -1 at the deadline. */
static int collect(int fd, const struct timespec *deadline, dcd_buf *out)
{
    char chunk[4096];
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int left = ms_left(deadline);
        if (left == 0)
            return -1;
        int r = poll(&p, 1, left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue; /* the deadline is checked above */
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        if (out->len < MAX_STDERR) {
            size_t keep = (size_t)n < MAX_STDERR - out->len ? (size_t)n : MAX_STDERR - out->len;
            dcd_buf_append(out, chunk, keep);
        }
    }
}

/* Waits for PID until the deadline.  Returns 0 with *STATUS, or -1 at the
 * deadline (the process is still running). */
static int wait_child(pid_t pid, const struct timespec *deadline, int *status)
{
    for (;;) {
        pid_t w = waitpid(pid, status, WNOHANG);
        if (w == pid)
            return 0;
        if (w < 0 && errno != EINTR)
            return 0; /* cannot happen for our own child */
        if (ms_left(deadline) == 0)
            return -1;
        poll(NULL, 0, 20);
    }
}

/* Appends gnuplot's messages to D, one per line, indented. */
static void add_output(dcd_diags *d, const char *label, const dcd_buf *text)
{
    const char *s = dcd_buf_str(text);
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0)
            dcd_diags_add(d, label, 0, 0, "  gnuplot: %.*s", (int)len, s);
        s += len + (nl ? 1 : 0);
    }
}

/* Describes a wait status that is not a clean exit.  Returns DCD_EPLOT. */
static int report_status(int status, const char *prog, const char *label, const dcd_buf *errtext,
                         dcd_diags *d)
{
    if (WIFSIGNALED(status))
        dcd_diags_add(d, label, 0, 0,
                      "gnuplot ('%s') was killed by signal %d; the charts are "
                      "incomplete",
                      prog, WTERMSIG(status));
    else
        dcd_diags_add(d, label, 0, 0,
                      "gnuplot ('%s') failed with status %d; the charts are "
                      "incomplete (check the installation: apt-get install gnuplot-nox); its "
                      "messages:",
                      prog, WEXITSTATUS(status));
    add_output(d, label, errtext);
    return DCD_EPLOT;
}

int dcd_gnuplot_run(const dcd_plot_opts *o, const char *const *args, size_t nargs,
                    const char *const *clean, size_t nclean, const char *label, dcd_diags *d)
{
    const char *prog = dcd_gnuplot_program(o);
    dcd_buf errtext = {0};
    int pipefd[2] = {-1, -1}, limit, status = 0, rc = DCD_EPLOT, err;
    struct timespec deadline;
    pid_t pid = 0;
    if (time_limit(o, &limit, d) != 0)
        return DCD_EPLOT; /* the charts cannot be drawn: a chart failure */
    if (pipe(pipefd) != 0 || fcntl(pipefd[0], F_SETFD, FD_CLOEXEC) != 0) {
        dcd_diags_add(d, label, 0, 0, "cannot start gnuplot ('%s'): %s", prog, strerror(errno));
        goto done;
    }
    catch_signals(clean, nclean);
    /* A path is checked here, so that the usual failure (no such program)
     * does not depend on how the child reports it; posix_spawnp looks a
     * bare name up in PATH. */
    err = strchr(prog, '/') && access(prog, X_OK) != 0 ? errno
                                                       : spawn(prog, args, nargs, pipefd[1], &pid);
    close(pipefd[1]);
    pipefd[1] = -1;
    if (err != 0) {
        release_signals();
        if (err == ENOMEM)
            rc = DCD_ENOMEM;
        dcd_diags_add(d, label, 0, 0, "cannot draw charts: cannot run gnuplot ('%s'): %s; %s", prog,
                      strerror(err), INSTALL_HINT);
        goto done;
    }
    g_child = (sig_atomic_t)pid;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += limit;
    if (collect(pipefd[0], &deadline, &errtext) != 0 || wait_child(pid, &deadline, &status) != 0) {
        kill(-pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        release_signals();
        dcd_diags_add(d, label, 0, 0,
                      "gnuplot ('%s') did not finish within %d s and was "
                      "stopped; the charts are incomplete (a longer limit: "
                      "DCDEMAND_PLOT_TIMEOUT=SECONDS); its messages:",
                      prog, limit);
        add_output(d, label, &errtext);
        goto done;
    }
    release_signals();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        rc = DCD_OK;
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) { /* exec failed in the child */
        dcd_diags_add(d, label, 0, 0, "cannot draw charts: cannot run gnuplot ('%s'); %s", prog,
                      INSTALL_HINT);
        add_output(d, label, &errtext);
    } else
        report_status(status, prog, label, &errtext, d);
done:
    for (int i = 0; i < 2; i++)
        if (pipefd[i] >= 0)
            close(pipefd[i]);
    dcd_buf_free(&errtext);
    return rc;
}
