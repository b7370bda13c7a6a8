/*
 * bench_phrases.c - forbidden-phrase scanning speed (R-SCR-7): the library
 * against `grep -F -o -b` with the same phrase list on the same bytes.
 *
 * Builds a deterministic corpus of agent utterances (64 MB by default; the
 * first argument gives another size in MB): the built-in scripts rendered,
 * filler sentences with numbers and amounts, and now and then a forbidden
 * phrase, written plainly, with full-width punctuation or with spaces
 * inside. The library scans the whole buffer with the policy's phrase
 * matcher (normalising on the fly); grep gets the phrases with their
 * punctuation removed (it cannot normalise, so it finds fewer) and runs
 * with LC_ALL=C, its fastest mode. Best of three runs each. Prints:
 *   bench phrases_lib <x> MB/s
 *   bench phrases_grep <y> MB/s
 * plus the match counts. The bench is not part of the library, so it uses
 * POSIX (mkstemp, popen, clock_gettime).
 */
#define _POSIX_C_SOURCE 200809L
#include "tousu.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 20;
        while (cap < b->n + n)
            cap *= 2;
        char *g = realloc(b->p, cap);
        if (!g) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
        b->p = g;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void puts0(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)((rng_state >> 11) % n);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The rendered built-in scripts: the bulk of real agent speech. */
static size_t script_lines(const tousu_policy *p, char ***out)
{
    tousu_vars v = {.struct_size = sizeof v};
    v.surname = "王";
    v.surname_len = strlen(v.surname);
    v.agent_no = "2071";
    v.agent_no_len = 4;
    v.company = "短信通";
    v.company_len = strlen(v.company);
    v.deadline = "3天";
    v.deadline_len = strlen(v.deadline);
    v.agent_name = "李明";
    v.agent_name_len = strlen(v.agent_name);
    int32_t ids[256];
    size_t nsit = 0, n = 0;
    tousu_script_list(p, ids, 256, &nsit);
    char **lines = calloc(4096, sizeof *lines);
    for (size_t i = 0; i < nsit && i < 256; i++) {
        tousu_situation_info si = {.struct_size = sizeof si};
        if (tousu_script_situation(p, ids[i], &si))
            continue;
        for (int32_t s = 1; s <= si.n_steps && n < 4096; s++) {
            char tmp[1024];
            size_t need;
            int rc = tousu_script_render(p, ids[i], s, &v, tmp, sizeof tmp, &need);
            if ((rc == TOUSU_OK || rc == TOUSU_ENODATA) && need > 0)
                lines[n++] = strdup(tmp);
        }
    }
    *out = lines;
    return n;
}

static const char *const filler[] = {
    "您的账户本月消费123.00元，",        "短信提醒已经开通，",
    "请您发送BZ到10658888进行测试，",    "我们会在48小时内给您答复，",
    "您的号码4001230012已经登记，",      "系统显示签约网点在郑州，",
    "请您核对一下账户余额和明细，",      "今天的客户比较多，线路比较繁忙，",
    "如有疑问请拨打客服热线，",          "您反映的情况我已经详细记录，",
    "这个业务需要您本人到营业厅办理，",  "请问您是什么时候开始收不到短信的，",
    "您说的那笔12月5日的交易我查到了，", "怎么样才能更快地帮您解决呢，",
};

/* A forbidden phrase, sometimes disguised as agents really type it. */
static void put_phrase(buf *b, const char *s)
{
    int mode = (int)rnd(4);
    for (const char *c = s; *c;) {
        size_t k = 1;
        while ((c[k] & 0xC0) == 0x80)
            k++;
        put(b, c, k);
        c += k;
        if (*c && mode == 2 && rnd(3) == 0)
            puts0(b, "，");
        if (*c && mode == 3 && rnd(3) == 0)
            puts0(b, " ");
    }
}

static void build_corpus(const tousu_policy *p, buf *b, size_t target)
{
    char **lines;
    size_t nl = script_lines(p, &lines);
    size_t nph = 0;
    tousu_phrase_count(p, &nph);
    while (b->n < target) {
        int parts = 1 + (int)rnd(3);
        for (int i = 0; i < parts; i++) {
            if (rnd(2))
                puts0(b, lines[rnd((uint32_t)nl)]);
            else
                puts0(b, filler[rnd(sizeof filler / sizeof filler[0])]);
        }
        if (rnd(20) == 0 && nph) { /* one utterance in twenty slips */
            tousu_phrase_info pi = {.struct_size = sizeof pi};
            tousu_phrase_get(p, (int32_t)rnd((uint32_t)nph), &pi);
            char tmp[256];
            snprintf(tmp, sizeof tmp, "%.*s", (int)pi.text_len, pi.text);
            put_phrase(b, tmp);
            puts0(b, "！");
        }
        puts0(b, "\n");
    }
    for (size_t i = 0; i < nl; i++)
        free(lines[i]);
    free(lines);
}

static int count_hit(void *user, const tousu_match *m)
{
    *(uint64_t *)user += m->offset & 1; /* touch the match so it is not optimised out */
    return 0;
}

/* grep cannot normalise: give it each phrase without spaces and
 * punctuation (ASCII and CJK), one per line. */
static void write_patterns(const tousu_policy *p, FILE *f)
{
    static const char *const punct[] = {"，", "。", "？", "！", "、", "：", "；", NULL};
    size_t n = 0;
    tousu_phrase_count(p, &n);
    for (size_t i = 0; i < n; i++) {
        tousu_phrase_info pi = {.struct_size = sizeof pi};
        tousu_phrase_get(p, (int32_t)i, &pi);
        for (size_t j = 0; j < pi.text_len;) {
            int skip = 0;
            for (int k = 0; punct[k]; k++)
                if (j + 3 <= pi.text_len && memcmp(pi.text + j, punct[k], 3) == 0)
                    skip = 3;
            if (!skip && strchr(" ,.?!;:", pi.text[j]))
                skip = 1;
            if (!skip)
                fputc(pi.text[j], f);
            j += skip ? (size_t)skip : 1;
        }
        fputc('\n', f);
    }
}

static double run_grep(const char *pat, const char *corpus, uint64_t *lines)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "LC_ALL=C grep -F -o -b -f %s %s", pat, corpus);
    double t0 = now_s();
    FILE *g = popen(cmd, "r");
    if (!g)
        return -1;
    char chunk[1 << 16];
    size_t k;
    *lines = 0;
    while ((k = fread(chunk, 1, sizeof chunk, g)) > 0)
        for (char *c = chunk; (c = memchr(c, '\n', (size_t)(chunk + k - c))); c++)
            (*lines)++;
    int st = pclose(g);
    double t = now_s() - t0;
    return st == -1 ? -1 : t;
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 64;
    if (mb == 0)
        mb = 64;
    tousu_policy *p;
    if (tousu_policy_new(&p)) {
        fprintf(stderr, "no policy\n");
        return 1;
    }
    buf corpus = {0};
    build_corpus(p, &corpus, mb << 20);
    double size_mb = (double)corpus.n / (1 << 20);

    const tousu_matcher *m;
    tousu_policy_matcher(p, TOUSU_MATCHER_PHRASES, &m);
    double best = 1e9;
    uint64_t hits = 0, touch = 0;
    for (int r = 0; r < 3; r++) {
        double t0 = now_s();
        int rc = tousu_matcher_scan(m, corpus.p, corpus.n, 0, count_hit, &touch, &hits, NULL);
        double t = now_s() - t0;
        if (rc) {
            fprintf(stderr, "scan failed: %s\n", tousu_strerror(rc));
            return 1;
        }
        if (t < best)
            best = t;
    }
    printf("corpus %.1f MB, %llu library matches\n", size_mb, (unsigned long long)hits);
    printf("bench phrases_lib %.1f MB/s\n", size_mb / best);

    char cpath[] = "/tmp/bench_phrases_corpus_XXXXXX", ppath[] = "/tmp/bench_phrases_pat_XXXXXX";
    int cfd = mkstemp(cpath), pfd = mkstemp(ppath);
    FILE *cf = cfd >= 0 ? fdopen(cfd, "wb") : NULL, *pf = pfd >= 0 ? fdopen(pfd, "wb") : NULL;
    if (!cf || !pf) {
        fprintf(stderr, "cannot write temporary files\n");
        return 1;
    }
    fwrite(corpus.p, 1, corpus.n, cf);
    write_patterns(p, pf);
    fclose(cf);
    fclose(pf);
    double gbest = 1e9;
    uint64_t glines = 0;
    for (int r = 0; r < 3; r++) {
        double t = run_grep(ppath, cpath, &glines);
        if (t > 0 && t < gbest)
            gbest = t;
    }
    if (gbest < 1e9) {
        printf("grep: %llu matches (no normalisation)\n", (unsigned long long)glines);
        printf("bench phrases_grep %.1f MB/s\n", size_mb / gbest);
    } else {
        printf("grep not available\n");
    }
    unlink(cpath);
    unlink(ppath);
    free(corpus.p);
    tousu_policy_free(p);
    return (int)(touch & 0); /* keeps `touch` alive */
}
