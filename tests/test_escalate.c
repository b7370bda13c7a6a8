/* test_escalate.c - who must own it: R-ESC, R-XRG, R-CLS-8. */
#include "helpers.h"

static int setup(void **state)
{
    *state = new_engine();
    return 0;
}

static int teardown(void **state)
{
    tousu_engine_free(*state);
    return 0;
}

static int64_t T0;

/* R-ESC-1: five levels, lowest first, with names. */
static void test_R_ESC_1_levels(void **state)
{
    (void)state;
    assert_int_equal(TOUSU_LEVEL_AGENT, 0);
    assert_int_equal(TOUSU_LEVEL_GROUP, 4);
    assert_non_null(strstr(tousu_level_name(TOUSU_LEVEL_CITY), "city"));
    assert_non_null(strstr(tousu_level_name(TOUSU_LEVEL_PROVINCE), "provincial"));
    assert_string_equal(tousu_level_name(5), "?");
    assert_string_equal(tousu_level_name(-1), "?");
}

/* R-ESC-2: the highest level demanded wins, and every reason is listed. */
static void test_R_ESC_2_highest_level_and_every_reason(void **state)
{
    tousu_contact c = complaint(1, 1, 0, T0);
    c.body = TOUSU_BODY_CITY_GOVERNMENT;   /* demands 2 */
    c.flags |= TOUSU_F_NOT_ON_SPOT;        /* demands 1 */
    c.flags |= TOUSU_F_UPGRADED;           /* demands 3 */
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE);
    assert_true(has_reason(&r, TOUSU_REASON_INTAKE, TOUSU_LEVEL_AGENT));
    assert_true(has_reason(&r, TOUSU_REASON_LEAPFROG, TOUSU_LEVEL_CITY));
    assert_true(has_reason(&r, TOUSU_REASON_NOT_ON_SPOT, TOUSU_LEVEL_SUPERVISOR));
    assert_true(has_reason(&r, TOUSU_REASON_UPGRADED, TOUSU_LEVEL_PROVINCE));
    assert_int_equal(r.n_reasons, 4);
}

/* R-ESC-3 (seed 000): the account manager's failed handling became a
 * dispute: a supervisor takes it, the manager must not. */
static void test_R_ESC_3_manager_dispute_recusal(void **state)
{
    tousu_contact c = complaint(2, 2, 0, T0);
    c.flags |= TOUSU_F_MANAGER_DISPUTE;
    c.channel = TOUSU_CH_ACCOUNT_MANAGER;
    c.account_manager_id = 9001;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_SUPERVISOR);
    assert_true(has_reason(&r, TOUSU_REASON_MANAGER_DISPUTE, TOUSU_LEVEL_SUPERVISOR));
    assert_int_equal(r.n_recused, 1);
    assert_int_equal(r.recused[0], 9001);
}

/* R-ESC-3 (seed 003): a complaint about a staff member goes one level above
 * that staff member, never to them. */
static void test_R_ESC_3_staff_complaint(void **state)
{
    tousu_contact c = complaint(3, 3, 0, T0);
    c.staff_id = 4242;
    c.staff_level = TOUSU_LEVEL_SUPERVISOR;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_CITY);
    assert_true(has_reason(&r, TOUSU_REASON_STAFF_COMPLAINT, TOUSU_LEVEL_CITY));
    assert_int_equal(r.recused[0], 4242);
    c.contact_id = 4;
    c.staff_level = 5;
    tousu_result r2 = new_result();
    assert_int_equal(tousu_triage(*state, &c, &r2), TOUSU_ERANGE);
}

/* R-ESC-4: not resolvable on the spot: recorded and handed one level up. */
static void test_R_ESC_4_not_on_spot(void **state)
{
    tousu_contact c = complaint(5, 5, 0, T0);
    c.flags |= TOUSU_F_NOT_ON_SPOT;
    tousu_result r = triage_ok(*state, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_SUPERVISOR);
    assert_false(r.urgent); /* handing up does not by itself make it urgent */
}

/* R-ESC-6: other departments mean a coordination form, naming them. */
static void test_R_ESC_6_coordination_departments(void **state)
{
    tousu_contact c = complaint(6, 6, 0, T0);
    tousu_result r = triage_ok(*state, &c);
    assert_false(r.needs_coordination);
    c.contact_id = 7;
    c.departments = TOUSU_DEPT_BILLING | TOUSU_DEPT_NETWORK;
    r = triage_ok(*state, &c);
    assert_true(r.needs_coordination);
    assert_int_equal(r.coord_departments, TOUSU_DEPT_BILLING | TOUSU_DEPT_NETWORK);
}

/* R-XRG-1, R-CLS-8: another city in the province -> provincial company. */
static void test_R_XRG_1_cross_city(void **state)
{
    tousu_contact c = complaint(8, 8, 0, T0);
    c.needed_regions[0] = 440300; /* Shenzhen, handled in Guangzhou 440100 */
    c.n_needed_regions = 1;
    tousu_result r = triage_ok(*state, &c);
    assert_true(has_kind(&r, TOUSU_KIND_CROSS_REGION));
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE);
    assert_true(has_reason(&r, TOUSU_REASON_CROSS_CITY, TOUSU_LEVEL_PROVINCE));
    assert_true(r.needs_coordination); /* R-ESC-6 */
    assert_int_equal(r.n_coord_regions, 1);
    assert_int_equal(r.coord_regions[0], 440300);
}

/* R-XRG-2, R-CLS-8: another province -> group company. */
static void test_R_XRG_2_cross_province(void **state)
{
    tousu_contact c = complaint(9, 9, 0, T0);
    c.needed_regions[0] = 440300;
    c.needed_regions[1] = 310000; /* Shanghai */
    c.n_needed_regions = 2;
    tousu_result r = triage_ok(*state, &c);
    assert_true(has_kind(&r, TOUSU_KIND_CROSS_REGION));
    assert_int_equal(r.level, TOUSU_LEVEL_GROUP);
    assert_true(has_reason(&r, TOUSU_REASON_CROSS_PROVINCE, TOUSU_LEVEL_GROUP));
    assert_int_equal(r.n_coord_regions, 2);
}

/* R-XRG-3: codes are six-digit divisions; the same city (another district)
 * is not cross-region; a customer of another province is. */
static void test_R_XRG_3_region_codes(void **state)
{
    tousu_contact c = complaint(10, 10, 0, T0);
    c.needed_regions[0] = 440106; /* a district of Guangzhou */
    c.n_needed_regions = 1;
    tousu_result r = triage_ok(*state, &c);
    assert_false(has_kind(&r, TOUSU_KIND_CROSS_REGION));
    c.contact_id = 11;
    c.n_needed_regions = 0;
    c.customer_region = 110000; /* a Beijing customer handled in Guangzhou */
    r = triage_ok(*state, &c);
    assert_true(has_kind(&r, TOUSU_KIND_CROSS_REGION));
    c.contact_id = 12;
    c.customer_region = 1000000;
    tousu_result r2 = new_result();
    assert_int_equal(tousu_triage(*state, &c, &r2), TOUSU_ERANGE);
    c.customer_region = 440100;
    c.n_needed_regions = TOUSU_MAX_REGIONS + 1;
    assert_int_equal(tousu_triage(*state, &c, &r2), TOUSU_ERANGE);
}

/* R-ESC-2: levels of each rule are policy parameters. */
static void test_R_ESC_2_levels_are_parameters(void **state)
{
    (void)state;
    tousu_policy *p = NULL;
    assert_int_equal(tousu_policy_new(&p), TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_LEAP_LEVEL_BASE + TOUSU_BODY_CITY_MEDIA,
                                          TOUSU_LEVEL_PROVINCE),
                     TOUSU_OK);
    assert_int_equal(tousu_policy_set_int(p, TOUSU_P_LEVEL_CROSS_CITY, 5), TOUSU_ERANGE);
    int64_t v = 0;
    assert_int_equal(tousu_policy_get_int(p, TOUSU_P_LEVEL_CROSS_PROVINCE, &v), TOUSU_OK);
    assert_int_equal(v, TOUSU_LEVEL_GROUP);
    assert_int_equal(tousu_policy_get_int(p, 9999, &v), TOUSU_ENOTFOUND);
    tousu_engine *e = NULL;
    assert_int_equal(tousu_engine_new(&e, NULL, p), TOUSU_OK);
    tousu_contact c = complaint(1, 1, 0, T0);
    c.body = TOUSU_BODY_CITY_MEDIA;
    tousu_result r = triage_ok(e, &c);
    assert_int_equal(r.level, TOUSU_LEVEL_PROVINCE);
    tousu_engine_free(e);
    tousu_policy_free(p);
}

int main(void)
{
    T0 = at(2025, 7, 1, 10, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_ESC_1_levels),
        cmocka_unit_test(test_R_ESC_2_highest_level_and_every_reason),
        cmocka_unit_test(test_R_ESC_3_manager_dispute_recusal),
        cmocka_unit_test(test_R_ESC_3_staff_complaint),
        cmocka_unit_test(test_R_ESC_4_not_on_spot),
        cmocka_unit_test(test_R_ESC_6_coordination_departments),
        cmocka_unit_test(test_R_XRG_1_cross_city),
        cmocka_unit_test(test_R_XRG_2_cross_province),
        cmocka_unit_test(test_R_XRG_3_region_codes),
        cmocka_unit_test(test_R_ESC_2_levels_are_parameters),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
