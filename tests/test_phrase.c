/*
 * test_phrase.c - the multi-pattern matcher and what uses it: forbidden
 * phrases (R-SCR-7) with rewrites (R-SCR-8) and free-text signals
 * (R-CLS-12). A property test compares the matcher with a naive search
 * over normalised text on random inputs.
 */
#include "helpers.h"
#include "words.h"

static tousu_policy *P;

/* ---------- helpers ---------- */

static size_t find_phrases(const char *text, tousu_match *out, size_t cap, uint32_t flags)
{
    size_t n = 0;
    uint64_t bad = 0;
    int rc = tousu_phrases_find(P, text, strlen(text), flags, out, cap, &n, &bad);
    assert_true(rc == TOUSU_OK || rc == TOUSU_ENOSPACE);
    return n;
}

static const char *phrase_text(int32_t id)
{
    static char buf[256];
    tousu_phrase_info pi = {.struct_size = sizeof pi};
    assert_int_equal(tousu_phrase_get(P, id, &pi), TOUSU_OK);
    snprintf(buf, sizeof buf, "%.*s", (int)pi.text_len, pi.text);
    return buf;
}

/* Copy s, replacing ASCII punctuation with full-width and the reverse. */
static void swap_width(const char *s, char *out, size_t cap)
{
    static const char *const pairs[][2] = {{"，", ","}, {"。", "."}, {"？", "?"},
                                           {"！", "!"}, {"：", ":"}, {"；", ";"}};
    size_t o = 0;
    while (*s && o + 4 < cap) {
        size_t k = 0;
        for (; k < 6; k++) {
            size_t l0 = strlen(pairs[k][0]), l1 = strlen(pairs[k][1]);
            if (strncmp(s, pairs[k][0], l0) == 0) {
                memcpy(out + o, pairs[k][1], l1);
                o += l1;
                s += l0;
                break;
            }
            if (strncmp(s, pairs[k][1], l1) == 0) {
                memcpy(out + o, pairs[k][0], l0);
                o += l0;
                s += l1;
                break;
            }
        }
        if (k == 6)
            out[o++] = *s++;
    }
    out[o] = '\0';
}

/* Copy s with `sep` after every character but the last. */
static void spread(const char *s, const char *sep, char *out, size_t cap)
{
    size_t o = 0, sl = strlen(sep);
    while (*s && o + 8 + sl < cap) {
        size_t k = 1;
        while ((s[k] & 0xC0) == 0x80)
            k++;
        memcpy(out + o, s, k);
        o += k;
        s += k;
        if (*s) {
            memcpy(out + o, sep, sl);
            o += sl;
        }
    }
    out[o] = '\0';
}

/* ---------- the seed's phrases (R-SCR-7) ---------- */

/* Seed 001 四.2(3) 服务禁忌用语, as the seed writes them, and seed 002's
 * blaming phrases (R-SCR-8). */
static const char *const seed_phrases[] = {
    "喂",
    "嘿",
    "什么怎么样？",
    "为什么？",
    "什么？",
    "说什么？",
    "如何？",
    "你说什么？",
    "你究竟在说什么？",
    "你不是要查什么吗？",
    "你究竟想查什么？",
    "你究竟想怎么样？",
    "你到你要不要查？",
    "你究竟要不要听我说？",
    "你听不听我说？",
    "你问我，我问谁？",
    "我态度怎么样？",
    "不行就是不行，这是规定。",
    "我就这样态度！",
    "我态度哪里不好，你说！",
    "没法查，我没办法。",
    "故意见找领导去，要告就告去！",
    "用不起就别用！",
    "你有什么了不起！",
    "你有无搞错！",
    "你这人怎么这样说话！",
    "你怎么这样罗嗦！",
    "我不清晰，我不懂得，你找XX地方问。",
    "这不是我办理。",
    "咱们公司就是这样规定。",
    "这不关我事，这不是我错，没这回事。",
    "我查不到，你拨XX电话去查。",
    "我没法查，我也没办法。",
    "你自己先查清晰。",
    "您把我搞糊涂了",
    "您搞错了",
    "我已经说得很清楚了",
    "您听明白了吗？",
    "啊，你说什么？",
};

/* ... and as agents actually say them (R-SCR-7 notes). */
static const char *const said_phrases[] = {
    "你到底在说什么？",
    "你到底想查什么？",
    "你到底想怎么样？",
    "你到底要不要查？",
    "你到底要不要听我说？",
    "我就这个态度！",
    "有意见找领导去",
    "你有没有搞错",
    "你怎么这么罗嗦",
    "我不清楚",
    "我不知道",
    "这不关我的事",
    "这不是我的错",
    "我们公司就是这样规定的",
    "你自己先查清楚",
    "怎么？",
    "怎么样？",
};

static void assert_found(const char *text)
{
    tousu_match m[16];
    if (find_phrases(text, m, 16, 0) == 0)
        fail_msg("no forbidden phrase found in \"%s\"", text);
}

/* R-SCR-7: every phrase of seed 001 (and seed 002's blaming ones) is found
 * as written, with full-width/half-width punctuation swapped, with spaces
 * inside and with punctuation inside. */
static void test_R_SCR_7_every_seed_phrase_found(void **state)
{
    (void)state;
    char buf[512];
    for (size_t i = 0; i < sizeof seed_phrases / sizeof seed_phrases[0]; i++) {
        const char *s = seed_phrases[i];
        assert_found(s);
        swap_width(s, buf, sizeof buf);
        assert_found(buf);
        spread(s, " ", buf, sizeof buf);
        assert_found(buf);
        spread(s, "　", buf, sizeof buf); /* ideographic space */
        assert_found(buf);
        spread(s, "、", buf, sizeof buf);
        assert_found(buf);
        spread(s, "-", buf, sizeof buf);
        assert_found(buf);
    }
}

/* R-SCR-7: the phrases as agents say them are found too, and inside a
 * longer turn. */
static void test_R_SCR_7_as_said_and_in_context(void **state)
{
    (void)state;
    char buf[512];
    for (size_t i = 0; i < sizeof said_phrases / sizeof said_phrases[0]; i++) {
        assert_found(said_phrases[i]);
        snprintf(buf, sizeof buf, "好的，%s我们再看看。", said_phrases[i]);
        assert_found(buf);
    }
}

/* R-SCR-7: text that only looks similar reports nothing. */
static void test_R_SCR_7_look_alikes_not_reported(void **state)
{
    (void)state;
    static const char *const clean[] = {
        "请问您为什么需要停机？",
        "您说什么时候方便，我们再联系您。",
        "您觉得这样处理怎么样？",
        "如何办理停机业务，我来为您介绍。",
        "什么时候开通的呢？",
        "我们已经说得很清楚了吗，不是的。",
        "您不清楚的地方可以再问我。",
        "我们不知道您的号码已经变更。",
        "这是规定的时间。",
        "您把文件搞清楚了，谢谢。",
        "请问怎么称呼您？",
        "您好，很高兴为您服务！",
        "短信通，1024号客服为您服务。",
        "您的账户本月消费123.00元。",
        "您搞的这个业务已经开通了。",
        "我态度诚恳地向您道歉。",
    };
    tousu_match m[8];
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        size_t n = find_phrases(clean[i], m, 8, 0);
        if (n)
            fail_msg("\"%s\": reported \"%s\"", clean[i], phrase_text(m[0].pattern));
    }
}

/* R-SCR-7: short questions count only as a whole clause. */
static void test_R_SCR_7_short_questions_whole_clause(void **state)
{
    (void)state;
    tousu_match m[4];
    assert_int_equal(find_phrases("为什么？", m, 4, 0), 1);
    assert_int_equal(m[0].group, TOUSU_FAM_QUESTIONING);
    assert_int_equal(m[0].offset, 0);
    assert_int_equal(m[0].length, strlen("为什么"));
    assert_int_equal(find_phrases("好的。为什么？我不明白", m, 4, 0), 1);
    assert_int_equal(find_phrases("请问您为什么需要停机", m, 4, 0), 0);
    assert_int_equal(find_phrases("什么", m, 4, 0), 1);   /* a whole turn */
    assert_int_equal(find_phrases("“什么”", m, 4, 0), 1); /* quotes aside */
    assert_int_equal(find_phrases("什么东西", m, 4, 0), 0);
}

/* R-SCR-7: each hit has its family and the byte span of the original. */
static void test_R_SCR_7_family_and_position(void **state)
{
    (void)state;
    const char *t = "好，喂，你怎么 这么罗嗦！我不清楚。";
    tousu_match m[8];
    size_t n = find_phrases(t, m, 8, 0);
    assert_int_equal(n, 3);
    assert_int_equal(m[0].group, TOUSU_FAM_BLUNT);
    assert_int_equal(m[0].offset, strlen("好，"));
    assert_int_equal(m[1].group, TOUSU_FAM_ARROGANT);
    assert_int_equal(m[1].offset, strlen("好，喂，"));
    assert_int_equal(m[1].length, strlen("你怎么 这么罗嗦"));
    assert_int_equal(m[2].group, TOUSU_FAM_EVASIVE);
    assert_memory_equal(t + m[2].offset, "我不清楚", m[2].length);
}

/* R-SCR-7: the seed's wording is carried as a variant of the as-said phrase. */
static void test_R_SCR_7_seed_wording_is_variant(void **state)
{
    (void)state;
    size_t n = 0;
    assert_int_equal(tousu_phrase_count(P, &n), TOUSU_OK);
    int variants = 0;
    for (size_t i = 0; i < n; i++) {
        tousu_phrase_info pi = {.struct_size = sizeof pi};
        assert_int_equal(tousu_phrase_get(P, (int32_t)i, &pi), TOUSU_OK);
        if (pi.variant_of >= 0) {
            tousu_phrase_info main = {.struct_size = sizeof main};
            assert_int_equal(tousu_phrase_get(P, pi.variant_of, &main), TOUSU_OK);
            assert_int_equal(main.variant_of, -1);
            variants++;
        }
        if (pi.text_len == strlen("你究竟想查什么？") &&
            memcmp(pi.text, "你究竟想查什么？", pi.text_len) == 0) {
            assert_true(pi.variant_of >= 0);
            assert_string_equal(phrase_text(pi.variant_of), "你到底想查什么？");
        }
    }
    assert_true(variants >= 15);
    tousu_phrase_info pi = {.struct_size = sizeof pi};
    assert_int_equal(tousu_phrase_get(P, (int32_t)n, &pi), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_phrase_get(P, -1, &pi), TOUSU_ENOTFOUND);
}

/* R-SCR-8: the blaming phrases get the seed's "I instead of you" rewrite. */
static void test_R_SCR_8_rewrites(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"您把我搞糊涂了", "我被搞糊涂了"},
        {"您搞错了", "我觉得我们的沟通存在误解"},
        {"我已经说得很清楚了", "对不起，或许是我未解释清楚，令您误解了"},
        {"您听明白了吗？", "我解释清楚了吗？"},
        {"啊，你说什么？", "对不起，我没有听明白，请您再说一遍好吗？"},
    };
    for (size_t i = 0; i < 5; i++) {
        tousu_match m[4];
        assert_int_equal(find_phrases(pairs[i][0], m, 4, 0), 1);
        assert_int_equal(m[0].group, TOUSU_FAM_BLAMING);
        tousu_phrase_info pi = {.struct_size = sizeof pi};
        assert_int_equal(tousu_phrase_get(P, m[0].pattern, &pi), TOUSU_OK);
        assert_int_equal(pi.rewrite_len, strlen(pairs[i][1]));
        assert_memory_equal(pi.rewrite, pairs[i][1], pi.rewrite_len);
    }
}

/* R-SCR-7: a phrase inside a longer one found at the same place is
 * reported once, unless every hit is asked for. */
static void test_R_SCR_7_nested_hits(void **state)
{
    (void)state;
    tousu_match m[4];
    assert_int_equal(find_phrases("啊，你说什么？", m, 4, 0), 1);
    assert_int_equal(m[0].group, TOUSU_FAM_BLAMING);
    assert_int_equal(find_phrases("啊，你说什么？", m, 4, TOUSU_SCAN_ALL_HITS), 2);
}

/* Boundary: a buffer too small gets the count and TOUSU_ENOSPACE. */
static void test_phrases_buffer_too_small(void **state)
{
    (void)state;
    const char *t = "喂，嘿，我不清楚，我不知道";
    tousu_match m[2];
    size_t n = 0;
    assert_int_equal(tousu_phrases_find(P, t, strlen(t), 0, m, 2, &n, NULL), TOUSU_ENOSPACE);
    assert_int_equal(n, 4);
    assert_int_equal(tousu_phrases_find(P, t, strlen(t), 0, NULL, 0, &n, NULL), TOUSU_ENOSPACE);
    assert_int_equal(n, 4);
}

/* Boundary: bad input to the phrase check. */
static void test_phrases_bad_input(void **state)
{
    (void)state;
    size_t n = 9;
    uint64_t bad = 0;
    tousu_match m[4];
    assert_int_equal(tousu_phrases_find(NULL, "喂", 3, 0, m, 4, &n, &bad), TOUSU_EINVAL);
    assert_int_equal(tousu_phrases_find(P, NULL, 3, 0, m, 4, &n, &bad), TOUSU_EINVAL);
    assert_int_equal(tousu_phrases_find(P, "喂", 3, 0, NULL, 4, &n, &bad), TOUSU_EINVAL);
    assert_int_equal(tousu_phrases_find(P, NULL, 0, 0, m, 4, &n, &bad), TOUSU_OK); /* empty */
    assert_int_equal(n, 0);
    const char broken[] = "我不清楚\xE4\xBD你说什么？";
    assert_int_equal(tousu_phrases_find(P, broken, sizeof broken - 1, 0, m, 4, &n, &bad),
                     TOUSU_EUTF8);
    assert_int_equal(bad, strlen("我不清楚"));
    assert_int_equal(
        tousu_phrases_find(P, broken, sizeof broken - 1, TOUSU_SCAN_SKIP_BAD_UTF8, m, 4, &n, &bad),
        TOUSU_OK);
    assert_int_equal(n, 2);
    const char nul[] = "我不\0清楚";
    assert_int_equal(tousu_phrases_find(P, nul, sizeof nul - 1, 0, m, 4, &n, &bad), TOUSU_OK);
    assert_int_equal(n, 1); /* a NUL is ignored like a control character */
}

/* Boundary: a 10 MB utterance: too big for the phrase check (policy
 * limit), scanned whole by the matcher without trouble. */
static void test_phrases_ten_megabytes(void **state)
{
    (void)state;
    size_t len = 10u << 20;
    char *t = malloc(len);
    assert_non_null(t);
    for (size_t i = 0; i + 3 <= len; i += 3)
        memcpy(t + i, "好", 3);
    memcpy(t + len - 1 - 12, "我不清楚", 12);
    t[len - 1] = '.';
    size_t n;
    tousu_match m[4];
    assert_int_equal(tousu_phrases_find(P, t, len, 0, m, 4, &n, NULL), TOUSU_ETOOBIG);
    const tousu_matcher *mt;
    assert_int_equal(tousu_policy_matcher(P, TOUSU_MATCHER_PHRASES, &mt), TOUSU_OK);
    assert_int_equal(tousu_matcher_find(mt, t, len, 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].offset, len - 13);
    free(t);
}

/* ---------- the matcher API ---------- */

static tousu_matcher *build(const char *const *pats, size_t n, const uint32_t *flags)
{
    size_t lens[64];
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(pats[i]);
    tousu_matcher *m = NULL;
    size_t bad = 99;
    assert_int_equal(tousu_matcher_new(&m, pats, lens, flags, NULL, n, &bad), TOUSU_OK);
    assert_non_null(m);
    return m;
}

/* Overlapping matches are all reported, in order of end offset. */
static void test_matcher_overlaps(void **state)
{
    (void)state;
    const char *pats[] = {"he", "she", "his", "hers"};
    tousu_matcher *m = build(pats, 4, NULL);
    assert_int_equal(tousu_matcher_count(m), 4);
    tousu_match out[8];
    size_t n;
    assert_int_equal(tousu_matcher_find(m, "ushers", 6, 0, out, 8, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 3);
    assert_int_equal(out[0].pattern, 1); /* she [1,4) */
    assert_int_equal(out[0].offset, 1);
    assert_int_equal(out[1].pattern, 0); /* he [2,4) */
    assert_int_equal(out[2].pattern, 3); /* hers [2,6) */
    assert_int_equal(out[2].length, 4);
    assert_int_equal(tousu_matcher_find(m, "USHERS", 6, 0, out, 8, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 3); /* letters fold to lower case */
    tousu_matcher_free(m);
}

static int stop_at_first(void *user, const tousu_match *m)
{
    (void)m;
    (*(int *)user)++;
    return 1;
}

/* The callback may stop the scan. */
static void test_matcher_callback_stops(void **state)
{
    (void)state;
    const char *pats[] = {"什么"};
    tousu_matcher *m = build(pats, 1, NULL);
    int calls = 0;
    uint64_t count = 0;
    assert_int_equal(
        tousu_matcher_scan(m, "什么什么什么", 18, 0, stop_at_first, &calls, &count, NULL),
        TOUSU_ECALLBACK);
    assert_int_equal(calls, 1);
    assert_int_equal(count, 1);
    assert_int_equal(tousu_matcher_scan(m, "什么什么什么", 18, 0, NULL, NULL, &count, NULL),
                     TOUSU_OK);
    assert_int_equal(count, 3);
    tousu_matcher_free(m);
}

/* Malformed UTF-8: an error with its offset, after reporting what came
 * before; or skipped on request. */
static void test_matcher_bad_utf8(void **state)
{
    (void)state;
    const char *pats[] = {"ab"};
    tousu_matcher *m = build(pats, 1, NULL);
    const char t[] = "ab\xFF"
                     "ab";
    uint64_t count = 0, bad = 0;
    assert_int_equal(tousu_matcher_scan(m, t, 5, 0, NULL, NULL, &count, &bad), TOUSU_EUTF8);
    assert_int_equal(bad, 2);
    assert_int_equal(count, 1);
    assert_int_equal(
        tousu_matcher_scan(m, t, 5, TOUSU_SCAN_SKIP_BAD_UTF8, NULL, NULL, &count, &bad), TOUSU_OK);
    assert_int_equal(count, 2);
    const char u[] = "a\xFF"
                     "b"; /* a skipped byte separates */
    assert_int_equal(
        tousu_matcher_scan(m, u, 3, TOUSU_SCAN_SKIP_BAD_UTF8, NULL, NULL, &count, NULL), TOUSU_OK);
    assert_int_equal(count, 0);
    tousu_matcher_free(m);
}

/* Boundary: bad patterns name their index; nothing is built. */
static void test_matcher_bad_patterns(void **state)
{
    (void)state;
    tousu_matcher *m = (tousu_matcher *)1;
    size_t bad = 0;
    const char *p1[] = {"好", "，。！"};
    size_t l1[] = {3, 9};
    assert_int_equal(tousu_matcher_new(&m, p1, l1, NULL, NULL, 2, &bad), TOUSU_ERANGE);
    assert_null(m);
    assert_int_equal(bad, 1);
    const char *p2[] = {"a\xC0\xAF"};
    size_t l2[] = {3};
    assert_int_equal(tousu_matcher_new(&m, p2, l2, NULL, NULL, 1, &bad), TOUSU_EUTF8);
    assert_int_equal(bad, 0);
    const char *p3[] = {"ok", "a\0b"};
    size_t l3[] = {2, 3};
    assert_int_equal(tousu_matcher_new(&m, p3, l3, NULL, NULL, 2, &bad), TOUSU_EINVAL);
    assert_int_equal(bad, 1);
    assert_int_equal(tousu_matcher_new(&m, p3, l3, NULL, NULL, 0, &bad), TOUSU_EINVAL);
    assert_int_equal(tousu_matcher_new(NULL, p3, l3, NULL, NULL, 1, &bad), TOUSU_EINVAL);
    assert_int_equal(tousu_matcher_new(&m, NULL, l3, NULL, NULL, 1, &bad), TOUSU_EINVAL);
    char *longp = malloc(1025 * 3 + 1);
    for (int i = 0; i < 1025; i++)
        memcpy(longp + 3 * i, "好", 3);
    const char *p4[] = {longp};
    size_t l4[] = {1025 * 3};
    assert_int_equal(tousu_matcher_new(&m, p4, l4, NULL, NULL, 1, &bad), TOUSU_ERANGE);
    free(longp);
    tousu_matcher_free(NULL);
    assert_int_equal(tousu_matcher_count(NULL), 0);
    assert_int_equal(tousu_matcher_scan(NULL, "a", 1, 0, NULL, NULL, NULL, NULL), TOUSU_EINVAL);
}

/* Boundary: an automaton too large is refused (no crash, no huge
 * allocation). */
static void test_matcher_too_large(void **state)
{
    (void)state;
    enum { N = 6000 };
    char *buf = malloc(N * 13);
    const char **pats = malloc(N * sizeof *pats);
    size_t *lens = malloc(N * sizeof *lens);
    for (int i = 0; i < N; i++) { /* 4 distinct CJK characters each */
        char *p = buf + i * 13;
        for (int k = 0; k < 4; k++) {
            uint32_t cp = 0x4E00u + (uint32_t)(i * 4 + k);
            p[3 * k] = (char)(0xE0 | (cp >> 12));
            p[3 * k + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            p[3 * k + 2] = (char)(0x80 | (cp & 0x3F));
        }
        pats[i] = p;
        lens[i] = 12;
    }
    tousu_matcher *m = NULL;
    size_t bad;
    assert_int_equal(tousu_matcher_new(&m, pats, lens, NULL, NULL, N, &bad), TOUSU_ETOOBIG);
    assert_null(m);
    free(buf);
    free(pats);
    free(lens);
}

/* Clause flags and whole numbers in a host matcher. */
static void test_matcher_flags_and_numbers(void **state)
{
    (void)state;
    const char *pats[] = {"好吗", "12300", "123.00"};
    uint32_t flags[] = {TOUSU_PAT_CLAUSE_END, 0, 0};
    int32_t groups[] = {7, 8, 9};
    size_t lens[] = {6, 5, 6};
    tousu_matcher *m = NULL;
    assert_int_equal(tousu_matcher_new(&m, pats, lens, flags, groups, 3, NULL), TOUSU_OK);
    tousu_match o[4];
    size_t n;
    assert_int_equal(tousu_matcher_find(m, "可以好吗？", 15, 0, o, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 1);
    assert_int_equal(o[0].group, 7);
    assert_int_equal(tousu_matcher_find(m, "好吗可以", 12, 0, o, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 0);
    const char *t = "总额123。00元";
    assert_int_equal(tousu_matcher_find(m, t, strlen(t), 0, o, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 1); /* the pattern 123.00 keeps its break */
    assert_int_equal(o[0].group, 9);
    assert_int_equal(tousu_matcher_find(m, "1230 0", 6, 0, o, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 0);
    tousu_matcher_free(m);
}

typedef struct fault_alloc {
    int countdown; /* fail when it reaches 0 */
    long live;     /* blocks handed out and not yet freed */
} fault_alloc;

static void *fault_malloc(void *user, size_t n)
{
    fault_alloc *f = user;
    if (f->countdown-- == 0)
        return NULL;
    void *p = malloc(n);
    f->live += p != NULL;
    return p;
}

static void fault_free(void *user, void *p)
{
    fault_alloc *f = user;
    f->live -= p != NULL;
    free(p);
}

/* Boundary: every allocation of a build may fail; the build then returns
 * TOUSU_ENOMEM and leaves nothing behind, until it succeeds. */
static void test_matcher_build_allocation_failures(void **state)
{
    (void)state;
    const char *pats[] = {"你说什么", "12300", "123.00", "什么？", "ab"};
    size_t lens[5];
    uint32_t flags[5] = {0, 0, 0, TOUSU_PAT_CLAUSE, 0};
    for (int i = 0; i < 5; i++)
        lens[i] = strlen(pats[i]);
    for (int k = 0;; k++) {
        fault_alloc f = {k, 0};
        tz_alloc a = {&f, fault_malloc, fault_free};
        tz_error e;
        tousu_matcher *m = NULL;
        size_t bad;
        int rc = tz_matcher_build(&a, pats, lens, flags, NULL, 5, &m, &bad, &e);
        if (rc == TOUSU_OK) {
            assert_non_null(m);
            uint64_t count = 0;
            assert_int_equal(tz_matcher_scan(m, "你说什么？12300", 20, 0, NULL, NULL, &count, NULL),
                             TOUSU_OK);
            assert_int_equal(count, 2);
            tousu_matcher_free(m);
            assert_int_equal(f.live, 0);
            assert_true(k > 5);
            break;
        }
        assert_int_equal(rc, TOUSU_ENOMEM);
        assert_null(m);
        assert_int_equal(f.live, 0);
        assert_true(k < 200);
    }
}

/* ---------- property test: matcher == naive search ---------- */

static uint64_t rng = 88172645463325252u;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* Pieces text and patterns are made of: pattern characters, digits (also
 * full-width), letters in both cases, ignored characters of every kind,
 * clause punctuation and other CJK. */
static const char *const alphabet[] = {
    "你", "说", "什", "么", "好", "吗", "我", "不", "1",  "2",  "3", "0", "１", "２", "a",  "A",
    "ｂ", "b",  " ",  "，", "。", "？", ".",  ",",  "\n", "　", "↑", "“", "-",  "天", "地", "号",
};
enum { NALPHA = sizeof alphabet / sizeof alphabet[0] };

static size_t random_text(char *out, size_t cap, uint32_t max_pieces, bool bad_bytes)
{
    size_t o = 0;
    uint32_t n = 1 + rnd(max_pieces);
    for (uint32_t i = 0; i < n; i++) {
        const char *p = alphabet[rnd(NALPHA)];
        if (bad_bytes && rnd(40) == 0)
            p = rnd(2) ? "\xFF" : "\xE4\xBD";
        size_t l = strlen(p);
        if (o + l >= cap)
            break;
        memcpy(out + o, p, l);
        o += l;
    }
    out[o] = '\0';
    return o;
}

typedef struct triple {
    int32_t pattern;
    uint64_t start, end;
} triple;

static int cmp_triple(const void *x, const void *y)
{
    const triple *a = x, *b = y;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->pattern > b->pattern) - (a->pattern < b->pattern);
}

typedef struct collect {
    triple *v;
    size_t n, cap;
} collect;

static void push(collect *c, int32_t p, uint64_t s, uint64_t e)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        assert_non_null(c->v);
    }
    c->v[c->n++] = (triple){p, s, e};
}

static int collect_hit(void *user, const tousu_match *m)
{
    push(user, m->pattern, m->offset, m->offset + m->length);
    return 0;
}

/* The reference: normalise both, compare symbol by symbol everywhere,
 * apply the same boundary rules. */
static void naive(const char *const *pats, const uint32_t *flags, size_t np, const char *text,
                  size_t len, bool skip, collect *out)
{
    tz_alloc a;
    tz_alloc_default(&a);
    tz_norm t = {0}, p = {0};
    assert_int_equal(tz_normalize(&a, text, len, skip, &t, NULL), TOUSU_OK);
    for (size_t k = 0; k < np; k++) {
        assert_int_equal(tz_normalize(&a, pats[k], strlen(pats[k]), false, &p, NULL), TOUSU_OK);
        for (size_t j = 0; p.n && j + p.n <= t.n; j++) {
            if (memcmp(t.sym + j, p.sym, p.n * sizeof *p.sym) != 0)
                continue;
            size_t s = t.start[j], e = t.end[j + p.n - 1];
            if ((flags[k] & TOUSU_PAT_CLAUSE_START) && !tz_clause_before(text, len, s))
                continue;
            if ((flags[k] & TOUSU_PAT_CLAUSE_END) && !tz_clause_after(text, len, e))
                continue;
            if (tz_is_digit_sym(p.sym[0]) && tz_digit_before(text, len, s))
                continue;
            if (tz_is_digit_sym(p.sym[p.n - 1]) && tz_digit_after(text, len, e))
                continue;
            push(out, (int32_t)k, s, e);
        }
    }
    tz_norm_free(&a, &t);
    tz_norm_free(&a, &p);
}

static bool pattern_ok(const char *p)
{
    tz_alloc a;
    tz_alloc_default(&a);
    tz_norm n = {0};
    bool ok = tz_normalize(&a, p, strlen(p), false, &n, NULL) == TOUSU_OK && n.n > 0;
    tz_norm_free(&a, &n);
    return ok;
}

static bool same_triples(const collect *x, const collect *y)
{
    if (x->n != y->n)
        return false;
    for (size_t i = 0; i < x->n; i++)
        if (x->v[i].pattern != y->v[i].pattern || x->v[i].start != y->v[i].start ||
            x->v[i].end != y->v[i].end)
            return false;
    return true;
}

static double test_scale(void)
{
    const char *s = getenv("TOUSU_TEST_SCALE");
    double v = s ? atof(s) : 1.0;
    return v > 0 ? v : 1.0;
}

/* R-SCR-7, R-CLS-12: on random patterns and texts (with ignored characters,
 * full-width forms, digits, malformed bytes) the matcher reports exactly
 * the matches, with exactly the offsets, that a naive search over the
 * normalised text finds. */
static void test_R_SCR_7_R_CLS_12_property_matcher_equals_naive(void **state)
{
    (void)state;
    int rounds = (int)(400 * test_scale());
    if (rounds < 10)
        rounds = 10;
    char pbuf[12][64], text[1024];
    for (int r = 0; r < rounds; r++) {
        size_t np = 1 + rnd(12);
        const char *pats[12];
        size_t lens[12];
        uint32_t flags[12];
        for (size_t k = 0; k < np; k++) {
            do
                lens[k] = random_text(pbuf[k], sizeof pbuf[k], 4, false);
            while (!pattern_ok(pbuf[k]));
            pats[k] = pbuf[k];
            flags[k] = rnd(3) == 0 ? rnd(4) : 0;
        }
        tousu_matcher *m = NULL;
        assert_int_equal(tousu_matcher_new(&m, pats, lens, flags, NULL, np, NULL), TOUSU_OK);
        for (int t = 0; t < 8; t++) {
            bool skip = rnd(2);
            size_t len = random_text(text, sizeof text, 120, skip);
            collect got = {0}, want = {0};
            uint32_t sf = skip ? TOUSU_SCAN_SKIP_BAD_UTF8 : 0;
            assert_int_equal(tousu_matcher_scan(m, text, len, sf, collect_hit, &got, NULL, NULL),
                             TOUSU_OK);
            naive(pats, flags, np, text, len, skip, &want);
            if (got.n)
                qsort(got.v, got.n, sizeof *got.v, cmp_triple);
            if (want.n)
                qsort(want.v, want.n, sizeof *want.v, cmp_triple);
            if (!same_triples(&got, &want))
                fail_msg("round %d: matcher %zu matches, naive %zu, text \"%s\"", r, got.n, want.n,
                         text);
            free(got.v);
            free(want.v);
        }
        tousu_matcher_free(m);
    }
}

/* ---------- R-CLS-12 free-text signals ---------- */

/* R-CLS-12: media, lawsuit and regulator words suggest major or leapfrog,
 * with the matched words as evidence; the decision itself is unchanged. */
static void test_R_CLS_12_signals_suggest_only(void **state)
{
    (void)state;
    tousu_engine *e = new_engine();
    int64_t t0 = at(2025, 3, 3, 10, 0);
    tousu_contact plain = complaint(501, 9001, 0, t0);
    tousu_result r0 = triage_ok(e, &plain);
    const char *text = "再不解决我就找记者曝光，还要去１２３００投诉，请律师起诉你们！";
    tousu_contact c = complaint(502, 9002, 0, t0);
    c.text = text;
    c.text_len = strlen(text);
    tousu_result r = triage_ok(e, &c);
    assert_true(r.suggested_kinds & (1u << TOUSU_KIND_MAJOR));
    assert_true(r.suggested_kinds & (1u << TOUSU_KIND_LEAPFROG));
    assert_int_equal(r.kinds, r0.kinds); /* suggestions never decide */
    assert_int_equal(r.level, r0.level);
    assert_int_equal(r.n_signals, 5);
    bool media = false, reg = false, law = false;
    for (uint32_t i = 0; i < r.n_signals; i++) {
        const tousu_signal *s = &r.signals[i];
        assert_true(s->offset + s->length <= c.text_len);
        if (s->group == TOUSU_SIG_MEDIA) {
            media = true;
            assert_int_equal(s->kind, TOUSU_KIND_MAJOR);
        }
        if (s->group == TOUSU_SIG_REGULATOR) {
            reg = true;
            assert_int_equal(s->kind, TOUSU_KIND_LEAPFROG);
            assert_memory_equal(text + s->offset, "１２３００", s->length);
        }
        law = law || s->group == TOUSU_SIG_LAWSUIT;
    }
    assert_true(media && reg && law);
    tousu_engine_free(e);
}

/* R-CLS-12: 12300 only as a whole number, never joined across punctuation. */
static void test_R_CLS_12_whole_numbers_only(void **state)
{
    (void)state;
    static const char *const quiet[] = {"本月扣费123.00元", "请拨4001230012咨询", "订单号112300",
                                        "123 00", "12300123"};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
        tousu_result r = new_result();
        tz_suggest_from_text(P, quiet[i], strlen(quiet[i]), &r);
        if (r.suggested_kinds || r.n_signals)
            fail_msg("\"%s\" suggested something", quiet[i]);
    }
    static const char *const loud[] = {"打12300投诉", "12300。", "（12300）", "电话：12315",
                                       "市长热线12345"};
    for (size_t i = 0; i < sizeof loud / sizeof loud[0]; i++) {
        tousu_result r = new_result();
        tz_suggest_from_text(P, loud[i], strlen(loud[i]), &r);
        if (!(r.suggested_kinds & (1u << TOUSU_KIND_LEAPFROG)))
            fail_msg("\"%s\" suggested nothing", loud[i]);
    }
}

/* R-CLS-12: exception words. 取消协议 (cancel the contract) holds 消协 and
 * 多媒体短信 (MMS) holds 媒体, but neither names a consumer association or
 * the media: the built-in exception words 取消协 / 多媒体 / 流媒体 mask them,
 * and only them (the same words elsewhere in the text still count). */
static void test_R_CLS_12_exception_words_mask_signals(void **state)
{
    (void)state;
    static const char *const quiet[] = {"我想取消协议", "多媒体短信发不出去", "流媒体会员扣费",
                                        "要求撤消协议", "取，消协议"};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
        tousu_result r = new_result();
        tz_suggest_from_text(P, quiet[i], strlen(quiet[i]), &r);
        if (r.suggested_kinds || r.n_signals)
            fail_msg("\"%s\" suggested something", quiet[i]);
    }
    const char *text = "取消协议不成，我就去消协投诉，再找媒体";
    tousu_result r = new_result();
    tz_suggest_from_text(P, text, strlen(text), &r);
    assert_int_equal(r.n_signals, 2);
    assert_int_equal(r.signals[0].group, TOUSU_SIG_REGULATOR);
    assert_int_equal(r.signals[0].offset, (size_t)(strstr(text, "去消协") - text) + strlen("去"));
    assert_int_equal(r.signals[1].group, TOUSU_SIG_MEDIA);
    assert_true(r.suggested_kinds & (1u << TOUSU_KIND_LEAPFROG));
    assert_true(r.suggested_kinds & (1u << TOUSU_KIND_MAJOR));
    r = new_result();
    tz_suggest_from_text(P, "多媒体记者", strlen("多媒体记者"), &r); /* 记者 still counts */
    assert_int_equal(r.n_signals, 1);
    assert_int_equal(r.signals[0].offset, strlen("多媒体"));
}

/* R-CLS-12: at most TOUSU_MAX_SIGNALS kept; all kinds still suggested. */
static void test_R_CLS_12_signal_overflow(void **state)
{
    (void)state;
    char text[1024] = "";
    for (int i = 0; i < 12; i++)
        strcat(text, "记者，");
    strcat(text, "法院");
    tousu_result r = new_result();
    tz_suggest_from_text(P, text, strlen(text), &r);
    assert_int_equal(r.n_signals, TOUSU_MAX_SIGNALS);
    assert_true(r.suggested_kinds & (1u << TOUSU_KIND_MAJOR));
    assert_string_equal(tousu_signal_group_name(TOUSU_SIG_LAWSUIT), "lawsuit (诉讼仲裁)");
    assert_string_equal(tousu_signal_group_name(0), "?");
}

/* The policy's matchers are borrowed and pattern ids are phrase ids. */
static void test_policy_matchers(void **state)
{
    (void)state;
    const tousu_matcher *m = NULL;
    assert_int_equal(tousu_policy_matcher(P, TOUSU_MATCHER_PHRASES, &m), TOUSU_OK);
    size_t n = 0;
    tousu_phrase_count(P, &n);
    assert_int_equal(tousu_matcher_count(m), n);
    assert_int_equal(tousu_policy_matcher(P, TOUSU_MATCHER_SIGNALS, &m), TOUSU_OK);
    assert_non_null(m);
    assert_int_equal(tousu_policy_matcher(P, 7, &m), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_matcher(NULL, 0, &m), TOUSU_EINVAL);
    assert_string_equal(tousu_phrase_family_name(TOUSU_FAM_BLUNT), "blunt address (对客户直呼)");
    assert_string_equal(tousu_phrase_family_name(99), "?");
}

int main(void)
{
    assert_int_equal(tousu_policy_new(&P), TOUSU_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SCR_7_every_seed_phrase_found),
        cmocka_unit_test(test_R_SCR_7_as_said_and_in_context),
        cmocka_unit_test(test_R_SCR_7_look_alikes_not_reported),
        cmocka_unit_test(test_R_SCR_7_short_questions_whole_clause),
        cmocka_unit_test(test_R_SCR_7_family_and_position),
        cmocka_unit_test(test_R_SCR_7_seed_wording_is_variant),
        cmocka_unit_test(test_R_SCR_8_rewrites),
        cmocka_unit_test(test_R_SCR_7_nested_hits),
        cmocka_unit_test(test_phrases_buffer_too_small),
        cmocka_unit_test(test_phrases_bad_input),
        cmocka_unit_test(test_phrases_ten_megabytes),
        cmocka_unit_test(test_matcher_overlaps),
        cmocka_unit_test(test_matcher_callback_stops),
        cmocka_unit_test(test_matcher_bad_utf8),
        cmocka_unit_test(test_matcher_bad_patterns),
        cmocka_unit_test(test_matcher_too_large),
        cmocka_unit_test(test_matcher_flags_and_numbers),
        cmocka_unit_test(test_matcher_build_allocation_failures),
        cmocka_unit_test(test_R_SCR_7_R_CLS_12_property_matcher_equals_naive),
        cmocka_unit_test(test_R_CLS_12_signals_suggest_only),
        cmocka_unit_test(test_R_CLS_12_whole_numbers_only),
        cmocka_unit_test(test_R_CLS_12_exception_words_mask_signals),
        cmocka_unit_test(test_R_CLS_12_signal_overflow),
        cmocka_unit_test(test_policy_matchers),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tousu_policy_free(P);
    return rc;
}
