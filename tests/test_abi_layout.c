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
static void test_R_HOST_5_layout_contact(void **state)
{
    (void)state;
    LAYOUT(tousu_contact, 184);
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
    FIELD(reserved_, 128, 4);
    FIELD(staff_id, 136, 8);
    FIELD(staff_level, 144, 4);
    FIELD(reserved2_, 148, 4);
    FIELD(account_manager_id, 152, 8);
    FIELD(special_deadline_ms, 160, 8);
    FIELD(text, 168, 8);
    FIELD(text_len, 176, 8);
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
static void test_R_HOST_5_layout_result(void **state)
{
    (void)state;
    LAYOUT(tousu_result, 1216);
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
    FIELD(reasons, 80, 256);
    FIELD(n_evidence, 336, 4);
    FIELD(evidence, 344, 576);
    FIELD(n_recused, 920, 4);
    FIELD(recused, 928, 32);
    FIELD(needs_coordination, 960, 4);
    FIELD(coord_departments, 964, 4);
    FIELD(n_coord_regions, 968, 4);
    FIELD(coord_regions, 972, 32);
    FIELD(followup, 1004, 4);
    FIELD(followup_of, 1008, 8);
    FIELD(repeat_of, 1016, 8);
    FIELD(repeat_archived_ms, 1024, 8);
    FIELD(repeat_since_ms, 1032, 8);
    FIELD(batch, 1040, 4);
    FIELD(batch_ordinary, 1044, 4);
    FIELD(batch_vip, 1048, 4);
    FIELD(batch_members, 1052, 4);
    FIELD(batch_window_start_ms, 1056, 8);
    FIELD(manage_code, 1064, 4);
    FIELD(spend_code, 1068, 4);
    FIELD(industry, 1072, 4);
    FIELD(tier, 1076, 4);
    FIELD(suggested_kinds, 1080, 4);
    FIELD(n_signals, 1084, 4);
    FIELD(signals, 1088, 128);
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
        cmocka_unit_test(test_R_HOST_5_layout_contact),
        cmocka_unit_test(test_R_HOST_5_layout_reason),
        cmocka_unit_test(test_R_HOST_5_layout_evidence),
        cmocka_unit_test(test_R_HOST_5_layout_signal),
        cmocka_unit_test(test_R_HOST_5_layout_result),
    };
    return cmocka_run_group_tests_name("abi_layout", tests, NULL, NULL);
}
