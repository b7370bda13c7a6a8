/* test_policy_words.c - the [words] section of the policy file (R-POL-1,
 * R-POL-2, R-SCR-10): the script, flow, phrase, signal and qa tables dump
 * completely and load back equal; a file changes phrases (R-SCR-7) and
 * scripts (R-SCR-1); malformed records are refused at their file line and
 * no policy is made; a file without [words] keeps the built-in tables
 * without copying them. (A suite of its own: test_policy_file.c is at the
 * size limit.) */
#include "helpers.h"
#include "words.h"

static char *dump(const tousu_policy *p, size_t *len)
{
    size_t need = 0;
    assert_int_equal(tousu_policy_dump(p, NULL, 0, &need), TOUSU_ENOSPACE);
    char *buf = malloc(need + 1);
    assert_non_null(buf);
    assert_int_equal(tousu_policy_dump(p, buf, need + 1, len), TOUSU_OK);
    assert_int_equal(*len, need);
    return buf;
}

static tousu_policy *load_ok(const char *text)
{
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    int rc = tousu_policy_load(&p, text, strlen(text), "test.policy", &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, TOUSU_OK);
    return p;
}

/* ---------- whole-table comparison ---------- */

static void str_eq(const char *a, const char *b)
{
    assert_string_equal(a ? a : "", b ? b : "");
}

static void scripts_equal(const tz_words *a, const tz_words *b)
{
    assert_int_equal(a->n_situations, b->n_situations);
    for (size_t i = 0; i < a->n_situations; i++) {
        const tz_situation *x = &a->situations[i], *y = &b->situations[i];
        assert_int_equal(x->id, y->id);
        str_eq(x->key, y->key);
        str_eq(x->title, y->title);
        str_eq(x->rule, y->rule);
    }
    assert_int_equal(a->n_steps, b->n_steps);
    for (size_t i = 0; i < a->n_steps; i++) {
        const tz_step *x = &a->steps[i], *y = &b->steps[i];
        assert_int_equal(x->situation, y->situation);
        assert_int_equal(x->step, y->step);
        assert_int_equal(x->flags, y->flags);
        assert_int_equal(x->pause_ms, y->pause_ms);
        assert_int_equal(x->hangup_ms, y->hangup_ms);
        assert_int_equal(x->limit_ms, y->limit_ms);
        str_eq(x->when, y->when);
        str_eq(x->say, y->say);
        str_eq(x->note, y->note);
    }
}

static void flows_equal(const tz_words *a, const tz_words *b)
{
    assert_int_equal(a->n_flows, b->n_flows);
    for (size_t i = 0; i < a->n_flows; i++) {
        const tz_flow *x = &a->flows[i], *y = &b->flows[i];
        assert_int_equal(x->id, y->id);
        assert_int_equal(x->start, y->start);
        str_eq(x->key, y->key);
        str_eq(x->title, y->title);
        str_eq(x->rule, y->rule);
    }
    assert_int_equal(a->n_nodes, b->n_nodes);
    for (size_t i = 0; i < a->n_nodes; i++) {
        const tz_fnode *x = &a->nodes[i], *y = &b->nodes[i];
        assert_int_equal(x->flow, y->flow);
        assert_int_equal(x->node, y->node);
        str_eq(x->question, y->question);
        str_eq(x->say, y->say);
        str_eq(x->note, y->note);
    }
    assert_int_equal(a->n_answers, b->n_answers);
    for (size_t i = 0; i < a->n_answers; i++) {
        const tz_fanswer *x = &a->answers[i], *y = &b->answers[i];
        assert_int_equal(x->flow, y->flow);
        assert_int_equal(x->node, y->node);
        assert_int_equal(x->next_flow, y->next_flow);
        assert_int_equal(x->next_node, y->next_node);
        str_eq(x->label, y->label);
    }
}

static void lists_equal(const tz_words *a, const tz_words *b)
{
    assert_int_equal(a->n_phrases, b->n_phrases);
    for (size_t i = 0; i < a->n_phrases; i++) {
        const tz_phrase *x = &a->phrases[i], *y = &b->phrases[i];
        assert_int_equal(x->family, y->family);
        assert_int_equal(x->flags, y->flags);
        str_eq(x->text, y->text);
        str_eq(x->rewrite, y->rewrite);
        str_eq(x->variant_of, y->variant_of);
    }
    assert_int_equal(a->n_signals, b->n_signals);
    for (size_t i = 0; i < a->n_signals; i++) {
        const tz_signal *x = &a->signals[i], *y = &b->signals[i];
        assert_int_equal(x->group, y->group);
        assert_int_equal(x->kinds, y->kinds);
        assert_int_equal(x->flags, y->flags);
        str_eq(x->text, y->text);
    }
    assert_int_equal(a->n_qawords, b->n_qawords);
    for (size_t i = 0; i < a->n_qawords; i++) {
        const tz_qaword *x = &a->qawords[i], *y = &b->qawords[i];
        assert_int_equal(x->list, y->list);
        assert_int_equal(x->tag, y->tag);
        assert_int_equal(x->flags, y->flags);
        str_eq(x->text, y->text);
    }
}

static void tables_equal(const tousu_policy *p, const tousu_policy *q)
{
    tz_words sa, sb;
    const tz_words *a = tz_policy_words(p, &sa), *b = tz_policy_words(q, &sb);
    scripts_equal(a, b);
    flows_equal(a, b);
    lists_equal(a, b);
}

/* dump(p) -> load -> dump gives the same bytes and equal tables. */
static void assert_round_trip(const tousu_policy *p)
{
    size_t n1, n2;
    char *a = dump(p, &n1);
    tousu_policy *q = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    int rc = tousu_policy_load(&q, a, n1, "dump", &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, TOUSU_OK);
    char *b = dump(q, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    tables_equal(p, q);
    free(a);
    free(b);
    tousu_policy_free(q);
}

/* ---------- dump and load back ---------- */

/* R-POL-1, R-POL-2: the built-in tables are written completely ([words]
 * starts with `clear all`) and load back equal, entry by entry. */
static void test_R_POL_2_words_builtin_round_trip(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    size_t n;
    char *text = dump(p, &n);
    assert_non_null(strstr(text, "\n[words]\nclear all\nsituation | 1 | opening | "));
    assert_non_null(strstr(text, "\nflow | "));
    assert_non_null(strstr(text, "\nqa | polite | "));
    free(text);
    assert_round_trip(p);
    /* The built-in view against the arrays themselves (counts). */
    tz_words s;
    const tz_words *w = tz_policy_words(p, &s);
    assert_int_equal(w->n_steps, tz_zh_n_steps);
    assert_int_equal(w->n_answers, tz_zh_n_answers);
    assert_true(w->n_phrases > 50);
    tousu_policy_free(p);
}

/* R-POL-2: escapes round-trip: '|' outside a placeholder, '\', a tab, a
 * line break, an unclosed '{' in a middle field; a step's options, a flow
 * whose answer leads into another flow. */
static void test_R_POL_2_words_escapes_round_trip(void **state)
{
    (void)state;
    tousu_policy *p = load_ok(
        "tousu-policy 1\n[words]\n"
        "situation | 1000 | host_case | 主机\\\\情形\\|甲 | R-SCR-10\n"
        "step | host_case | 1 | alt,wait,hangup=1500,pause=300,limit=60000 | 当 \\{ 客户\\t沉默"
        " | 您好，{surname}{title|先生/女士} | 第一行\\n第二行\n"
        "flow | 1000 | host_flow | 主机流程 | R-SCR-10 | 2\n"
        "node | host_flow | 2 | 问什么？ | 请稍等 | \n"
        "answer | host_flow | 2 | 转到欢迎短信 | no_welcome_sms:1\n"
        "answer | host_flow | 2 | 结束 | end\n"
        "phrase | arrogant | clause-end | 爱办不办 | 我们一起想办法\\|好吗 |\n"
        "signal | media | major | clause | 上热搜\n"
        "qa | polite | 2 | 多谢\n");
    tz_words s;
    const tz_words *w = tz_policy_words(p, &s);
    const tz_step *st = &w->steps[w->n_steps - 1];
    assert_int_equal(st->situation, 1000);
    assert_string_equal(st->when, "当 { 客户\t沉默");
    assert_string_equal(st->note, "第一行\n第二行");
    assert_int_equal(st->hangup_ms, 1500);
    assert_string_equal(w->situations[w->n_situations - 1].title, "主机\\情形|甲");
    assert_string_equal(w->phrases[w->n_phrases - 1].rewrite, "我们一起想办法|好吗");
    const tz_fanswer *an = &w->answers[w->n_answers - 2];
    assert_int_equal(an->flow, 1000);
    assert_non_null(tz_find_flow(w, an->next_flow));
    assert_string_equal(tz_find_flow(w, an->next_flow)->key, "no_welcome_sms");
    assert_round_trip(p);
    size_t n;
    char *text = dump(p, &n);
    assert_non_null(strstr(text, "\nstep | host_case | 1 | alt,wait,hangup=1500,pause=300,"
                                 "limit=60000 | 当 \\{ 客户\\t沉默 | 您好，{surname}{title|先生/"
                                 "女士} | 第一行\\n第二行\n"));
    assert_non_null(strstr(text, "\nanswer | host_flow | 2 | 转到欢迎短信 | no_welcome_sms:1\n"));
    free(text);
    tousu_policy_free(p);
}

/* ---------- a file changes the tables ---------- */

/* R-POL-2, R-SCR-7: a phrase added by a file is found by
 * tousu_phrases_find (merged: the built-in phrases stay). */
static void test_R_POL_2_R_SCR_7_phrase_from_file(void **state)
{
    (void)state;
    static const char said[] = "这事你爱办不办";
    tousu_policy *base = NULL;
    assert_int_equal(tousu_policy_new(&base), TOUSU_OK);
    tousu_match m[4];
    size_t n = 9;
    assert_int_equal(tousu_phrases_find(base, said, strlen(said), 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 0);
    tousu_policy *p = load_ok("tousu-policy 1\n[words]\n# site wording\n"
                              "phrase | arrogant | - | 爱办不办 | 我们一起想想办法\n");
    assert_int_equal(tousu_phrases_find(p, said, strlen(said), 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].group, TOUSU_FAM_ARROGANT);
    assert_int_equal(m[0].offset, strlen("这事你"));
    assert_int_equal(m[0].length, strlen("爱办不办"));
    size_t nb = 0, np = 0;
    assert_int_equal(tousu_phrase_count(base, &nb), TOUSU_OK);
    assert_int_equal(tousu_phrase_count(p, &np), TOUSU_OK);
    assert_int_equal(np, nb + 1);
    tousu_phrase_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    assert_int_equal(tousu_phrase_get(p, m[0].pattern, &info), TOUSU_OK);
    assert_memory_equal(info.rewrite, "我们一起想想办法", info.rewrite_len);
    /* A built-in phrase is still found. */
    static const char rude[] = "你到底要不要查？";
    assert_int_equal(tousu_phrases_find(p, rude, strlen(rude), 0, m, 4, &n, NULL), TOUSU_OK);
    assert_int_equal(n, 1);
    tousu_policy_free(p);
    tousu_policy_free(base);
}

static char *render(const tousu_policy *p, int32_t sit, int32_t step)
{
    static const char company[] = "短信通";
    tousu_vars v;
    memset(&v, 0, sizeof v);
    v.struct_size = sizeof v;
    v.company = company;
    v.company_len = strlen(company);
    size_t need = 0;
    char buf[256];
    assert_int_equal(tousu_script_render(p, sit, step, &v, buf, sizeof buf, &need), TOUSU_OK);
    char *out = malloc(need + 1);
    memcpy(out, buf, need + 1);
    return out;
}

/* R-POL-2, R-SCR-1: a step replaced by a file renders the new script. */
static void test_R_POL_2_R_SCR_1_step_from_file(void **state)
{
    (void)state;
    tousu_policy *base = NULL;
    assert_int_equal(tousu_policy_new(&base), TOUSU_OK);
    char *before = render(base, TOUSU_SIT_OPENING, 2);
    assert_string_equal(before, "您好，很高兴为您服务！");
    tousu_policy *p = load_ok("tousu-policy 1\n[batch]\nordinary = 8\n[words]\n"
                              "step | opening | 2 | alt | 售后服务应答客户时 | "
                              "您好，{company}售后，很高兴为您服务！ | 语调亲切\n");
    char *after = render(p, TOUSU_SIT_OPENING, 2);
    assert_string_equal(after, "您好，短信通售后，很高兴为您服务！");
    int64_t v = 0;
    assert_int_equal(tousu_policy_get_int(p, TOUSU_P_BATCH_ORDINARY, &v), TOUSU_OK);
    assert_int_equal(v, 8);
    tz_words sa, sb;
    assert_int_equal(tz_policy_words(p, &sa)->n_steps, tz_policy_words(base, &sb)->n_steps);
    free(before);
    free(after);
    tousu_policy_free(p);
    tousu_policy_free(base);
}

/* ---------- errors ---------- */

/* R-POL-2: each malformed [words] file is refused with its status at the
 * file line of the record (comments and other sections counted); the
 * message is "name:line: ..."; no policy is made. */
static void test_R_POL_2_malformed_words(void **state)
{
    (void)state;
    static const char head[] = "tousu-policy 1\n[batch]\nordinary = 8\n[words]\n# note\n\n";
    static const struct {
        const char *body;
        int code, line; /* line counted from the first line of body = 7 */
        const char *says;
    } cases[] = {
        {"frase | blunt | - | 喂\n", TOUSU_EPARSE, 7, "unknown record"},
        {"phrase | blunt | - | 爱办\\q不办\n", TOUSU_EPARSE, 7, "unknown escape '\\q'"},
        {"phrase | blunt | - | 爱办不办 \\\n", TOUSU_EPARSE, 7, "end of the line"},
        {"phrase | blunt | - | ok\nphrase | rude | - | 喂喂\n", TOUSU_EPARSE, 8, "family"},
        {"answer | no_such_flow | 1 | 好 | end\n", TOUSU_ENOTFOUND, 7, "unknown flow"},
        {"phrase | blunt | - | ok\n\nanswer | answer_now | 1 | 好 | nowhere:1\n", TOUSU_ENOTFOUND,
         9, "unknown flow \"nowhere\""},
        {"step | no_such_case | 1 | - | x | y\n", TOUSU_ENOTFOUND, 7, "unknown situation"},
        {"phrase | blunt | - | \xe7\x88\xb1\xff\n", TOUSU_EUTF8, 7, "UTF-8"},
        {"step | opening | 1 | - | x | {nobody}\n", TOUSU_EPARSE, 7, "nobody"},
        {"tousu-words 1\n", TOUSU_EPARSE, 7, "unknown record"},
        /* cross references, found by the check of the whole tables: the
         * line of the entry named */
        {"flow | 1000 | host_flow | t | R-SCR-10 | 1\nnode | host_flow | 1 | q | s | n\n"
         "# then\nanswer | host_flow | 1 | 好 | 7\nqa | polite | 1 | 请\n",
         TOUSU_ENOTFOUND, 10, "leads to a missing node"},
        {"qa | polite | 1 | 请您\nflow | 1000 | host_flow | t | R-SCR-10 | 5\n", TOUSU_ENOTFOUND, 8,
         "start node 5 missing"},
        {"phrase | blunt | - | 爱办不办\nphrase | evasive | - | 爱 办，不办\n", TOUSU_EDUPLICATE, 8,
         "is the same as"},
        {"phrase | blunt | - | 爱办不办 | | 不存在\nqa | polite | 1 | 请您\n", TOUSU_ENOTFOUND, 7,
         "no main phrase"},
        /* an entry of the built-in tables broken by the file: the section */
        {"phrase | questioning | - | 你到底想查什么？ | | 你不是要查什么吗？\n", TOUSU_ENOTFOUND, 4,
         "你究竟想查什么"},
    };
    tousu_policy *keep = NULL; /* what *out holds before: must become NULL */
    assert_int_equal(tousu_policy_new(&keep), TOUSU_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[1024];
        int len = snprintf(text, sizeof text, "%s%s[text]\nmax_bytes = 100\n", head, cases[i].body);
        tousu_policy *p = keep;
        tousu_load_error err = {sizeof err, 0, 0, {0}};
        int rc = tousu_policy_load(&p, text, (size_t)len, "w.policy", &err);
        if (rc != cases[i].code || err.line != cases[i].line || !strstr(err.message, cases[i].says))
            print_error("case %zu: %d line %d: %s\n", i, rc, (int)err.line, err.message);
        assert_int_equal(rc, cases[i].code);
        assert_int_equal(err.code, cases[i].code);
        assert_int_equal(err.line, cases[i].line);
        assert_null(p);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "w.policy:%d: ", cases[i].line);
        assert_memory_equal(err.message, prefix, strlen(prefix));
        assert_non_null(strstr(err.message, cases[i].says));
    }
    tousu_policy_free(keep);
}

/* R-POL-2: [words] twice is a duplicate section; records before [words]
 * are text before a section. */
static void test_R_POL_2_words_section_rules(void **state)
{
    (void)state;
    static const char twice[] = "tousu-policy 1\n[words]\nclear qa\n[words]\nclear qa\n";
    tousu_policy *p = NULL;
    tousu_load_error err = {sizeof err, 0, 0, {0}};
    assert_int_equal(tousu_policy_load(&p, twice, strlen(twice), "x", &err), TOUSU_EDUPLICATE);
    assert_int_equal(err.line, 4);
    static const char before[] = "tousu-policy 1\nclear qa\n";
    assert_int_equal(tousu_policy_load(&p, before, strlen(before), "x", &err), TOUSU_EPARSE);
    assert_int_equal(err.line, 2);
    assert_null(p);
    /* clear all: empty tables are a valid (if silent) policy */
    p = load_ok("tousu-policy 1\n[words]\nclear all\n");
    size_t n = 1;
    assert_int_equal(tousu_phrase_count(p, &n), TOUSU_OK);
    assert_int_equal(n, 0);
    assert_round_trip(p);
    tousu_policy_free(p);
}

/* R-POL-2 boundary: a record that fits a line but whose dump would not
 * (raw tabs are written \t) is refused at its line, so whatever loads
 * dumps and loads back; one byte less fits. */
static void test_R_POL_2_words_record_too_long_to_dump(void **state)
{
    (void)state;
    static const char head[] = "tousu-policy 1\n[words]\nqa | polite | 2 | 多谢\n"
                               "phrase | blunt | - | 喂喂喂 | ";
    /* "phrase | blunt | - | 喂喂喂 | " + rewrite + " |" is the dumped line */
    size_t fixed = strlen("phrase | blunt | - | 喂喂喂 | ") + strlen(" |");
    for (int over = 0; over <= 1; over++) {
        size_t rewrite = 4096 - fixed + (size_t)over; /* dumped bytes */
        size_t tabs = (rewrite - 1) / 3;              /* "x\t" dumps 3, reads 2 */
        size_t tail = rewrite - 3 * tabs;             /* plain x's */
        size_t len = strlen(head) + 2 * tabs + tail + 1;
        char *text = malloc(len + 1);
        char *o = text + strlen(head);
        memcpy(text, head, strlen(head));
        for (size_t i = 0; i < tabs; i++) {
            *o++ = 'x';
            *o++ = '\t';
        }
        memset(o, 'x', tail);
        o += tail;
        *o++ = '\n';
        tousu_policy *p = NULL;
        tousu_load_error err = {sizeof err, 0, 0, {0}};
        int rc = tousu_policy_load(&p, text, (size_t)(o - text), "long", &err);
        if (over) {
            assert_int_equal(rc, TOUSU_ETOOBIG);
            assert_int_equal(err.line, 4);
            assert_null(p);
        } else {
            if (rc)
                print_error("%s\n", err.message);
            assert_int_equal(rc, TOUSU_OK);
            assert_round_trip(p);
            tousu_policy_free(p);
        }
        free(text);
    }
}

/* R-POL-2: a file without [words] records (none, or a section of
 * comments) keeps the built-in tables shared: no copy, no matcher built at
 * load (policy loading stays cheap on the fuzzing hot path). */
static void test_R_POL_2_no_words_no_copy(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tousu-policy 1\n[batch]\nordinary = 5\n",
        "tousu-policy 1\n[words]\n# nothing yet\n\n[batch]\nordinary = 5\n",
    };
    for (size_t i = 0; i < 2; i++) {
        tousu_policy *p = load_ok(files[i]);
        assert_null(p->words_own);
        for (int k = 0; k < TZ_M_COUNT; k++)
            assert_null(p->matchers[k]);
        tousu_policy_free(p);
    }
    tousu_policy *p = load_ok("tousu-policy 1\n[words]\nqa | polite | 2 | 多谢\n");
    assert_non_null(p->words_own);
    tousu_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_POL_2_words_builtin_round_trip),
        cmocka_unit_test(test_R_POL_2_words_escapes_round_trip),
        cmocka_unit_test(test_R_POL_2_R_SCR_7_phrase_from_file),
        cmocka_unit_test(test_R_POL_2_R_SCR_1_step_from_file),
        cmocka_unit_test(test_R_POL_2_malformed_words),
        cmocka_unit_test(test_R_POL_2_words_section_rules),
        cmocka_unit_test(test_R_POL_2_words_record_too_long_to_dump),
        cmocka_unit_test(test_R_POL_2_no_words_no_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
