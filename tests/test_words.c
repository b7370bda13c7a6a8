/*
 * test_words.c - the host replaces or extends every table at run time
 * (R-SCR-10 "another service, another language", R-POL-1/2): the text
 * format of docs/words.md, all-or-nothing loading with errors naming the
 * line and entry, and putting a set in force in a policy.
 */
#include "helpers.h"
#include "words.h"

static tousu_words *new_words(void)
{
    tousu_words *w = NULL;
    assert_int_equal(tousu_words_new(&w, NULL), TOUSU_OK);
    assert_non_null(w);
    return w;
}

static int load(tousu_words *w, const char *text)
{
    return tousu_words_load(w, text, strlen(text));
}

static bool msg_has(const tousu_words *w, const char *needle)
{
    return strstr(tousu_words_errmsg(w), needle) != NULL;
}

static tousu_policy *policy_with(const tousu_words *w)
{
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_words(p, w), TOUSU_OK);
    return p;
}

/* R-SCR-10: another language: an English situation added beside the
 * built-in ones, rendered with placeholders. */
static void test_R_SCR_10_extend_another_language(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    const char *text = "# English greeting\n"
                       "tousu-words 1\n"
                       "situation | 1001 | en_greeting | Greeting | R-SCR-1\n"
                       "step | en_greeting | 1 | - | on answering | Hello, {company}, agent "
                       "{agent_no} speaking. | within three rings\n"
                       "step | en_greeting | 2 | alt, pause=500 | | Good morning\\, how can I "
                       "help? \\| thanks |\n";
    assert_int_equal(load(w, text), TOUSU_OK);
    assert_string_equal(tousu_words_errmsg(w), "");
    tousu_policy *p = policy_with(w);
    tousu_words_free(w); /* the policy has its own copy */
    int32_t id = 0;
    assert_int_equal(tousu_script_find(p, "en_greeting", 11, &id), TOUSU_OK);
    assert_int_equal(id, 1001);
    tousu_vars v = {.struct_size = sizeof v,
                    .agent_no = "7",
                    .agent_no_len = 1,
                    .company = "ACME",
                    .company_len = 4};
    char buf[128];
    size_t need;
    assert_int_equal(tousu_script_render(p, 1001, 1, &v, buf, sizeof buf, &need), TOUSU_OK);
    assert_string_equal(buf, "Hello, ACME, agent 7 speaking.");
    assert_int_equal(tousu_script_render(p, 1001, 2, &v, buf, sizeof buf, &need), TOUSU_OK);
    assert_string_equal(buf, "Good morning, how can I help? | thanks");
    tousu_step_info si = {.struct_size = sizeof si};
    assert_int_equal(tousu_script_step(p, 1001, 2, &si), TOUSU_OK);
    assert_int_equal(si.pause_before_ms, 500);
    assert_true(si.flags & TOUSU_STEP_ALTERNATIVE);
    /* the built-in tables are still there */
    assert_int_equal(tousu_script_render(p, TOUSU_SIT_OPENING, 2, &v, buf, sizeof buf, &need),
                     TOUSU_OK);
    tousu_policy_free(p);
}

/* R-SCR-10: another service's flow, leading into a built-in flow. */
static void test_R_SCR_10_extend_another_service_flow(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    const char *text =
        "tousu-words 1\n"
        "flow | 2001 | card_blocked | 银行卡被锁 | R-SCR-10 | 1\n"
        "node | card_blocked | 1 | 是否收到短信？ | 请稍等，{surname}{title|先生}。 |\n"
        "node | card_blocked | 2 | | 请到柜台解锁。 | 带身份证\n"
        "answer | card_blocked | 1 | 没有收到 | no_welcome_sms:1\n"
        "answer | card_blocked | 1 | 收到了 | 2\n"
        "answer | card_blocked | 2 | 好的 | end\n";
    assert_int_equal(load(w, text), TOUSU_OK);
    tousu_policy *p = policy_with(w);
    int32_t flow = 0, node = 0;
    assert_int_equal(tousu_flow_find(p, "card_blocked", 12, &flow), TOUSU_OK);
    assert_int_equal(tousu_flow_step(p, &flow, &node, 0), TOUSU_OK);
    assert_int_equal(flow, TOUSU_FLOW_NO_WELCOME_SMS);
    assert_int_equal(node, 1);
    flow = 2001;
    node = 1;
    assert_int_equal(tousu_flow_step(p, &flow, &node, 1), TOUSU_OK);
    assert_int_equal(node, 2);
    assert_int_equal(tousu_flow_step(p, &flow, &node, 0), TOUSU_OK);
    assert_int_equal(node, 0);
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* R-SCR-7, R-SCR-8: the phrase table replaced: the old phrases are gone,
 * the new ones are found normalised, with their rewrite. */
static void test_R_SCR_7_replace_phrases(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    const char *text = "tousu-words 1\n"
                       "clear phrases\n"
                       "phrase | arrogant | - | you again? | Sorry, let me check that for you.\n"
                       "phrase | questioning | clause | what? | Sorry, could you say that again?\n";
    assert_int_equal(load(w, text), TOUSU_OK);
    tousu_policy *p = policy_with(w);
    tousu_match m[4];
    size_t n;
    const char *t = "Oh, YOU  again! What?";
    assert_int_equal(tousu_phrases_find(p, t, strlen(t), 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 2);
    assert_int_equal(m[0].group, TOUSU_FAM_ARROGANT);
    tousu_phrase_info pi = {.struct_size = sizeof pi};
    assert_int_equal(tousu_phrase_get(p, m[0].pattern, &pi), TOUSU_OK);
    assert_memory_equal(pi.rewrite, "Sorry, let me check that for you.", pi.rewrite_len);
    const char *u = "so what is it"; /* not a whole clause */
    assert_int_equal(tousu_phrases_find(p, u, strlen(u), 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 0);
    assert_int_equal(tousu_phrases_find(p, "喂", 3, 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 0);
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* R-CLS-12: the signal words are a table too. */
static void test_R_CLS_12_replace_signals(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    assert_int_equal(load(w, "tousu-words 1\nclear signals\n"
                             "signal | media | major | - | Weibo\n"),
                     TOUSU_OK);
    tousu_policy *p = policy_with(w);
    tousu_result r = new_result();
    tz_suggest_from_text(p, "post it on WEIBO", 16, &r);
    assert_int_equal(r.suggested_kinds, 1u << TOUSU_KIND_MAJOR);
    r = new_result();
    tz_suggest_from_text(p, "记者", 6, &r);
    assert_int_equal(r.suggested_kinds, 0);
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* R-CLS-12: a host adds its own exception word ("none" kinds): it masks the
 * signal ending with it, is dumped as such, and "-" is not taken for it. */
static void test_R_CLS_12_host_exception_words(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    assert_int_equal(load(w, "tousu-words 1\nsignal | media | none | - | 自媒体\n"), TOUSU_OK);
    assert_int_equal(load(w, "tousu-words 1\nsignal | media | - | - | 报刊亭\n"), TOUSU_EPARSE);
    assert_true(msg_has(w, "none"));
    tousu_policy *p = policy_with(w);
    tousu_result r = new_result();
    tz_suggest_from_text(p, "自媒体账号被封", strlen("自媒体账号被封"), &r);
    assert_int_equal(r.suggested_kinds, 0);
    r = new_result();
    tz_suggest_from_text(p, "我去找媒体", strlen("我去找媒体"), &r);
    assert_int_equal(r.n_signals, 1);
    size_t need = 0;
    assert_int_equal(tousu_policy_dump(p, NULL, 0, &need), TOUSU_ENOSPACE);
    char *text = malloc(need + 1);
    assert_int_equal(tousu_policy_dump(p, text, need + 1, &need), TOUSU_OK);
    assert_non_null(strstr(text, "\nsignal | media | none | - | 自媒体\n"));
    assert_non_null(strstr(text, "\nsignal | regulator | none | - | 取消协\n"));
    free(text);
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* An entry with the key of an existing one replaces it. */
static void test_words_merge_replaces(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    size_t before = tz_words_tables(w)->n_phrases;
    assert_int_equal(load(w, "tousu-words 1\nphrase | blunt | - | 喂 | 您好，请讲\n"), TOUSU_OK);
    assert_int_equal(tz_words_tables(w)->n_phrases, before);
    tousu_policy *p = policy_with(w);
    tousu_phrase_info pi = {.struct_size = sizeof pi};
    assert_int_equal(tousu_phrase_get(p, 0, &pi), TOUSU_OK);
    assert_memory_equal(pi.rewrite, "您好，请讲", pi.rewrite_len);
    tousu_policy_free(p);
    tousu_words_free(w);
}

typedef struct bad_case {
    const char *text;
    int code;
    const char *msg; /* must appear in the message */
} bad_case;

/* R-POL-2: a malformed table gets an error naming the line or entry, and
 * the set stays as it was (all or nothing). */
static void test_R_SCR_10_malformed_tables_rejected(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"phrase | blunt | - | x\n", TOUSU_EPARSE, "line 1"},
        {"tousu-words 2\n", TOUSU_EVERSION, "line 1"},
        {"tousu-words 1\nphrase | blunt | - | 你好\nfrase | x\n", TOUSU_EPARSE, "line 3"},
        {"tousu-words 1\nphrase | rude | - | 你好\n", TOUSU_EPARSE, "family"},
        {"tousu-words 1\nstep | nowhere | 1 | - | | hi |\n", TOUSU_ENOTFOUND, "nowhere"},
        {"tousu-words 1\nstep | closing | 9 | - | | {boss} |\n", TOUSU_EPARSE, "line 2"},
        {"tousu-words 1\nstep | closing | x | - | | hi |\n", TOUSU_EPARSE, "line 2"},
        {"tousu-words 1\nstep | closing | 9 | loud | | hi |\n", TOUSU_EPARSE, "loud"},
        {"tousu-words 1\nphrase | blunt | - | 你 好吗\nphrase | blunt | - | 你好吗？\n",
         TOUSU_EDUPLICATE, "你好吗"},
        {"tousu-words 1\nphrase | blunt | - | ，，！\n", TOUSU_ERANGE, "empty"},
        {"tousu-words 1\nanswer | rare_problem | 1 | ok | 9\n", TOUSU_ENOTFOUND, "answer"},
        {"tousu-words 1\nphrase | blunt | - | a | b | not-there\n", TOUSU_ENOTFOUND, "variant"},
        {"tousu-words 1\nsituation | 0 | bad | x |\n", TOUSU_ERANGE, "line 2"},
        {"tousu-words 1\nsituation | 5000 | Bad Key | x |\n", TOUSU_ERANGE, "Bad Key"},
        {"tousu-words 1\nsituation | 5000 | opening | x |\n", TOUSU_EDUPLICATE, "opening"},
        {"tousu-words 1\nqa | greeting | 99 | 嗨\n", TOUSU_ERANGE, "line 2"},
        {"tousu-words 1\nsignal | media | minor | - | 报纸\n", TOUSU_EPARSE, "minor"},
        {"tousu-words 1\nclear everything\n", TOUSU_EPARSE, "everything"},
        {"tousu-words 1\nflow | 77 | f77 | t | r | 3\n", TOUSU_ENOTFOUND, "f77"},
        {"tousu-words 1\nphrase | a | b | c | d | e | f | g | h\n", TOUSU_EPARSE, "fields"},
    };
    tousu_words *w = new_words();
    tz_words *t = tz_words_tables(w);
    size_t np = t->n_phrases, ns = t->n_steps, nf = t->n_flows;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = load(w, cases[i].text);
        if (rc != cases[i].code || !msg_has(w, cases[i].msg))
            fail_msg("case %zu: rc %d, message \"%s\"", i, rc, tousu_words_errmsg(w));
        assert_int_equal(t->n_phrases, np);
        assert_int_equal(t->n_steps, ns);
        assert_int_equal(t->n_flows, nf);
    }
    /* good lines before a bad one are not applied either */
    assert_int_equal(load(w, "tousu-words 1\nclear phrases\nphrase | blunt | - | 哎\nzzz\n"),
                     TOUSU_EPARSE);
    assert_int_equal(t->n_phrases, np);
    tousu_words_free(w);
}

/* Boundary: NUL bytes and malformed UTF-8 in a table text name the line. */
static void test_words_bad_bytes(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    const char nul[] = "tousu-words 1\nphrase | blunt | - | a\0b\n";
    assert_int_equal(tousu_words_load(w, nul, sizeof nul - 1), TOUSU_EPARSE);
    assert_true(msg_has(w, "line 2"));
    assert_true(msg_has(w, "NUL"));
    const char bad[] = "tousu-words 1\n\nphrase | blunt | - | \xE4\xBD\n";
    assert_int_equal(tousu_words_load(w, bad, sizeof bad - 1), TOUSU_EUTF8);
    assert_true(msg_has(w, "line 3"));
    assert_int_equal(tousu_words_load(NULL, "x", 1), TOUSU_EINVAL);
    assert_int_equal(tousu_words_load(w, NULL, 3), TOUSU_EINVAL);
    assert_int_equal(tousu_words_load(w, "", 0), TOUSU_EPARSE); /* no header */
    assert_string_equal(tousu_words_errmsg(NULL), "no table set");
    tousu_words_free(NULL);
    tousu_words_free(w);
}

/* A frozen policy keeps its tables. */
static void test_words_frozen_policy(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_freeze(p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_words(p, w), TOUSU_ESTATE);
    assert_int_equal(tousu_policy_set_words(NULL, w), TOUSU_EINVAL);
    assert_int_equal(tousu_policy_set_words(p, NULL), TOUSU_EINVAL);
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* A set the matcher refuses (too large) leaves the tables in force as
 * they were. */
static void test_words_refused_set_keeps_tables(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    enum { N = 6000 };
    size_t cap = (size_t)N * 40 + 64;
    char *text = malloc(cap);
    size_t o = (size_t)snprintf(text, cap, "tousu-words 1\n");
    for (int i = 0; i < N; i++) {
        o += (size_t)snprintf(text + o, cap - o, "phrase | blunt | - | ");
        for (int k = 0; k < 4; k++) {
            uint32_t cp = 0x4E00u + (uint32_t)(i * 4 + k);
            text[o++] = (char)(0xE0 | (cp >> 12));
            text[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            text[o++] = (char)(0x80 | (cp & 0x3F));
        }
        text[o++] = '\n';
    }
    assert_int_equal(tousu_words_load(w, text, o), TOUSU_OK);
    free(text);
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_words(p, w), TOUSU_ETOOBIG);
    tousu_match m[2];
    size_t n;
    assert_int_equal(tousu_phrases_find(p, "喂", 3, 0, m, 2, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 1); /* the built-in table still in force */
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* Every table can be emptied; the library then finds and says nothing but
 * does not fail. */
static void test_words_all_cleared(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    assert_int_equal(tousu_words_clear(w, TOUSU_TAB_ALL), TOUSU_OK);
    assert_int_equal(tousu_words_clear(w, 0x100), TOUSU_EINVAL);
    tousu_policy *p = policy_with(w);
    tousu_match m[2];
    size_t n = 9;
    assert_int_equal(tousu_phrases_find(p, "喂", 3, 0, m, 2, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 0);
    const tousu_matcher *mt;
    assert_int_equal(tousu_policy_matcher(p, TOUSU_MATCHER_PHRASES, &mt), TOUSU_ENODATA);
    tousu_step_info si = {.struct_size = sizeof si};
    assert_int_equal(tousu_script_step(p, TOUSU_SIT_OPENING, 1, &si), TOUSU_ENOTFOUND);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    tousu_contact c = complaint(1, 2, 0, at(2025, 1, 6, 9, 0));
    c.text = "记者";
    c.text_len = 6;
    tousu_result r = triage_ok(e, &c);
    assert_int_equal(r.suggested_kinds, 0);
    tousu_engine_free(e);
    tousu_policy_free(p);
    tousu_words_free(w);
}

/* A set copied from a policy holds that policy's tables. */
static void test_words_copy_from_policy(void **state)
{
    (void)state;
    tousu_words *w = new_words();
    assert_int_equal(load(w, "tousu-words 1\nclear qa\nqa | greeting | 0 | Hello\n"), TOUSU_OK);
    tousu_policy *p = policy_with(w);
    tousu_words *w2 = NULL;
    assert_int_equal(tousu_words_new(&w2, p), TOUSU_OK);
    assert_int_equal(tz_words_tables(w2)->n_qawords, 1);
    assert_int_equal(tousu_words_new(NULL, p), TOUSU_EINVAL);
    tousu_words_free(w2);
    tousu_policy_free(p);
    tousu_words_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SCR_10_extend_another_language),
        cmocka_unit_test(test_R_SCR_10_extend_another_service_flow),
        cmocka_unit_test(test_R_SCR_7_replace_phrases),
        cmocka_unit_test(test_R_CLS_12_replace_signals),
        cmocka_unit_test(test_R_CLS_12_host_exception_words),
        cmocka_unit_test(test_words_merge_replaces),
        cmocka_unit_test(test_R_SCR_10_malformed_tables_rejected),
        cmocka_unit_test(test_words_bad_bytes),
        cmocka_unit_test(test_words_frozen_policy),
        cmocka_unit_test(test_words_refused_set_keeps_tables),
        cmocka_unit_test(test_words_all_cleared),
        cmocka_unit_test(test_words_copy_from_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
