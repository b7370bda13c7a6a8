/*
 * test_script.c - scripts by situation and step with their timing rules,
 * and placeholder rendering (R-SCR-1..6, 8, 9, 11).
 */
#include "helpers.h"
#include "words.h"

static tousu_policy *P;

static tousu_vars vars(void)
{
    tousu_vars v;
    memset(&v, 0, sizeof v);
    v.struct_size = sizeof v;
    v.surname = "张";
    v.surname_len = strlen(v.surname);
    v.agent_no = "1024";
    v.agent_no_len = 4;
    v.company = "短信通";
    v.company_len = strlen(v.company);
    v.deadline = "3天";
    v.deadline_len = strlen(v.deadline);
    return v;
}

static const char *render(int32_t sit, int32_t step, const tousu_vars *v, int expect_rc)
{
    static char buf[1024];
    size_t need = 0;
    int rc = tousu_script_render(P, sit, step, v, buf, sizeof buf, &need);
    assert_int_equal(rc, expect_rc);
    assert_int_equal(need, strlen(buf));
    return buf;
}

static tousu_step_info step(int32_t sit, int32_t n)
{
    tousu_step_info s;
    memset(&s, 0, sizeof s);
    s.struct_size = sizeof s;
    assert_int_equal(tousu_script_step(P, sit, n, &s), TOUSU_OK);
    return s;
}

static int32_t nsteps(int32_t sit)
{
    tousu_situation_info si = {.struct_size = sizeof si};
    assert_int_equal(tousu_script_situation(P, sit, &si), TOUSU_OK);
    return si.n_steps;
}

static bool contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return true;
    return false;
}

/* R-SCR-1: the opening states the agent number (seed 001) or greets (seed
 * 003); answer by the third ring; Mandarin. */
static void test_R_SCR_1_opening(void **state)
{
    (void)state;
    tousu_vars v = vars();
    assert_string_equal(render(TOUSU_SIT_OPENING, 1, &v, TOUSU_OK),
                        "您好，短信通，1024号客服为您服务！");
    assert_string_equal(render(TOUSU_SIT_OPENING, 2, &v, TOUSU_OK), "您好，很高兴为您服务！");
    tousu_step_info s = step(TOUSU_SIT_OPENING, 1);
    assert_true(contains(s.when, s.when_len, "三声"));
    assert_true(contains(s.note, s.note_len, "普通话"));
    assert_true(step(TOUSU_SIT_OPENING, 2).flags & TOUSU_STEP_ALTERNATIVE);
}

/* R-SCR-2: phone complaint steps in the seed's order. */
static void test_R_SCR_2_phone_complaint_steps(void **state)
{
    (void)state;
    static const char *const order[] = {"倾听", "致歉", "记录", "答复", "再次致歉", "话别"};
    assert_int_equal(nsteps(TOUSU_SIT_PHONE_COMPLAINT), 6);
    for (int i = 0; i < 6; i++) {
        tousu_step_info s = step(TOUSU_SIT_PHONE_COMPLAINT, i + 1);
        assert_int_equal(s.when_len, strlen(order[i]));
        assert_memory_equal(s.when, order[i], s.when_len);
    }
    tousu_step_info rec = step(TOUSU_SIT_PHONE_COMPLAINT, 3);
    assert_true(contains(rec.note, rec.note_len, "复述"));
    tousu_step_info bye = step(TOUSU_SIT_PHONE_COMPLAINT, 6);
    assert_true(contains(bye.note, bye.note_len, "客户先行挂断"));
    tousu_vars v = vars();
    assert_string_equal(render(TOUSU_SIT_PHONE_COMPLAINT, 4, &v, TOUSU_OK),
                        "我们会在3天之内给您答复。");
}

/* R-SCR-3: on site: ask, accept (with choices), confirm; repair; after. */
static void test_R_SCR_3_onsite(void **state)
{
    (void)state;
    tousu_vars v = vars();
    v.agent_name = "李明";
    v.agent_name_len = strlen(v.agent_name);
    v.title = "女士";
    v.title_len = strlen(v.title);
    assert_string_equal(render(TOUSU_SIT_ONSITE_COMPLAINT, 1, &v, TOUSU_OK),
                        "张女士，对不起，我是短信通的客户经理李明，您有什么问题？");
    assert_string_equal(render(TOUSU_SIT_ONSITE_COMPLAINT, 4, &v, TOUSU_OK), "您看这样行吗？");
    tousu_step_info confirm = step(TOUSU_SIT_ONSITE_COMPLAINT, 7);
    assert_true(contains(confirm.say, confirm.say_len, "签字"));
    assert_true(contains(confirm.note, confirm.note_len, "回避"));
    assert_int_equal(nsteps(TOUSU_SIT_ONSITE_REPAIR), 4);
    tousu_step_info stay = step(TOUSU_SIT_ONSITE_REPAIR, 3);
    assert_true(stay.flags & TOUSU_STEP_ACTION);
    assert_true(contains(stay.note, stay.note_len, "坚守现场"));
    static const char *const after[] = {"拜访", "一再道歉", "言听计从", "开脱", "归罪别人"};
    for (int i = 0; i < 5; i++) {
        tousu_step_info s = step(TOUSU_SIT_AFTER_COMPLAINT, i + 1);
        assert_true(contains(s.note, s.note_len, after[i]));
    }
}

/* R-SCR-4: every situation of seed 003 with its steps and timing rules. */
static void test_R_SCR_4_situations_and_timing(void **state)
{
    (void)state;
    /* silent call: about 3 s between steps 1 and 2, hang up 2 s after 3 */
    assert_int_equal(nsteps(TOUSU_SIT_SILENT_CALL), 3);
    assert_int_equal(step(TOUSU_SIT_SILENT_CALL, 2).pause_before_ms, 3000);
    tousu_step_info last = step(TOUSU_SIT_SILENT_CALL, 3);
    assert_true(last.flags & TOUSU_STEP_HANG_UP);
    assert_int_equal(last.hangup_after_ms, 2000);
    /* noisy line (3 steps) and weak signal (2 steps) end the same way */
    assert_int_equal(nsteps(TOUSU_SIT_NOISY_LINE), 3);
    assert_int_equal(step(TOUSU_SIT_NOISY_LINE, 3).hangup_after_ms, 2000);
    assert_int_equal(nsteps(TOUSU_SIT_WEAK_SIGNAL), 2);
    assert_int_equal(step(TOUSU_SIT_WEAK_SIGNAL, 2).hangup_after_ms, 2000);
    assert_false(step(TOUSU_SIT_WEAK_SIGNAL, 1).flags & TOUSU_STEP_HANG_UP);
    /* waiting: over 2 minutes -> offer a call back */
    tousu_step_info w2 = step(TOUSU_SIT_WAIT, 2);
    assert_int_equal(w2.limit_ms, 120000);
    assert_true(w2.flags & TOUSU_STEP_OFFER_CALLBACK);
    assert_int_equal(nsteps(TOUSU_SIT_WAIT), 3);
    /* two cases, two variants, two branches, two steps */
    assert_int_equal(nsteps(TOUSU_SIT_UNCLEAR_WORDS), 3); /* case 1 has two phrasings */
    assert_int_equal(nsteps(TOUSU_SIT_CANNOT_HEAR), 2);
    tousu_step_info louder = step(TOUSU_SIT_CANNOT_HEAR, 2);
    assert_true(contains(louder.note, louder.note_len, "不宜再提高音量"));
    assert_int_equal(nsteps(TOUSU_SIT_NO_RESPONSE), 2);
    assert_int_equal(nsteps(TOUSU_SIT_HOTLINE_BUSY), 2);
    assert_int_equal(nsteps(TOUSU_SIT_STAFF_COMPLAINT), 2);
    assert_int_equal(nsteps(TOUSU_SIT_THANKS), 2);
    assert_int_equal(nsteps(TOUSU_SIT_SWEARING), 3);
    assert_int_equal(nsteps(TOUSU_SIT_WAIT_END), 2);
    tousu_step_info pass = step(TOUSU_SIT_PASS_ON, 1);
    assert_true(contains(pass.say, pass.say_len, "专业人员"));
    assert_true(step(TOUSU_SIT_PASS_ON, 2).flags & TOUSU_STEP_ACTION);
    tousu_vars v = vars();
    assert_string_equal(render(TOUSU_SIT_CLOSING, 1, &v, TOUSU_OK), "请问您还有其他问题吗？");
    assert_string_equal(render(TOUSU_SIT_CLOSING, 3, &v, TOUSU_OK),
                        "祝您愉快，谢谢！1024号客服，再见！");
    assert_string_equal(render(TOUSU_SIT_NO_RESPONSE, 1, &v, TOUSU_OK),
                        "张先生/女士，我这样说，您明白吗？");
    static const int32_t one_step[] = {TOUSU_SIT_SPEAKERPHONE, TOUSU_SIT_NOT_UNDERSTOOD,
                                       TOUSU_SIT_OUTAGE, TOUSU_SIT_SUGGESTION};
    for (int i = 0; i < 4; i++)
        assert_int_equal(nsteps(one_step[i]), 1);
}

/* R-SCR-5: the waiting phrases of seed 001 (A, B, C). */
static void test_R_SCR_5_waiting_phrases(void **state)
{
    (void)state;
    assert_int_equal(nsteps(TOUSU_SIT_WAITING_PHRASES), 3);
    assert_string_equal(render(TOUSU_SIT_WAITING_PHRASES, 2, NULL, TOUSU_OK), "感谢您的耐心等待。");
    const char *c = render(TOUSU_SIT_WAITING_PHRASES, 3, NULL, TOUSU_OK);
    assert_true(contains(c, strlen(c), "已记录"));
    assert_true(contains(c, strlen(c), "上报"));
}

/* R-SCR-6: the six empathy families, with the 48-hour promise and "out of
 * our scope" among the others. */
static void test_R_SCR_6_empathy_families(void **state)
{
    (void)state;
    static const char *const keys[] = {"empathy_shared", "empathy_valued", "empathy_side",
                                       "empathy_soothe", "empathy_praise", "empathy_other"};
    for (int i = 0; i < 6; i++) {
        int32_t id = 0;
        assert_int_equal(tousu_script_find(P, keys[i], strlen(keys[i]), &id), TOUSU_OK);
        assert_true(nsteps(id) >= 1);
    }
    assert_string_equal(render(TOUSU_SIT_EMPATHY_OTHER, 5, NULL, TOUSU_OK),
                        "我们将把您的要求及时上报相关部门，并在48小时内给您答复。");
    tousu_vars v = vars();
    v.hours = "24";
    v.hours_len = 2;
    assert_string_equal(render(TOUSU_SIT_EMPATHY_OTHER, 5, &v, TOUSU_OK),
                        "我们将把您的要求及时上报相关部门，并在24小时内给您答复。");
    const char *scope = render(TOUSU_SIT_EMPATHY_OTHER, 7, NULL, TOUSU_OK);
    assert_true(contains(scope, strlen(scope), "不是我们的服务范围"));
}

/* R-SCR-8: the rewrites are also a script (多用"我"来代替"您"). */
static void test_R_SCR_8_i_instead_of_you_script(void **state)
{
    (void)state;
    tousu_step_info s = step(TOUSU_SIT_I_NOT_YOU, 2);
    assert_memory_equal(s.when, "您搞错了", s.when_len);
    assert_string_equal(render(TOUSU_SIT_I_NOT_YOU, 2, NULL, TOUSU_OK),
                        "我觉得我们的沟通存在误解。");
}

/* R-SCR-9: the law is the floor; do not argue first; do not interrupt;
 * record date, time, amount. */
static void test_R_SCR_9_handling_principles(void **state)
{
    (void)state;
    static const char *const notes[] = {"依法处理是底线", "不要一开始就做辩解", "不打断",
                                        "日期、时间、金额"};
    int32_t n = nsteps(TOUSU_SIT_HANDLING);
    for (int k = 0; k < 4; k++) {
        bool found = false;
        for (int32_t i = 1; i <= n && !found; i++) {
            tousu_step_info s = step(TOUSU_SIT_HANDLING, i);
            found = contains(s.note, s.note_len, notes[k]);
        }
        if (!found)
            fail_msg("R-SCR-9 principle \"%s\" missing", notes[k]);
    }
}

/* R-SCR-11: calm the customer even unsolved; never argue; ask the name,
 * record and promise a time; never criticise the company or colleagues. */
static void test_R_SCR_11_principles(void **state)
{
    (void)state;
    tousu_step_info s1 = step(TOUSU_SIT_PRINCIPLES, 1);
    assert_true(contains(s1.note, s1.note_len, "安抚好客户"));
    tousu_step_info s2 = step(TOUSU_SIT_PRINCIPLES, 2);
    assert_true(contains(s2.note, s2.note_len, "避免争辩"));
    assert_string_equal(render(TOUSU_SIT_PRINCIPLES, 3, NULL, TOUSU_OK), "请问您怎么称呼？");
    tousu_step_info s3 = step(TOUSU_SIT_PRINCIPLES, 3);
    assert_true(contains(s3.note, s3.note_len, "承诺"));
    tousu_step_info s5 = step(TOUSU_SIT_PRINCIPLES, 5);
    assert_true(contains(s5.note, s5.note_len, "其他同事"));
}

/* Every built-in step renders with full vars, and the tables pass their
 * own validation. */
static void test_R_SCR_4_all_steps_render(void **state)
{
    (void)state;
    int32_t ids[64];
    size_t n = 0;
    assert_int_equal(tousu_script_list(P, ids, 64, &n), TOUSU_OK);
    assert_true(n >= 33);
    tousu_vars v = vars();
    v.agent_name = "李明";
    v.agent_name_len = strlen(v.agent_name);
    for (size_t i = 0; i < n; i++)
        for (int32_t k = 1; k <= nsteps(ids[i]); k++)
            render(ids[i], k, &v, TOUSU_OK);
    tz_words w;
    tz_words_builtin(&w);
    tz_error e;
    assert_int_equal(tz_words_validate(&w, &e), TOUSU_OK);
}

/* Placeholders: missing values keep {name} and say so. */
static void test_render_missing_value(void **state)
{
    (void)state;
    const char *s = render(TOUSU_SIT_OPENING, 1, NULL, TOUSU_ENODATA);
    assert_string_equal(s, "您好，{company}，{agent_no}号客服为您服务！");
    tousu_vars v = vars();
    v.deadline_len = 0; /* not given */
    s = render(TOUSU_SIT_PHONE_COMPLAINT, 4, &v, TOUSU_ENODATA);
    assert_string_equal(s, "我们会在{deadline}之内给您答复。");
}

/* Boundary: snprintf semantics for a buffer too small. */
static void test_render_buffer_too_small(void **state)
{
    (void)state;
    tousu_vars v = vars();
    char buf[8];
    size_t need = 0;
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_OPENING, 2, &v, buf, sizeof buf, &need),
                     TOUSU_ENOSPACE);
    assert_int_equal(need, strlen("您好，很高兴为您服务！"));
    assert_int_equal(strlen(buf), 7); /* cut, NUL-terminated */
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_OPENING, 2, &v, NULL, 0, &need),
                     TOUSU_ENOSPACE);
    assert_int_equal(need, strlen("您好，很高兴为您服务！"));
    char exact[64];
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_OPENING, 2, &v, exact, need, &need),
                     TOUSU_ENOSPACE); /* no room for the NUL */
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_OPENING, 2, &v, exact, need + 1, &need),
                     TOUSU_OK);
}

/* Boundary: unknown situation or step, bad arguments, struct sizes. */
static void test_script_lookup_errors(void **state)
{
    (void)state;
    char buf[64];
    size_t need;
    tousu_step_info s = {.struct_size = sizeof s};
    assert_int_equal(tousu_script_step(P, 999, 1, &s), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_script_step(P, TOUSU_SIT_SILENT_CALL, 4, &s), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_script_step(P, TOUSU_SIT_SILENT_CALL, 0, &s), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_script_step(P, TOUSU_SIT_SILENT_CALL, -1, &s), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_script_render(P, 999, 1, NULL, buf, 64, &need), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_script_render(NULL, 1, 1, NULL, buf, 64, &need), TOUSU_EINVAL);
    assert_int_equal(tousu_script_render(P, 1, 1, NULL, NULL, 64, &need), TOUSU_EINVAL);
    assert_int_equal(tousu_script_render(P, 1, 1, NULL, buf, 64, NULL), TOUSU_EINVAL);
    s.struct_size = 0;
    assert_int_equal(tousu_script_step(P, TOUSU_SIT_SILENT_CALL, 1, &s), TOUSU_ESTRUCT);
    /* an older, smaller struct gets only its part */
    tousu_step_info small;
    memset(&small, 0x5A, sizeof small);
    small.struct_size = offsetof(tousu_step_info, flags);
    assert_int_equal(tousu_script_step(P, TOUSU_SIT_SILENT_CALL, 2, &small), TOUSU_OK);
    assert_int_equal(small.step, 2);
    assert_int_equal(small.struct_size, offsetof(tousu_step_info, flags));
    assert_int_equal(small.flags, 0x5A5A5A5Au); /* untouched */
    int32_t id = 0;
    assert_int_equal(tousu_script_find(P, "silent_call", 11, &id), TOUSU_OK);
    assert_int_equal(id, TOUSU_SIT_SILENT_CALL);
    assert_int_equal(tousu_script_find(P, "silent", 6, &id), TOUSU_ENOTFOUND);
    int32_t ids[2];
    size_t n;
    assert_int_equal(tousu_script_list(P, ids, 2, &n), TOUSU_ENOSPACE);
    assert_true(n > 2);
    tousu_situation_info si = {.struct_size = sizeof si};
    assert_int_equal(tousu_script_situation(P, TOUSU_SIT_WAIT, &si), TOUSU_OK);
    assert_memory_equal(si.rule, "R-SCR-4", si.rule_len);
}

/* Boundary: bad vars. */
static void test_render_bad_vars(void **state)
{
    (void)state;
    char buf[128];
    size_t need;
    tousu_vars v = vars();
    v.surname = NULL; /* with a length */
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_WAIT, 1, &v, buf, 128, &need), TOUSU_EINVAL);
    v = vars();
    v.surname = "\xE5\xBC";
    v.surname_len = 2;
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_WAIT, 1, &v, buf, 128, &need), TOUSU_EUTF8);
    v = vars();
    v.struct_size = 2;
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_WAIT, 1, &v, buf, 128, &need), TOUSU_ESTRUCT);
    v = vars();
    v.struct_size = offsetof(tousu_vars, agent_no); /* an old caller: surname, title only */
    assert_int_equal(tousu_script_render(P, TOUSU_SIT_NO_RESPONSE, 2, &v, buf, 128, &need),
                     TOUSU_OK);
    assert_string_equal(buf, "张先生/女士，您能听清我说话吗？");
}

/* Templates: braces, defaults, syntax errors. */
static void test_render_templates(void **state)
{
    (void)state;
    char buf[128];
    size_t need;
    tousu_vars v = vars();
    const char *t = "{{工号}}：{agent_no}，{title|先生}";
    assert_int_equal(tousu_render(t, strlen(t), &v, buf, sizeof buf, &need), TOUSU_OK);
    assert_string_equal(buf, "{工号}：1024，先生");
    static const char *const bad[] = {"{nope}", "{agent_no", "a}b", "{a{b}"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(tousu_render(bad[i], strlen(bad[i]), &v, buf, sizeof buf, &need),
                         TOUSU_EPARSE);
    assert_int_equal(tousu_render("a\0b", 3, &v, buf, sizeof buf, &need), TOUSU_EINVAL);
    assert_int_equal(tousu_render("\xFF", 1, &v, buf, sizeof buf, &need), TOUSU_EUTF8);
    assert_int_equal(tousu_render(NULL, 0, NULL, buf, sizeof buf, &need), TOUSU_OK);
    assert_int_equal(need, 0);
    assert_int_equal(tousu_render("", 0, NULL, buf, 0, &need), TOUSU_ENOSPACE);
}

int main(void)
{
    assert_int_equal(tousu_policy_new(&P), TOUSU_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SCR_1_opening),
        cmocka_unit_test(test_R_SCR_2_phone_complaint_steps),
        cmocka_unit_test(test_R_SCR_3_onsite),
        cmocka_unit_test(test_R_SCR_4_situations_and_timing),
        cmocka_unit_test(test_R_SCR_5_waiting_phrases),
        cmocka_unit_test(test_R_SCR_6_empathy_families),
        cmocka_unit_test(test_R_SCR_8_i_instead_of_you_script),
        cmocka_unit_test(test_R_SCR_9_handling_principles),
        cmocka_unit_test(test_R_SCR_11_principles),
        cmocka_unit_test(test_R_SCR_4_all_steps_render),
        cmocka_unit_test(test_render_missing_value),
        cmocka_unit_test(test_render_buffer_too_small),
        cmocka_unit_test(test_script_lookup_errors),
        cmocka_unit_test(test_render_bad_vars),
        cmocka_unit_test(test_render_templates),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tousu_policy_free(P);
    return rc;
}
