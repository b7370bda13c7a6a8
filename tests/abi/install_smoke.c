/*
 * install_smoke.c - R-HOST-5: a host program built only from what
 * `meson install` put in place (header, library, tousu.pc); run by
 * check_install.sh. Prints one line the script compares.
 */
#include <stdio.h>

#include <tousu.h>

int main(void)
{
    tousu_engine *engine = NULL;
    int rc = tousu_engine_new(&engine, NULL, NULL);
    if (rc != TOUSU_OK || engine == NULL) {
        fprintf(stderr, "tousu_engine_new: %d (%s)\n", rc, tousu_strerror(rc));
        return 1;
    }
    printf("tousu %s %d\n", tousu_version_string(), (int)tousu_version());
    tousu_engine_free(engine);
    /* The runtime version must match the header the host was built with. */
    return tousu_version() == TOUSU_VERSION_NUMBER ? 0 : 2;
}
