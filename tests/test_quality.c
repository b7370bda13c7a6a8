/*
 * test_quality.c - the call quality check (R-QA-1..6): each item passed or
 * failed with its evidence, the weighted score, and the checklist text.
 */
#include "helpers.h"
#include "words.h"

static tousu_policy *P;

enum { A = TOUSU_SPK_AGENT, C = TOUSU_SPK_CUSTOMER };

typedef struct call_b {
    tousu_turn t[24];
    tousu_call call;
} call_b;

static void begin(call_b *b, int32_t rings, int32_t hung_up_by)
{
    memset(b, 0, sizeof *b);
    b->call.struct_size = sizeof b->call;
    b->call.rings = rings;
    b->call.hung_up_by = hung_up_by;
    b->call.turns = b->t;
    b->call.turn_size = sizeof(tousu_turn);
}

static void turn(call_b *b, int32_t who, int64_t start_s, const char *text)
{
    tousu_turn *t = &b->t[b->call.n_turns++];
    t->speaker = who;
    t->start_ms = start_s * 1000;
    t->end_ms = t->start_ms + 1000;
    t->text = text;
    t->text_len = strlen(text);
}

/* A call that follows every norm (seed 001 and 003). */
static void good_call(call_b *b)
{
    begin(b, 2, TOUSU_HANGUP_CUSTOMER);
    turn(b, A, 0, "您好，短信通，1024号客服为您服务！");
    turn(b, C, 3, "我的短信一直收不到。");
    turn(b, A, 6, "对不起，张先生，我帮您查询一下，请您稍等片刻，好吗？谢谢！");
    turn(b, A, 40,
         "张先生，非常感谢您的耐心等待！您的号码设定了免打扰，我们会统一报给移动公司处理。");
    turn(b, A, 50, "请问您还有其他问题吗？");
    turn(b, C, 53, "没有了。");
    turn(b, A, 55, "祝您愉快，谢谢！1024号客服，再见！");
    b->call.end_ms = 60000;
}

static tousu_qa_result check(const call_b *b)
{
    tousu_qa_result r;
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    int rc = tousu_qa_check(P, &b->call, &r);
    if (rc)
        fail_msg("tousu_qa_check: %s", tousu_strerror(rc));
    return r;
}

static void assert_item(const tousu_qa_result *r, int item, int status, uint32_t missing)
{
    const tousu_qa_check_item *it = &r->items[item];
    if (it->status != status || it->missing != missing)
        fail_msg("R-QA-%d: status %d missing 0x%x, expected %d 0x%x", item + 1, it->status,
                 it->missing, status, missing);
}

/* R-QA-1..6: a call that follows the norms passes every item, full score. */
static void test_R_QA_6_good_call_full_score(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    tousu_qa_result r = check(&b);
    for (int i = 0; i < TOUSU_QA_ITEM_COUNT_; i++)
        assert_item(&r, i, TOUSU_QA_PASSED, 0);
    assert_int_equal(r.score, 100);
    assert_int_equal(r.max_score, 100);
    assert_true(r.passed);
    assert_int_equal(r.items[TOUSU_QA_WAIT].value, 33000); /* the wait, ms */
    assert_int_equal(r.items[TOUSU_QA_POLITE].value2, 6);
}

/* R-QA-1: three rings pass, four fail. */
static void test_R_QA_1_rings(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.call.rings = 3;
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_RINGS, TOUSU_QA_PASSED, 0);
    b.call.rings = 4;
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_RINGS, TOUSU_QA_FAILED, TOUSU_QA_M_TOO_MANY_RINGS);
    assert_int_equal(r.items[TOUSU_QA_RINGS].value, 4);
    assert_int_equal(r.score, 85);
    assert_false(r.passed);
}

/* R-QA-2: the opening greets and states the agent number. */
static void test_R_QA_2_opening(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.t[0].text = "您好，很高兴为您服务！"; /* seed 003: no number */
    b.t[0].text_len = strlen(b.t[0].text);
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
    assert_int_equal(r.items[TOUSU_QA_OPENING].turn, 0);
    b.t[0].text = "喂，说吧。";
    b.t[0].text_len = strlen(b.t[0].text);
    r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED,
                TOUSU_QA_M_GREETING | TOUSU_QA_M_AGENT_NO | TOUSU_QA_M_SERVE);
    /* the host's own number must be the one said */
    good_call(&b);
    b.call.agent_no = "2048";
    b.call.agent_no_len = 4;
    r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
    b.call.agent_no = "１０２４"; /* full-width is the same number */
    b.call.agent_no_len = strlen(b.call.agent_no);
    r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_PASSED, 0);
}

/* R-QA-2, R-QA-3: the agent number counts only as a whole number: agent 10
 * is not in "1024号", agent 1024 is not in the phone number 13810245678. */
static void test_R_QA_2_agent_number_is_a_whole_number(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.call.agent_no = "10";
    b.call.agent_no_len = 2;
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
    good_call(&b);
    b.t[0].text = "您好，短信通为您服务，您的号码是13810245678吗？";
    b.t[0].text_len = strlen(b.t[0].text);
    b.call.agent_no = "1024";
    b.call.agent_no_len = 4;
    r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
}

/* R-QA-3 (seed 001 结束语必须报工号): the number said in the opening does
 * not make up for a closing without it, even in a short call; R-QA-1 is
 * about the ringing, not a turn. */
static void test_R_QA_3_closing_number_not_from_opening(void **state)
{
    (void)state;
    call_b b;
    begin(&b, 5, TOUSU_HANGUP_CUSTOMER);
    turn(&b, A, 0, "您好，短信通，1024号客服为您服务！");
    turn(&b, C, 3, "没事了。");
    turn(&b, A, 5, "请问您还有其他问题吗？祝您愉快，谢谢！再见！");
    b.call.end_ms = 9000;
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_PASSED, 0);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
    assert_int_equal(r.items[TOUSU_QA_RINGS].turn, -1);
}

/* R-QA-2: the expected opening is part of the policy (seed 003's form). */
static void test_R_QA_2_policy_opening(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_OPENING_AGENT_NO, 0), TOUSU_OK);
    call_b b;
    good_call(&b);
    b.t[0].text = "您好↑，很高兴为您服务！";
    b.t[0].text_len = strlen(b.t[0].text);
    tousu_qa_result r = {.struct_size = sizeof r};
    assert_int_equal(tousu_qa_check(p, &b.call, &r), TOUSU_OK);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_PASSED, 0);
    tousu_policy_free(p);
}

/* R-QA-3: anything else, good wishes, the number; the customer hangs up. */
static void test_R_QA_3_closing(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.t[4].text = "好的。";
    b.t[4].text_len = strlen(b.t[4].text);
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_ANYTHING_ELSE);
    good_call(&b);
    b.t[6].text = "好的，再见。";
    b.t[6].text_len = strlen(b.t[6].text);
    r = check(&b);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_NO);
    good_call(&b);
    b.call.hung_up_by = TOUSU_HANGUP_AGENT;
    r = check(&b);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_AGENT_HUNG_UP);
    assert_int_equal(r.items[TOUSU_QA_CLOSING].value, 4000); /* cut 4 s after the last turn */
    good_call(&b);
    b.call.hung_up_by = TOUSU_HANGUP_UNKNOWN;
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_CLOSING, TOUSU_QA_PASSED, 0);
}

/* R-QA-3: the agent may hang up 2 s after the last step of the silent-call
 * script, not sooner. */
static void test_R_QA_3_silent_call_hang_up(void **state)
{
    (void)state;
    call_b b;
    begin(&b, 1, TOUSU_HANGUP_AGENT);
    turn(&b, A, 0, "您好，短信通，1024号客服为您服务！您好，您的电话已接通。");
    turn(&b, A, 4, "您好，您的电话已接通，请问您能听见我的声音吗？");
    turn(&b, A, 9, "对不起，听不到您的声音，请您换一部话机再拨，谢谢。");
    b.call.end_ms = 10000 + 2500;
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_PASSED, 0);
    assert_int_equal(r.items[TOUSU_QA_CLOSING].value, 2500);
    assert_false(r.report_to_manager);
    b.call.end_ms = 10000 + 1000;
    r = check(&b);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_HANGUP_TOO_SOON);
    /* the noisy-line script ends the same way */
    b.t[2].text = "对不起，电话声音太小，请您换一部电话再拨，好吗？";
    b.t[2].text_len = strlen(b.t[2].text);
    b.call.end_ms = 10000 + 2000;
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_CLOSING, TOUSU_QA_PASSED, 0);
}

/* R-QA-3: on an abusive caller the agent may hang up after 感谢来电，再见,
 * and the call is reported to the regional manager. */
static void test_R_QA_3_abusive_caller(void **state)
{
    (void)state;
    call_b b;
    begin(&b, 1, TOUSU_HANGUP_AGENT);
    turn(&b, A, 0, "您好，短信通，1024号客服为您服务！");
    turn(&b, C, 2, "（辱骂）");
    turn(&b, A, 5, "不好意思，如果是我们的失误给您造成不便，请您原谅。");
    turn(&b, C, 8, "（继续辱骂）");
    turn(&b, A, 12, "感谢来电，再会。");
    b.call.end_ms = 13500;
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_PASSED, 0);
    assert_true(r.report_to_manager);
}

/* R-QA-4: forbidden phrases in agent turns are listed with turn and
 * position; a customer's words are not the agent's. */
static void test_R_QA_4_forbidden_phrases(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.t[1].text = "你说什么？我不知道！"; /* the customer may */
    b.t[1].text_len = strlen(b.t[1].text);
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_PHRASES, TOUSU_QA_PASSED, 0);
    b.t[4].text = "请问您还有其他问题吗？您听明白了吗？";
    b.t[4].text_len = strlen(b.t[4].text);
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_PHRASES, TOUSU_QA_FAILED, TOUSU_QA_M_FORBIDDEN);
    assert_int_equal(r.n_hits, 1);
    assert_int_equal(r.hits[0].turn, 4);
    assert_int_equal(r.hits[0].family, TOUSU_FAM_BLAMING);
    assert_int_equal(r.hits[0].offset, strlen("请问您还有其他问题吗？"));
    assert_int_equal(r.score, 75);
    tousu_phrase_info pi = {.struct_size = sizeof pi};
    assert_int_equal(tousu_phrase_get(P, r.hits[0].phrase, &pi), TOUSU_OK);
    assert_memory_equal(pi.rewrite, "我解释清楚了吗？", pi.rewrite_len); /* R-SCR-8 */
}

/* R-QA-4 boundary: more hits than the result keeps. */
static void test_R_QA_4_many_hits(void **state)
{
    (void)state;
    char text[1024] = "";
    for (int i = 0; i < 20; i++)
        strcat(text, "我不知道。");
    call_b b;
    good_call(&b);
    b.t[2].text = text;
    b.t[2].text_len = strlen(text);
    tousu_qa_result r = check(&b);
    assert_int_equal(r.n_hits, 20);
    assert_int_equal(r.n_hits_kept, TOUSU_QA_MAX_HITS);
    assert_int_equal(r.items[TOUSU_QA_PHRASES].value, 20);
}

/* R-QA-5: a wait needs its reason and a thank-you; from 2 minutes on, a
 * call back offered up front. */
static void test_R_QA_5_waits(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.t[2].text = "请稍等。";
    b.t[2].text_len = strlen(b.t[2].text);
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_WAIT, TOUSU_QA_FAILED,
                TOUSU_QA_M_WAIT_REASON);
    good_call(&b);
    b.t[3].text = "您的号码设定了免打扰。";
    b.t[3].text_len = strlen(b.t[3].text);
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_WAIT, TOUSU_QA_FAILED, TOUSU_QA_M_WAIT_THANKS);
    assert_int_equal(r.items[TOUSU_QA_WAIT].turn, 2);
    good_call(&b);
    b.t[3].start_ms = 7000 + 150000; /* held 2.5 minutes */
    b.t[3].end_ms = b.t[3].start_ms + 1000;
    r = check(&b);
    assert_item(&r, TOUSU_QA_WAIT, TOUSU_QA_FAILED, TOUSU_QA_M_CALLBACK);
    b.t[2].text = "我帮您查询一下，需要一些时间，请稍等，也可以留下联系电话稍后回复您。";
    b.t[2].text_len = strlen(b.t[2].text);
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_WAIT, TOUSU_QA_PASSED, 0);
    b.t[2].start_ms = 6000; /* exactly 2 minutes counts as 2 minutes or more */
    b.t[2].end_ms = 7000;
    b.t[3].start_ms = 127000;
    b.t[3].end_ms = 128000;
    b.t[2].text = "我帮您查询一下，请稍等。";
    b.t[2].text_len = strlen(b.t[2].text);
    assert_item((tousu_qa_result[]){check(&b)}, TOUSU_QA_WAIT, TOUSU_QA_FAILED,
                TOUSU_QA_M_CALLBACK);
    good_call(&b);
    b.call.n_turns = 3; /* waited and never came back */
    assert_int_equal(check(&b).items[TOUSU_QA_WAIT].missing & TOUSU_QA_M_WAIT_THANKS,
                     TOUSU_QA_M_WAIT_THANKS);
}

/* R-QA-5: a call without a wait: not applicable, full weight. */
static void test_R_QA_5_no_wait_not_applicable(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.t[2].text = "好的，我来为您说明。";
    b.t[2].text_len = strlen(b.t[2].text);
    b.t[3].text = "您的号码设定了免打扰，谢谢。";
    b.t[3].text_len = strlen(b.t[3].text);
    tousu_qa_result r = check(&b);
    assert_int_equal(r.items[TOUSU_QA_WAIT].status, TOUSU_QA_NOT_APPLICABLE);
    assert_int_equal(r.score, 100);
}

/* R-QA-6: polite words, and the score is the weighted sum of the items,
 * weights in the policy. */
static void test_R_QA_6_polite_words_and_weights(void **state)
{
    (void)state;
    call_b b;
    begin(&b, 1, TOUSU_HANGUP_CUSTOMER);
    turn(&b, A, 0, "您好，1024号为您服务。");
    turn(&b, A, 5, "还有其他问题吗？祝您愉快。1024号。");
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_POLITE, TOUSU_QA_FAILED, TOUSU_QA_M_POLITE);
    assert_int_equal(r.items[TOUSU_QA_POLITE].value2, 1);
    assert_int_equal(r.score, 90);
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_WEIGHT_BASE + TOUSU_QA_POLITE, 50),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_WEIGHT_BASE + TOUSU_QA_RINGS, 0), TOUSU_OK);
    tousu_qa_result r2 = {.struct_size = sizeof r2};
    assert_int_equal(tousu_qa_check(p, &b.call, &r2), TOUSU_OK);
    assert_int_equal(r2.max_score, 125);
    assert_int_equal(r2.score, 75);
    assert_int_equal(r2.items[TOUSU_QA_POLITE].weight, 50);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_POLITE_MIN, 1), TOUSU_OK);
    assert_int_equal(tousu_qa_check(p, &b.call, &r2), TOUSU_OK);
    assert_int_equal(r2.score, 125);
    int64_t v;
    assert_int_equal(tousu_policy_get_qa(p, TOUSU_QA_P_MAX_RINGS, &v), TOUSU_OK);
    assert_int_equal(v, 3);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_WEIGHT_BASE, -1), TOUSU_ERANGE);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_COUNT_, 1), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_policy_get_qa(p, -1, &v), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_policy_freeze(p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_qa(p, TOUSU_QA_P_MAX_RINGS, 5), TOUSU_ESTATE);
    tousu_policy_free(p);
}

static bool has(const char *s, const char *needle)
{
    return strstr(s, needle) != NULL;
}

/* R-QA-1..6: the result prints as a checklist with the score, forbidden
 * phrases quoted with their rewrites. */
static void test_R_QA_4_explain_checklist(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    b.call.rings = 5;
    b.t[4].text = "你到底想怎么样？请问您还有其他问题吗？";
    b.t[4].text_len = strlen(b.t[4].text);
    tousu_qa_result r = check(&b);
    char buf[4096];
    size_t need = 0;
    assert_int_equal(tousu_qa_explain(P, &b.call, &r, buf, sizeof buf, &need), TOUSU_OK);
    assert_int_equal(need, strlen(buf));
    assert_true(has(buf, "call quality: 60/100, failed"));
    assert_true(has(buf, "[ ] R-QA-1"));
    assert_true(has(buf, "[x] R-QA-2"));
    assert_true(has(buf, "[ ] R-QA-4"));
    assert_true(has(buf, "「你到底想怎么样」"));
    assert_true(has(buf, "[x] R-QA-6"));
    char small[16];
    size_t need2 = 0;
    assert_int_equal(tousu_qa_explain(P, NULL, &r, small, sizeof small, &need2), TOUSU_ENOSPACE);
    assert_true(need2 > 100);
    assert_int_equal(strlen(small), 15);
    assert_int_equal(tousu_qa_explain(P, NULL, NULL, small, 16, &need2), TOUSU_EINVAL);
    tousu_qa_result tiny = r;
    tiny.struct_size = 8;
    assert_int_equal(tousu_qa_explain(P, NULL, &tiny, small, 16, &need2), TOUSU_ESTRUCT);
    assert_string_equal(tousu_qa_item_name(42), "?");
}

/* Boundary: bad calls get errors, never a crash; the bad turn is named. */
static void test_qa_bad_input(void **state)
{
    (void)state;
    call_b b;
    good_call(&b);
    tousu_qa_result r = {.struct_size = sizeof r};
    assert_int_equal(tousu_qa_check(NULL, &b.call, &r), TOUSU_EINVAL);
    assert_int_equal(tousu_qa_check(P, NULL, &r), TOUSU_EINVAL);
    assert_int_equal(tousu_qa_check(P, &b.call, NULL), TOUSU_EINVAL);
    b.call.turn_size = 8;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_ESTRUCT);
    good_call(&b);
    b.call.struct_size = 4;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_ESTRUCT);
    good_call(&b);
    b.call.rings = -1;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_ERANGE);
    good_call(&b);
    b.call.hung_up_by = 7;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_ERANGE);
    good_call(&b);
    b.t[3].speaker = 3;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_ERANGE);
    good_call(&b);
    b.t[3].text = NULL;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_EINVAL);
    good_call(&b);
    b.call.turns = NULL;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_EINVAL);
    good_call(&b);
    const char broken[] = "您好\xE4\xBD";
    b.t[2].text = broken;
    b.t[2].text_len = sizeof broken - 1;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_EUTF8);
    assert_int_equal(r.err_turn, 2);
    assert_int_equal(r.err_offset, 6);
    b.call.flags = TOUSU_SCAN_SKIP_BAD_UTF8;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_OK);
    good_call(&b);
    size_t big = 70000;
    char *t = malloc(big);
    memset(t, 'a', big);
    b.t[5].text = t;
    b.t[5].text_len = big;
    assert_int_equal(tousu_qa_check(P, &b.call, &r), TOUSU_ETOOBIG);
    assert_int_equal(r.err_turn, 5);
    free(t);
}

/* Boundary: an empty call and a call of one empty turn. */
static void test_qa_empty_call(void **state)
{
    (void)state;
    call_b b;
    begin(&b, 0, TOUSU_HANGUP_UNKNOWN);
    tousu_qa_result r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED, TOUSU_QA_M_NO_AGENT_TURN);
    assert_item(&r, TOUSU_QA_CLOSING, TOUSU_QA_FAILED, TOUSU_QA_M_NO_AGENT_TURN);
    assert_int_equal(r.items[TOUSU_QA_OPENING].turn, -1);
    turn(&b, A, 0, "");
    r = check(&b);
    assert_item(&r, TOUSU_QA_OPENING, TOUSU_QA_FAILED,
                TOUSU_QA_M_GREETING | TOUSU_QA_M_AGENT_NO | TOUSU_QA_M_SERVE);
}

/* A newer, larger turn struct is read with the stride the host gives. */
static void test_qa_turn_stride(void **state)
{
    (void)state;
    typedef struct bigger_turn {
        tousu_turn t;
        int64_t extra;
    } bigger_turn;
    call_b g;
    good_call(&g);
    bigger_turn bt[8];
    memset(bt, 0, sizeof bt);
    for (size_t i = 0; i < g.call.n_turns; i++)
        bt[i].t = g.t[i];
    g.call.turns = &bt[0].t;
    g.call.turn_size = sizeof(bigger_turn);
    tousu_qa_result r = check(&g);
    assert_int_equal(r.score, 100);
}

int main(void)
{
    assert_int_equal(tousu_policy_new(&P), TOUSU_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_QA_6_good_call_full_score),
        cmocka_unit_test(test_R_QA_1_rings),
        cmocka_unit_test(test_R_QA_2_opening),
        cmocka_unit_test(test_R_QA_2_policy_opening),
        cmocka_unit_test(test_R_QA_2_agent_number_is_a_whole_number),
        cmocka_unit_test(test_R_QA_3_closing_number_not_from_opening),
        cmocka_unit_test(test_R_QA_3_closing),
        cmocka_unit_test(test_R_QA_3_silent_call_hang_up),
        cmocka_unit_test(test_R_QA_3_abusive_caller),
        cmocka_unit_test(test_R_QA_4_forbidden_phrases),
        cmocka_unit_test(test_R_QA_4_many_hits),
        cmocka_unit_test(test_R_QA_5_waits),
        cmocka_unit_test(test_R_QA_5_no_wait_not_applicable),
        cmocka_unit_test(test_R_QA_6_polite_words_and_weights),
        cmocka_unit_test(test_R_QA_4_explain_checklist),
        cmocka_unit_test(test_qa_bad_input),
        cmocka_unit_test(test_qa_empty_call),
        cmocka_unit_test(test_qa_turn_stride),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tousu_policy_free(P);
    return rc;
}
