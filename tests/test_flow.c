/*
 * test_flow.c - answer flows for known problems (R-SCR-10): the diagnosis
 * of "no welcome SMS" and the other flows of seed 001 section 五, walked
 * node by node.
 */
#include "helpers.h"
#include "words.h"

static tousu_policy *P;

static tousu_flow_node node(int32_t flow, int32_t n)
{
    tousu_flow_node fn;
    memset(&fn, 0, sizeof fn);
    fn.struct_size = sizeof fn;
    assert_int_equal(tousu_flow_node_get(P, flow, n, &fn), TOUSU_OK);
    return fn;
}

static bool has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return true;
    return false;
}

/* The answer of a node whose label contains `label`. */
static int32_t answer_with(int32_t flow, int32_t n, const char *label)
{
    tousu_flow_node fn = node(flow, n);
    for (int32_t a = 0; a < fn.n_answers; a++) {
        const char *l;
        size_t ll;
        int32_t nf, nn;
        assert_int_equal(tousu_flow_answer(P, flow, n, a, &l, &ll, &nf, &nn), TOUSU_OK);
        if (has(l, ll, label))
            return a;
    }
    fail_msg("node %d/%d has no answer \"%s\"", flow, n, label);
    return -1;
}

/* R-SCR-10: no welcome SMS: rule out out-of-province and uncovered
 * carriers, check the signing, then a mistyped number. */
static void test_R_SCR_10_no_welcome_sms_mistyped_number(void **state)
{
    (void)state;
    int32_t flow = TOUSU_FLOW_NO_WELCOME_SMS, n = 0;
    tousu_flow_node start = node(flow, 0);
    assert_int_equal(start.node, 1);
    assert_true(has(start.question, start.question_len, "省外"));
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, 1, "都不是")), TOUSU_OK);
    assert_int_equal(n, 2);
    tousu_flow_node sign = node(flow, n);
    assert_true(has(sign.note, sign.note_len, "5992"));
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, 2, "未知")), TOUSU_OK);
    tousu_flow_node wrong = node(flow, n);
    assert_int_equal(wrong.n_answers, 0); /* an end */
    assert_true(has(wrong.say, wrong.say_len, "输错"));
    assert_true(has(wrong.note, wrong.note_len, "5995"));
}

/* R-SCR-10: ... the operator's do-not-disturb list, or the phone's
 * settings (full memory, a firewall or blocking app). */
static void test_R_SCR_10_no_welcome_sms_do_not_disturb_and_phone(void **state)
{
    (void)state;
    int32_t flow = TOUSU_FLOW_NO_WELCOME_SMS, n = 2;
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, 2, "已签约")), TOUSU_OK);
    tousu_flow_node bz = node(flow, n);
    assert_true(has(bz.note, bz.note_len, "BZ"));
    int32_t f2 = flow, n2 = n;
    assert_int_equal(tousu_flow_step(P, &f2, &n2, answer_with(flow, n, "设定了免打扰")), TOUSU_OK);
    tousu_flow_node dnd = node(f2, n2);
    assert_true(has(dnd.say, dnd.say_len, "免打扰"));
    assert_true(has(dnd.say, dnd.say_len, "10天"));
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, n, "没有免打扰")), TOUSU_OK);
    tousu_flow_node phone = node(flow, n);
    assert_true(has(phone.say, phone.say_len, "内存已满"));
    assert_true(has(phone.say, phone.say_len, "防火墙"));
}

/* R-SCR-10: an out-of-province number leads into its own flow (change the
 * number or cancel), and a refund within 2 weeks if charged. */
static void test_R_SCR_10_out_of_province_and_refund(void **state)
{
    (void)state;
    int32_t flow = TOUSU_FLOW_NO_WELCOME_SMS, n = 1;
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, 1, "省外")), TOUSU_OK);
    assert_int_equal(flow, TOUSU_FLOW_OUT_OF_PROVINCE);
    tousu_flow_node o = node(flow, n);
    assert_true(has(o.say, o.say_len, "更换"));
    assert_true(has(o.say, o.say_len, "解约"));
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, n, "已扣费")), TOUSU_OK);
    char buf[512];
    size_t need;
    assert_int_equal(tousu_flow_render(P, flow, n, NULL, buf, sizeof buf, &need), TOUSU_OK);
    assert_true(has(buf, need, "2周"));
    int32_t f2 = TOUSU_FLOW_OUT_OF_PROVINCE, n2 = 1;
    assert_int_equal(tousu_flow_step(P, &f2, &n2, answer_with(f2, 1, "未扣费")), TOUSU_OK);
    assert_int_equal(n2, 0); /* the flow ends */
}

/* R-SCR-10: a carrier the service does not cover. */
static void test_R_SCR_10_uncovered_carrier(void **state)
{
    (void)state;
    int32_t flow = TOUSU_FLOW_ANSWER_NOW, n = 0;
    tousu_flow_node first = node(flow, 0);
    assert_true(has(first.say, first.say_len, "请稍等"));
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, 1, "电信")), TOUSU_OK);
    assert_int_equal(flow, TOUSU_FLOW_UNCOVERED_CARRIER);
    tousu_flow_node c = node(flow, n);
    assert_true(has(c.say, c.say_len, "电信"));
    assert_true(has(c.say, c.say_len, "移动或联通"));
}

/* R-SCR-10: data not yet updated; occasional missed messages (causes, then
 * a test message); damaged card; changed signing branch; a rare problem
 * answered within 3 days. */
static void test_R_SCR_10_other_flows(void **state)
{
    (void)state;
    tousu_flow_node d = node(TOUSU_FLOW_DATA_NOT_UPDATED, 0);
    assert_true(has(d.say, d.say_len, "数据尚未更新"));
    int32_t flow = TOUSU_FLOW_OCCASIONAL_MISS, n = 0;
    tousu_flow_node causes = node(flow, 0);
    assert_true(has(causes.say, causes.say_len, "信号盲区"));
    assert_int_equal(tousu_flow_step(P, &flow, &n, answer_with(flow, 1, "坚持")), TOUSU_OK);
    tousu_flow_node test = node(flow, n);
    assert_true(has(test.say, test.say_len, "BZ"));
    tousu_flow_node card = node(TOUSU_FLOW_CARD_REPLACED, 0);
    assert_true(has(card.say, card.say_len, "重新签约"));
    tousu_flow_node branch = node(TOUSU_FLOW_BRANCH_CHANGED, 0);
    assert_true(has(branch.note, branch.note_len, "销卡"));
    char buf[512];
    size_t need;
    assert_int_equal(tousu_flow_render(P, TOUSU_FLOW_RARE_PROBLEM, 0, NULL, buf, sizeof buf, &need),
                     TOUSU_OK);
    assert_true(has(buf, need, "3天之内"));
    tousu_vars v = {.struct_size = sizeof v, .deadline = "5个工作日", .deadline_len = 13};
    assert_int_equal(tousu_flow_render(P, TOUSU_FLOW_RARE_PROBLEM, 0, &v, buf, sizeof buf, &need),
                     TOUSU_OK);
    assert_true(has(buf, need, "5个工作日之内"));
}

/* R-SCR-10: every flow is data: a start, nodes, answers leading to nodes
 * that exist; all are listed and found by key. */
static void test_R_SCR_10_flows_are_data(void **state)
{
    (void)state;
    int32_t ids[32];
    size_t n = 0;
    assert_int_equal(tousu_flow_list(P, ids, 32, &n), TOUSU_OK);
    assert_int_equal(n, 11);
    for (size_t i = 0; i < n; i++) {
        tousu_flow_info fi = {.struct_size = sizeof fi};
        assert_int_equal(tousu_flow_info_get(P, ids[i], &fi), TOUSU_OK);
        assert_true(fi.n_nodes >= 1);
        assert_memory_equal(fi.rule, "R-SCR-10", fi.rule_len);
        int32_t id = 0;
        assert_int_equal(tousu_flow_find(P, fi.key, fi.key_len, &id), TOUSU_OK);
        assert_int_equal(id, ids[i]);
        for (int32_t k = 1; k <= fi.n_nodes; k++) {
            tousu_flow_node fn = node(ids[i], k);
            for (int32_t a = 0; a < fn.n_answers; a++) {
                int32_t nf, nn;
                assert_int_equal(tousu_flow_answer(P, ids[i], k, a, NULL, NULL, &nf, &nn),
                                 TOUSU_OK);
                if (nn)
                    node(nf, nn); /* exists */
            }
        }
    }
}

/* Boundary: unknown flow, node or answer; bad arguments. */
static void test_flow_errors(void **state)
{
    (void)state;
    tousu_flow_node fn = {.struct_size = sizeof fn};
    assert_int_equal(tousu_flow_node_get(P, 999, 0, &fn), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_flow_node_get(P, TOUSU_FLOW_NO_WELCOME_SMS, 99, &fn), TOUSU_ENOTFOUND);
    int32_t f = TOUSU_FLOW_NO_WELCOME_SMS, n = 1;
    assert_int_equal(tousu_flow_step(P, &f, &n, 7), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_flow_step(P, &f, &n, -1), TOUSU_ENOTFOUND);
    assert_int_equal(f, TOUSU_FLOW_NO_WELCOME_SMS); /* unchanged */
    assert_int_equal(n, 1);
    assert_int_equal(tousu_flow_step(NULL, &f, &n, 0), TOUSU_EINVAL);
    assert_int_equal(tousu_flow_answer(P, f, 1, 0, NULL, NULL, NULL, &n), TOUSU_EINVAL);
    fn.struct_size = 0;
    assert_int_equal(tousu_flow_node_get(P, f, 1, &fn), TOUSU_ESTRUCT);
    char buf[4];
    size_t need;
    assert_int_equal(tousu_flow_render(P, TOUSU_FLOW_CARD_REPLACED, 0, NULL, buf, 4, &need),
                     TOUSU_ENOSPACE);
    assert_true(need > 4);
    int32_t id;
    assert_int_equal(tousu_flow_find(P, "nope", 4, &id), TOUSU_ENOTFOUND);
    assert_int_equal(tousu_flow_find(P, NULL, 0, &id), TOUSU_EINVAL);
    int32_t ids[1];
    size_t cnt;
    assert_int_equal(tousu_flow_list(P, ids, 1, &cnt), TOUSU_ENOSPACE);
    tousu_flow_info fi = {.struct_size = sizeof fi};
    assert_int_equal(tousu_flow_info_get(P, 0, &fi), TOUSU_ENOTFOUND);
}

int main(void)
{
    assert_int_equal(tousu_policy_new(&P), TOUSU_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_SCR_10_no_welcome_sms_mistyped_number),
        cmocka_unit_test(test_R_SCR_10_no_welcome_sms_do_not_disturb_and_phone),
        cmocka_unit_test(test_R_SCR_10_out_of_province_and_refund),
        cmocka_unit_test(test_R_SCR_10_uncovered_carrier),
        cmocka_unit_test(test_R_SCR_10_other_flows),
        cmocka_unit_test(test_R_SCR_10_flows_are_data),
        cmocka_unit_test(test_flow_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    tousu_policy_free(P);
    return rc;
}
