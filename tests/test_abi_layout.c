/*
 * test_abi_layout.c - R-HOST-5: the layout of every public struct is frozen.
 *
 * Hosts compile against one header and run against a later library (and
 * FFI users write the layout by hand), so a struct may only grow at its end,
 * and only with a matching struct_size rule (docs/abi.md). Each test below
 * pins sizeof and the offset and size of every member for LP64 (x86_64,
 * aarch64); on other ABIs the tests skip.
 *
 * tests/abi/check_layout_coverage.py fails when a `typedef struct tousu_xxx`
 * in include/tousu.h has no LAYOUT block here or a member has no FIELD line.
 * To add structs, run
 *     tests/abi/check_layout_coverage.py --emit include/tousu.h tests/test_abi_layout.c
 * and paste the test functions it prints before main() and its
 * cmocka_unit_test lines into the table. Changing a number here is changing
 * the ABI (docs/abi.md): only a struct's size may grow, when a member is
 * appended; anything else needs a new SONAME, not a test edit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tousu.h"

/* Open a layout block: skip unless LP64, then check the struct's size.
 * layout_t names the struct for the FIELD lines that follow. */
#define LAYOUT(type, size)                                                                         \
    typedef type layout_t;                                                                         \
    if (sizeof(void *) != 8 || sizeof(size_t) != 8) {                                              \
        skip();                                                                                    \
    }                                                                                              \
    assert_int_equal(sizeof(layout_t), (size))

/* One member: its offset and its size. */
#define FIELD(field, off, size)                                                                    \
    do {                                                                                           \
        assert_int_equal(offsetof(layout_t, field), (off));                                        \
        assert_int_equal(sizeof(((layout_t *)0)->field), (size));                                  \
    } while (0)

/* R-HOST-5 */
static void test_R_HOST_5_layout_history(void **state)
{
    (void)state;
    LAYOUT(tousu_history, 56);
    FIELD(struct_size, 0, 8);
    FIELD(open_id, 8, 8);
    FIELD(open_ms, 16, 8);
    FIELD(archived_id, 24, 8);
    FIELD(archived_ms, 32, 8);
    FIELD(archived_level, 40, 4);
    FIELD(reserved_, 44, 4);
    FIELD(archived_by, 48, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_window(void **state)
{
    (void)state;
    LAYOUT(tousu_window, 32);
    FIELD(struct_size, 0, 8);
    FIELD(ordinary, 8, 4);
    FIELD(vip, 12, 4);
    FIELD(events, 16, 4);
    FIELD(has_customer, 20, 4);
    FIELD(customer_is_vip, 24, 4);
    FIELD(reserved_, 28, 4);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_intake(void **state)
{
    (void)state;
    LAYOUT(tousu_intake, 56);
    FIELD(struct_size, 0, 8);
    FIELD(contact_id, 8, 8);
    FIELD(customer_id, 16, 8);
    FIELD(matter, 24, 8);
    FIELD(intake_ms, 32, 8);
    FIELD(vip, 40, 4);
    FIELD(in_window, 44, 4);
    FIELD(opens_complaint, 48, 4);
    FIELD(level, 52, 4);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_archive(void **state)
{
    (void)state;
    LAYOUT(tousu_archive, 56);
    FIELD(struct_size, 0, 8);
    FIELD(contact_id, 8, 8);
    FIELD(customer_id, 16, 8);
    FIELD(matter, 24, 8);
    FIELD(archived_ms, 32, 8);
    FIELD(level, 40, 4);
    FIELD(reserved_, 44, 4);
    FIELD(closed_by, 48, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_store_ops(void **state)
{
    (void)state;
    LAYOUT(tousu_store_ops, 48);
    FIELD(struct_size, 0, 8);
    FIELD(history, 8, 8);
    FIELD(window, 16, 8);
    FIELD(members, 24, 8);
    FIELD(record, 32, 8);
    FIELD(archive, 40, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_host(void **state)
{
    (void)state;
    LAYOUT(tousu_host, 56);
    FIELD(struct_size, 0, 8);
    FIELD(user, 8, 8);
    FIELD(now_ms, 16, 8);
    FIELD(store, 24, 8);
    FIELD(alloc, 32, 8);
    FIELD(free, 40, 8);
    FIELD(store_user, 48, 8);
}


/* R-HOST-5 */
static void test_R_HOST_5_layout_reason(void **state)
{
    (void)state;
    LAYOUT(tousu_reason, 16);
    FIELD(code, 0, 4);
    FIELD(level, 4, 4);
    FIELD(value, 8, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_evidence(void **state)
{
    (void)state;
    LAYOUT(tousu_evidence, 24);
    FIELD(kind, 0, 4);
    FIELD(source, 4, 4);
    FIELD(value, 8, 8);
    FIELD(value2, 16, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_signal(void **state)
{
    (void)state;
    LAYOUT(tousu_signal, 16);
    FIELD(kind, 0, 4);
    FIELD(group, 4, 4);
    FIELD(offset, 8, 4);
    FIELD(length, 12, 4);
}


/* R-HOST-5 */
static void test_R_HOST_5_layout_load_error(void **state)
{
    (void)state;
    LAYOUT(tousu_load_error, 272);
    FIELD(struct_size, 0, 8);
    FIELD(code, 8, 4);
    FIELD(line, 12, 4);
    FIELD(message, 16, 256);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_contact(void **state)
{
    (void)state;
    LAYOUT(tousu_contact, 176);
    FIELD(struct_size, 0, 8);
    FIELD(contact_id, 8, 8);
    FIELD(customer_id, 16, 8);
    FIELD(matter, 24, 8);
    FIELD(intake_ms, 32, 8);
    FIELD(category, 40, 4);
    FIELD(channel, 44, 4);
    FIELD(body, 48, 4);
    FIELD(tier, 52, 4);
    FIELD(industry, 56, 4);
    FIELD(customer_flags, 60, 4);
    FIELD(flags, 64, 4);
    FIELD(causes, 68, 4);
    FIELD(departments, 72, 4);
    FIELD(manage_code, 76, 4);
    FIELD(spend_code, 80, 4);
    FIELD(customer_region, 84, 4);
    FIELD(handling_region, 88, 4);
    FIELD(n_needed_regions, 92, 4);
    FIELD(needed_regions, 96, 32);
    FIELD(staff_id, 128, 8);
    FIELD(staff_level, 136, 4);
    FIELD(reserved2_, 140, 4);
    FIELD(account_manager_id, 144, 8);
    FIELD(special_deadline_ms, 152, 8);
    FIELD(text, 160, 8);
    FIELD(text_len, 168, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_result(void **state)
{
    (void)state;
    LAYOUT(tousu_result, 1208);
    FIELD(struct_size, 0, 8);
    FIELD(intake_ms, 8, 8);
    FIELD(category, 16, 4);
    FIELD(handling, 20, 4);
    FIELD(is_complaint, 24, 4);
    FIELD(causes, 28, 4);
    FIELD(regular_channel, 32, 4);
    FIELD(is_vip, 36, 4);
    FIELD(is_important, 40, 4);
    FIELD(is_sensitive, 44, 4);
    FIELD(urgent, 48, 4);
    FIELD(kinds, 52, 4);
    FIELD(top_kind, 56, 4);
    FIELD(priority_tier, 60, 4);
    FIELD(named_owner, 64, 4);
    FIELD(level, 68, 4);
    FIELD(n_reasons, 72, 4);
    FIELD(n_evidence, 76, 4);
    FIELD(reasons, 80, 256);
    FIELD(evidence, 336, 576);
    FIELD(n_recused, 912, 4);
    FIELD(needs_coordination, 916, 4);
    FIELD(recused, 920, 32);
    FIELD(coord_departments, 952, 4);
    FIELD(n_coord_regions, 956, 4);
    FIELD(coord_regions, 960, 32);
    FIELD(followup, 992, 4);
    FIELD(batch, 996, 4);
    FIELD(followup_of, 1000, 8);
    FIELD(repeat_of, 1008, 8);
    FIELD(repeat_archived_ms, 1016, 8);
    FIELD(repeat_since_ms, 1024, 8);
    FIELD(batch_ordinary, 1032, 4);
    FIELD(batch_vip, 1036, 4);
    FIELD(batch_members, 1040, 4);
    FIELD(manage_code, 1044, 4);
    FIELD(batch_window_start_ms, 1048, 8);
    FIELD(spend_code, 1056, 4);
    FIELD(industry, 1060, 4);
    FIELD(tier, 1064, 4);
    FIELD(suggested_kinds, 1068, 4);
    FIELD(n_signals, 1072, 4);
    FIELD(signals, 1076, 128);
    FIELD(reserved_, 1204, 4);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_day_info(void **state)
{
    (void)state;
    LAYOUT(tousu_day_info, 112);
    FIELD(struct_size, 0, 8);
    FIELD(kind, 8, 4);
    FIELD(weekday, 12, 4);
    FIELD(covered, 16, 4);
    FIELD(n_spans, 20, 4);
    FIELD(spans, 24, 64);
    FIELD(working_ms, 88, 8);
    FIELD(name, 96, 8);
    FIELD(name_len, 104, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_clock_status(void **state)
{
    (void)state;
    LAYOUT(tousu_clock_status, 96);
    FIELD(struct_size, 0, 8);
    FIELD(state, 8, 4);
    FIELD(stage, 12, 4);
    FIELD(business, 16, 4);
    FIELD(warned, 20, 4);
    FIELD(breached, 24, 4);
    FIELD(due_known, 28, 4);
    FIELD(target_ms, 32, 8);
    FIELD(elapsed_ms, 40, 8);
    FIELD(remaining_ms, 48, 8);
    FIELD(due_ms, 56, 8);
    FIELD(warning_ms, 64, 8);
    FIELD(started_ms, 72, 8);
    FIELD(stopped_ms, 80, 8);
    FIELD(paused_ms, 88, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_plan_status(void **state)
{
    (void)state;
    LAYOUT(tousu_plan_status, 72);
    FIELD(struct_size, 0, 8);
    FIELD(category, 8, 4);
    FIELD(top_kind, 12, 4);
    FIELD(n_stages, 16, 4);
    FIELD(current, 20, 4);
    FIELD(stage, 24, 4);
    FIELD(done, 28, 4);
    FIELD(base_level, 32, 4);
    FIELD(level, 36, 4);
    FIELD(n_breached, 40, 4);
    FIELD(n_warned, 44, 4);
    FIELD(named_owner, 48, 4);
    FIELD(due_known, 52, 4);
    FIELD(due_ms, 56, 8);
    FIELD(deadline_ms, 64, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_match(void **state)
{
    (void)state;
    LAYOUT(tousu_match, 24);
    FIELD(pattern, 0, 4);
    FIELD(group, 4, 4);
    FIELD(offset, 8, 8);
    FIELD(length, 16, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_phrase_info(void **state)
{
    (void)state;
    LAYOUT(tousu_phrase_info, 56);
    FIELD(struct_size, 0, 8);
    FIELD(id, 8, 4);
    FIELD(family, 12, 4);
    FIELD(flags, 16, 4);
    FIELD(variant_of, 20, 4);
    FIELD(text, 24, 8);
    FIELD(text_len, 32, 8);
    FIELD(rewrite, 40, 8);
    FIELD(rewrite_len, 48, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_vars(void **state)
{
    (void)state;
    LAYOUT(tousu_vars, 136);
    FIELD(struct_size, 0, 8);
    FIELD(surname, 8, 8);
    FIELD(surname_len, 16, 8);
    FIELD(title, 24, 8);
    FIELD(title_len, 32, 8);
    FIELD(agent_no, 40, 8);
    FIELD(agent_no_len, 48, 8);
    FIELD(company, 56, 8);
    FIELD(company_len, 64, 8);
    FIELD(deadline, 72, 8);
    FIELD(deadline_len, 80, 8);
    FIELD(hours, 88, 8);
    FIELD(hours_len, 96, 8);
    FIELD(agent_name, 104, 8);
    FIELD(agent_name_len, 112, 8);
    FIELD(phone, 120, 8);
    FIELD(phone_len, 128, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_situation_info(void **state)
{
    (void)state;
    LAYOUT(tousu_situation_info, 64);
    FIELD(struct_size, 0, 8);
    FIELD(id, 8, 4);
    FIELD(n_steps, 12, 4);
    FIELD(key, 16, 8);
    FIELD(key_len, 24, 8);
    FIELD(title, 32, 8);
    FIELD(title_len, 40, 8);
    FIELD(rule, 48, 8);
    FIELD(rule_len, 56, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_step_info(void **state)
{
    (void)state;
    LAYOUT(tousu_step_info, 96);
    FIELD(struct_size, 0, 8);
    FIELD(situation, 8, 4);
    FIELD(step, 12, 4);
    FIELD(flags, 16, 4);
    FIELD(reserved_, 20, 4);
    FIELD(pause_before_ms, 24, 8);
    FIELD(hangup_after_ms, 32, 8);
    FIELD(limit_ms, 40, 8);
    FIELD(when, 48, 8);
    FIELD(when_len, 56, 8);
    FIELD(say, 64, 8);
    FIELD(say_len, 72, 8);
    FIELD(note, 80, 8);
    FIELD(note_len, 88, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_flow_info(void **state)
{
    (void)state;
    LAYOUT(tousu_flow_info, 72);
    FIELD(struct_size, 0, 8);
    FIELD(id, 8, 4);
    FIELD(start, 12, 4);
    FIELD(n_nodes, 16, 4);
    FIELD(reserved_, 20, 4);
    FIELD(key, 24, 8);
    FIELD(key_len, 32, 8);
    FIELD(title, 40, 8);
    FIELD(title_len, 48, 8);
    FIELD(rule, 56, 8);
    FIELD(rule_len, 64, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_flow_node(void **state)
{
    (void)state;
    LAYOUT(tousu_flow_node, 72);
    FIELD(struct_size, 0, 8);
    FIELD(flow, 8, 4);
    FIELD(node, 12, 4);
    FIELD(n_answers, 16, 4);
    FIELD(reserved_, 20, 4);
    FIELD(question, 24, 8);
    FIELD(question_len, 32, 8);
    FIELD(say, 40, 8);
    FIELD(say_len, 48, 8);
    FIELD(note, 56, 8);
    FIELD(note_len, 64, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_turn(void **state)
{
    (void)state;
    LAYOUT(tousu_turn, 40);
    FIELD(speaker, 0, 4);
    FIELD(reserved_, 4, 4);
    FIELD(start_ms, 8, 8);
    FIELD(end_ms, 16, 8);
    FIELD(text, 24, 8);
    FIELD(text_len, 32, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_call(void **state)
{
    (void)state;
    LAYOUT(tousu_call, 72);
    FIELD(struct_size, 0, 8);
    FIELD(rings, 8, 4);
    FIELD(hung_up_by, 12, 4);
    FIELD(end_ms, 16, 8);
    FIELD(turns, 24, 8);
    FIELD(n_turns, 32, 8);
    FIELD(turn_size, 40, 8);
    FIELD(agent_no, 48, 8);
    FIELD(agent_no_len, 56, 8);
    FIELD(flags, 64, 4);
    FIELD(reserved_, 68, 4);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_qa_check_item(void **state)
{
    (void)state;
    LAYOUT(tousu_qa_check_item, 32);
    FIELD(status, 0, 4);
    FIELD(weight, 4, 4);
    FIELD(missing, 8, 4);
    FIELD(turn, 12, 4);
    FIELD(value, 16, 8);
    FIELD(value2, 24, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_qa_hit(void **state)
{
    (void)state;
    LAYOUT(tousu_qa_hit, 32);
    FIELD(turn, 0, 4);
    FIELD(phrase, 4, 4);
    FIELD(family, 8, 4);
    FIELD(reserved_, 12, 4);
    FIELD(offset, 16, 8);
    FIELD(length, 24, 8);
}

/* R-HOST-5 */
static void test_R_HOST_5_layout_qa_result(void **state)
{
    (void)state;
    LAYOUT(tousu_qa_result, 752);
    FIELD(struct_size, 0, 8);
    FIELD(score, 8, 4);
    FIELD(max_score, 12, 4);
    FIELD(passed, 16, 4);
    FIELD(report_to_manager, 20, 4);
    FIELD(items, 24, 192);
    FIELD(n_hits, 216, 4);
    FIELD(n_hits_kept, 220, 4);
    FIELD(hits, 224, 512);
    FIELD(err_turn, 736, 4);
    FIELD(reserved_, 740, 4);
    FIELD(err_offset, 744, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_HOST_5_layout_history),
        cmocka_unit_test(test_R_HOST_5_layout_window),
        cmocka_unit_test(test_R_HOST_5_layout_intake),
        cmocka_unit_test(test_R_HOST_5_layout_archive),
        cmocka_unit_test(test_R_HOST_5_layout_store_ops),
        cmocka_unit_test(test_R_HOST_5_layout_host),
        cmocka_unit_test(test_R_HOST_5_layout_reason),
        cmocka_unit_test(test_R_HOST_5_layout_evidence),
        cmocka_unit_test(test_R_HOST_5_layout_signal),
        cmocka_unit_test(test_R_HOST_5_layout_load_error),
        cmocka_unit_test(test_R_HOST_5_layout_contact),
        cmocka_unit_test(test_R_HOST_5_layout_result),
        cmocka_unit_test(test_R_HOST_5_layout_day_info),
        cmocka_unit_test(test_R_HOST_5_layout_clock_status),
        cmocka_unit_test(test_R_HOST_5_layout_plan_status),
        cmocka_unit_test(test_R_HOST_5_layout_match),
        cmocka_unit_test(test_R_HOST_5_layout_phrase_info),
        cmocka_unit_test(test_R_HOST_5_layout_vars),
        cmocka_unit_test(test_R_HOST_5_layout_situation_info),
        cmocka_unit_test(test_R_HOST_5_layout_step_info),
        cmocka_unit_test(test_R_HOST_5_layout_flow_info),
        cmocka_unit_test(test_R_HOST_5_layout_flow_node),
        cmocka_unit_test(test_R_HOST_5_layout_turn),
        cmocka_unit_test(test_R_HOST_5_layout_call),
        cmocka_unit_test(test_R_HOST_5_layout_qa_check_item),
        cmocka_unit_test(test_R_HOST_5_layout_qa_hit),
        cmocka_unit_test(test_R_HOST_5_layout_qa_result),
    };
    return cmocka_run_group_tests_name("abi_layout", tests, NULL, NULL);
}
