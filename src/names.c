/*
 * names.c - static names of the enumerations, English with the norms'
 * Chinese term, for logs and supervisor-facing text.
 */
#include "internal.h"

#define NAME_OF(table, v)                                                                        \
    (((v) >= 0 && (size_t)(v) < sizeof(table) / sizeof((table)[0]) && (table)[(v)])            \
         ? (table)[(v)]                                                                          \
         : "?")

const char *tousu_kind_name(int32_t kind)
{
    static const char *const names[TOUSU_KIND_COUNT_] = {
        "major (重大)",           "leapfrog (越级)",          "batch (批量)",
        "repeat (重复)",          "upgraded (升级)",          "cross-region (跨区)",
        "important customer (重要客户)", "sensitive customer (敏感客户)",
        "special deadline (特别时限)"};
    return NAME_OF(names, kind);
}

const char *tousu_category_name(int32_t category)
{
    static const char *const names[TOUSU_CAT_COUNT_] = {
        "unset", "consultation (咨询)", "complaint (投诉)", "fault report (故障申告)",
        "serious complaint or dispute (严重投诉/纠纷)", "suggestion (建议)"};
    return NAME_OF(names, category);
}

const char *tousu_level_name(int32_t level)
{
    static const char *const names[TOUSU_LEVEL_COUNT_] = {
        "front-line agent (一线坐席)", "supervisor (班长/客户经理主管)", "city branch (分公司)",
        "provincial company (省公司)", "group company (集团公司)"};
    return NAME_OF(names, level);
}

const char *tousu_reason_name(int32_t code)
{
    static const char *const names[TOUSU_REASON_COUNT_] = {
        "intake",           "leapfrog body",     "needs another city",
        "needs another province", "repeat complaint", "upgraded by the branch",
        "complaint about staff", "account manager dispute (recusal)",
        "not resolvable on the spot", "SLA stage breached"};
    return NAME_OF(names, code);
}

const char *tousu_body_name(int32_t body)
{
    static const char *const names[TOUSU_BODY_COUNT_] = {
        "the branch itself",
        "city government department (市级政府部门)",
        "city media (市级媒体)",
        "city consumer association (市消委会)",
        "provincial company leaders (省公司领导)",
        "provincial supervision hotline (省监督热线)",
        "provincial government (省级政府部门)",
        "provincial media (省级媒体)",
        "provincial consumer association (省消委会)",
        "provincial communications administration (省通信管理局)",
        "group company (集团公司)",
        "national regulator (工信部/12300)",
        "national media (全国性媒体)"};
    return NAME_OF(names, body);
}

const char *tousu_channel_name(int32_t channel)
{
    static const char *const names[TOUSU_CH_COUNT_] = {
        "unset",   "service hall (营业厅)", "hotline (热线)", "account manager (客户经理)",
        "website (网站)", "petition visit (上访)", "phone call (来电)", "fax (传真)",
        "letter (信函)", "media (媒体)", "on site (现场)"};
    return NAME_OF(names, channel);
}
