/* cmd_calibrate.c - `dcdemand calibrate` (placeholder until written). */
#include "dcd_cli.h"
int dcd_cmd_calibrate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return DCD_EXIT_INTERNAL;
}
