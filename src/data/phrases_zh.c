/*
 * phrases_zh.c - built-in forbidden phrases 服务禁忌用语 (R-SCR-7, seed 001
 * section 四.2(3)) and the "I instead of you" rewrites (R-SCR-8, seed 002).
 *
 * Each phrase is carried as agents actually say it; where the seed's text
 * was machine-reworded (究竟 for 到底, 清晰 for 清楚, 故意见 for 有意见,
 * 咱们 for 我们, 不懂得 for 不知道, 你有无搞错 for 你有没有搞错, 我就这样态度
 * for 我就这个态度, 这样罗嗦 for 这么罗嗦, 如何 for 怎么, ...) the seed's
 * wording follows as a variant (variant_of = the main text). The short
 * questions (什么？ 怎么样？ 为什么？ 怎么？ 说什么？) count only as a whole
 * clause. Punctuation inside a phrase is written as in the seed; matching
 * ignores it. docs/words.md lists the decisions.
 */
#include "../words.h"

#define CL TOUSU_PAT_CLAUSE
#define CE TOUSU_PAT_CLAUSE_END

/* R-SCR-8 rewrites (seed 002 多用"我"来代替"您") and the polite forms of
 * seeds 001/003 used for the questioning phrases. */
#define RW_NOT_HEARD "对不起，我没有听明白，请您再说一遍好吗？"
#define RW_GREET     "您好"

const tz_phrase tz_zh_phrases[] = {
    /* 对客户直呼 */
    {TOUSU_FAM_BLUNT, 0, "喂", RW_GREET, ""},
    {TOUSU_FAM_BLUNT, 0, "嘿", RW_GREET, ""},

    /* 质问、谴责或反问客户 A: short questions, whole clauses only */
    {TOUSU_FAM_QUESTIONING, CL, "什么？", RW_NOT_HEARD, ""},
    {TOUSU_FAM_QUESTIONING, CL, "怎么样？", "", ""},
    {TOUSU_FAM_QUESTIONING, CL, "什么怎么样？", "",
     "什么？"}, /* seed: two questions run together */
    {TOUSU_FAM_QUESTIONING, CL, "为什么？", "", ""},
    {TOUSU_FAM_QUESTIONING, CL, "说什么？", RW_NOT_HEARD, ""},
    {TOUSU_FAM_QUESTIONING, CL, "怎么？", "", ""},
    {TOUSU_FAM_QUESTIONING, CL, "如何？", "", "怎么？"},
    {TOUSU_FAM_QUESTIONING, CE, "你说什么？", RW_NOT_HEARD, ""},
    /* B */
    {TOUSU_FAM_QUESTIONING, 0, "你到底在说什么？", RW_NOT_HEARD, ""},
    {TOUSU_FAM_QUESTIONING, 0, "你究竟在说什么？", RW_NOT_HEARD, "你到底在说什么？"},
    {TOUSU_FAM_QUESTIONING, 0, "你不是要查什么吗？", "", ""},
    {TOUSU_FAM_QUESTIONING, 0, "你到底想查什么？", "", ""},
    {TOUSU_FAM_QUESTIONING, 0, "你究竟想查什么？", "", "你到底想查什么？"},
    {TOUSU_FAM_QUESTIONING, 0, "你到底想怎么样？", "", ""},
    {TOUSU_FAM_QUESTIONING, 0, "你究竟想怎么样？", "", "你到底想怎么样？"},
    {TOUSU_FAM_QUESTIONING, 0, "你到底要不要查？", "", ""},
    {TOUSU_FAM_QUESTIONING, 0, "你到你要不要查？", "", "你到底要不要查？"},
    {TOUSU_FAM_QUESTIONING, 0, "你到底要不要听我说？", "", ""},
    {TOUSU_FAM_QUESTIONING, 0, "你究竟要不要听我说？", "", "你到底要不要听我说？"},
    {TOUSU_FAM_QUESTIONING, 0, "你听不听我说？", "", ""},
    /* C (你问我，我问谁？ is also listed under 态度傲慢 C; carried once) */
    {TOUSU_FAM_QUESTIONING, 0, "你问我，我问谁？", "", ""},
    {TOUSU_FAM_QUESTIONING, 0, "我态度怎么样？", "", ""},

    /* 态度傲慢、厌烦 (G 你究竟想怎么样 is carried under 质问 B) */
    {TOUSU_FAM_ARROGANT, 0, "不行就是不行", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "我就这个态度！", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "我就这样态度！", "", "我就这个态度！"},
    {TOUSU_FAM_ARROGANT, 0, "我态度哪里不好", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "没法查，我没办法。", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "有意见找领导去", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "故意见找领导去", "", "有意见找领导去"},
    {TOUSU_FAM_ARROGANT, 0, "要告就告去", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "用不起就别用", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "你有什么了不起", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "你有没有搞错", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "你有无搞错", "", "你有没有搞错"},
    {TOUSU_FAM_ARROGANT, 0, "你这人怎么这样说话", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "你怎么这么罗嗦", "", ""},
    {TOUSU_FAM_ARROGANT, 0, "你怎么这么啰嗦", "", "你怎么这么罗嗦"},
    {TOUSU_FAM_ARROGANT, 0, "你怎么这样罗嗦", "", "你怎么这么罗嗦"},

    /* 推诿客户 */
    {TOUSU_FAM_EVASIVE, 0, "我不清楚", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "我不清晰", "", "我不清楚"},
    {TOUSU_FAM_EVASIVE, 0, "我不知道", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "我不懂得", "", "我不知道"},
    {TOUSU_FAM_EVASIVE, 0, "你找别的地方问", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "你找XX地方问", "", "你找别的地方问"},
    {TOUSU_FAM_EVASIVE, 0, "这不是我办的", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "这不是我办理", "", "这不是我办的"},
    {TOUSU_FAM_EVASIVE, 0, "我们公司就是这样规定", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "咱们公司就是这样规定", "", "我们公司就是这样规定"},
    {TOUSU_FAM_EVASIVE, 0, "这不关我的事", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "这不关我事", "", "这不关我的事"},
    {TOUSU_FAM_EVASIVE, 0, "这不是我的错", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "这不是我错", "", "这不是我的错"},
    {TOUSU_FAM_EVASIVE, 0, "没这回事", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "你打别的电话去查", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "你拨XX电话去查", "", "你打别的电话去查"},
    {TOUSU_FAM_EVASIVE, 0, "我没法查，我也没办法", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "你自己先查清楚", "", ""},
    {TOUSU_FAM_EVASIVE, 0, "你自己先查清晰", "", "你自己先查清楚"},

    /* seed 002: blaming phrases and their rewrites (R-SCR-8) */
    {TOUSU_FAM_BLAMING, 0, "您搞错了", "我觉得我们的沟通存在误解", ""},
    {TOUSU_FAM_BLAMING, 0, "你搞错了", "我觉得我们的沟通存在误解", "您搞错了"},
    {TOUSU_FAM_BLAMING, 0, "我已经说得很清楚了", "对不起，或许是我未解释清楚，令您误解了", ""},
    {TOUSU_FAM_BLAMING, 0, "您听明白了吗？", "我解释清楚了吗？", ""},
    {TOUSU_FAM_BLAMING, 0, "你听明白了吗？", "我解释清楚了吗？", "您听明白了吗？"},
    {TOUSU_FAM_BLAMING, 0, "您把我搞糊涂了", "我被搞糊涂了", ""},
    {TOUSU_FAM_BLAMING, 0, "你把我搞糊涂了", "我被搞糊涂了", "您把我搞糊涂了"},
    {TOUSU_FAM_BLAMING, 0, "啊，你说什么？", RW_NOT_HEARD, ""},
};

const size_t tz_zh_n_phrases = sizeof tz_zh_phrases / sizeof tz_zh_phrases[0];
