/* make_seeds.c - writes seed inputs for the fuzz corpora that are easier to
 * make with the library than by hand: encoded clocks and plans (decode) and
 * whole contact records (triage). Run: make_seeds <tests/fuzz/corpus>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tousu.h"

static void write_file(const char *dir, const char *name, const void *data, size_t n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

static tousu_contact contact(uint64_t id, int32_t category, uint32_t flags)
{
    tousu_contact c;
    memset(&c, 0, sizeof c);
    c.struct_size = sizeof c;
    c.contact_id = id;
    c.customer_id = 1000 + id;
    c.matter = 42;
    c.intake_ms = INT64_C(1748916000000);
    c.category = category;
    c.channel = TOUSU_CH_HOTLINE;
    c.flags = flags;
    c.customer_region = 440100;
    c.handling_region = 440100;
    return c;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds CORPUS_DIR\n");
        return 2;
    }
    char dir[900];
    const uint32_t complaint = TOUSU_F_DISSATISFIED | TOUSU_F_DEMANDS_RESOLUTION;
    tousu_contact cs[3] = {contact(1, TOUSU_CAT_COMPLAINT, complaint),
                           contact(2, TOUSU_CAT_FAULT, 0),
                           contact(3, TOUSU_CAT_COMPLAINT, complaint | TOUSU_F_UPGRADED)};
    cs[2].body = TOUSU_BODY_PROV_HOTLINE;
    cs[2].n_needed_regions = 1;
    cs[2].needed_regions[0] = 310000;
    snprintf(dir, sizeof dir, "%s/triage", argv[1]);
    const char text[] = "我要去工信部投诉，记者也会曝光";
    for (int i = 0; i < 3; i++) {
        unsigned char buf[sizeof(tousu_contact) + sizeof text];
        memcpy(buf, &cs[i], offsetof(tousu_contact, text));
        memcpy(buf + offsetof(tousu_contact, text), text, sizeof text - 1);
        char name[32];
        snprintf(name, sizeof name, "contact%d", i);
        write_file(dir, name, buf, offsetof(tousu_contact, text) + (i == 2 ? sizeof text - 1 : 0));
    }

    snprintf(dir, sizeof dir, "%s/decode", argv[1]);
    tousu_calendar *cal = NULL;
    tousu_policy *pol = NULL;
    tousu_engine *e = NULL;
    if (tousu_calendar_new_builtin_cn(&cal) || tousu_policy_new(&pol) ||
        tousu_engine_new(&e, NULL, NULL))
        return 1;
    tousu_clock *clk = NULL;
    if (tousu_clock_new(&clk, cal, 30 * 60000) || tousu_clock_start(clk, cs[0].intake_ms) ||
        tousu_clock_pause(clk, cs[0].intake_ms + 600000))
        return 1;
    uint8_t buf[4096];
    size_t n = 0;
    if (tousu_clock_encode(clk, buf, sizeof buf, &n))
        return 1;
    write_file(dir, "clock_paused", buf, n);
    for (int i = 0; i < 3; i++) {
        tousu_result r;
        memset(&r, 0, sizeof r);
        r.struct_size = sizeof r;
        tousu_plan *plan = NULL;
        if (tousu_triage(e, &cs[i], &r) ||
            tousu_plan_new_from_result(&plan, pol, cal, &r, cs[i].intake_ms) ||
            tousu_plan_stage_done(plan, cs[i].intake_ms + 1200000) ||
            tousu_plan_encode(plan, buf, sizeof buf, &n))
            return 1;
        char name[32];
        snprintf(name, sizeof name, "plan%d", i);
        write_file(dir, name, buf, n);
        tousu_plan_free(plan);
    }
    tousu_clock_free(clk);
    tousu_engine_free(e);
    tousu_policy_free(pol);
    tousu_calendar_free(cal);
    return 0;
}
