/* version.c - the runtime version query (R-HOST-5). */
#include "internal.h"

int32_t tousu_version(void)
{
    return TOUSU_VERSION_NUMBER;
}

const char *tousu_version_string(void)
{
    return "1.0.0";
}
