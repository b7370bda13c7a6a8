/*
 * scripts_zh.c - built-in zh-CN scripts: every situation and step of the
 * seeds (R-SCR-1..6, 9, 11; seed 001 电话礼仪, seed 000 投诉处理, seed 003
 * 电话用语规范, seed 002 常用专业术语). Seed wording is kept; where the seed
 * was machine-reworded or cut off, the usual wording is restored (e.g. 其他
 * for 其她, 再见 for 再会, "欢迎您再次来电" for the cut "欢迎您再次").
 * Placeholders: {surname} {title} {agent_no} {company} {deadline} {hours}
 * {agent_name} {phone}; {name|default} gives a default.
 * Columns: situation, step, flags, pause_ms, hangup_ms, limit_ms, when, say,
 * note.
 */
#include "../words.h"

#define ALT  TOUSU_STEP_ALTERNATIVE
#define HANG TOUSU_STEP_HANG_UP
#define WAIT TOUSU_STEP_WAIT_ANSWER
#define ACT  TOUSU_STEP_ACTION
#define CB   TOUSU_STEP_OFFER_CALLBACK
#define REP  TOUSU_STEP_REPORT
#define MR   "{surname}{title|先生/女士}"

const tz_situation tz_zh_situations[] = {
    {TOUSU_SIT_OPENING, "opening", "开头语", "R-SCR-1"},
    {TOUSU_SIT_CLOSING, "closing", "结束语", "R-SCR-4"},
    {TOUSU_SIT_PHONE_COMPLAINT, "phone_complaint", "电话受理投诉", "R-SCR-2"},
    {TOUSU_SIT_ONSITE_COMPLAINT, "onsite_complaint", "现场处理投诉", "R-SCR-3"},
    {TOUSU_SIT_ONSITE_REPAIR, "onsite_repair", "现场维修", "R-SCR-3"},
    {TOUSU_SIT_AFTER_COMPLAINT, "after_complaint", "投诉处理之后", "R-SCR-3"},
    {TOUSU_SIT_PRINCIPLES, "principles", "服务原则", "R-SCR-11"},
    {TOUSU_SIT_HANDLING, "handling", "投诉处理套路", "R-SCR-9"},
    {TOUSU_SIT_SILENT_CALL, "silent_call", "无声电话", "R-SCR-4"},
    {TOUSU_SIT_NOISY_LINE, "noisy_line", "电话杂音较大", "R-SCR-4"},
    {TOUSU_SIT_WEAK_SIGNAL, "weak_signal", "信号不好，无法听清", "R-SCR-4"},
    {TOUSU_SIT_SPEAKERPHONE, "speakerphone", "客户使用免提", "R-SCR-4"},
    {TOUSU_SIT_UNCLEAR_WORDS, "unclear_words", "客户声音不清晰", "R-SCR-4"},
    {TOUSU_SIT_CANNOT_HEAR, "cannot_hear", "客户表示听不清", "R-SCR-4"},
    {TOUSU_SIT_NO_RESPONSE, "no_response", "解答过程中客户无回应", "R-SCR-4"},
    {TOUSU_SIT_NOT_UNDERSTOOD, "not_understood", "解答后客户没有听明白", "R-SCR-4"},
    {TOUSU_SIT_OUTAGE, "outage", "设备故障、大面积障碍", "R-SCR-4"},
    {TOUSU_SIT_WAIT, "wait", "需要客户等待", "R-SCR-4"},
    {TOUSU_SIT_WAIT_END, "wait_end", "示忙完毕", "R-SCR-4"},
    {TOUSU_SIT_HOTLINE_BUSY, "hotline_busy", "热线难拨通", "R-SCR-4"},
    {TOUSU_SIT_PASS_ON, "pass_on", "接到疑问，转专业人员", "R-SCR-4"},
    {TOUSU_SIT_SWEARING, "swearing", "客户破口大骂", "R-SCR-4"},
    {TOUSU_SIT_STAFF_COMPLAINT, "staff_complaint", "客户投诉工作人员", "R-SCR-4"},
    {TOUSU_SIT_SUGGESTION, "suggestion", "客户提出建议", "R-SCR-4"},
    {TOUSU_SIT_THANKS, "thanks", "客户表示感谢", "R-SCR-4"},
    {TOUSU_SIT_WAITING_PHRASES, "waiting_phrases", "等待语", "R-SCR-5"},
    {TOUSU_SIT_EMPATHY_SHARED, "empathy_shared", "感同身受型", "R-SCR-6"},
    {TOUSU_SIT_EMPATHY_VALUED, "empathy_valued", "被重视型", "R-SCR-6"},
    {TOUSU_SIT_EMPATHY_SIDE, "empathy_side", "站在客户的角度", "R-SCR-6"},
    {TOUSU_SIT_EMPATHY_SOOTHE, "empathy_soothe", "哄客户", "R-SCR-6"},
    {TOUSU_SIT_EMPATHY_PRAISE, "empathy_praise", "表扬客户", "R-SCR-6"},
    {TOUSU_SIT_EMPATHY_OTHER, "empathy_other", "其他类型", "R-SCR-6"},
    {TOUSU_SIT_I_NOT_YOU, "i_not_you", "多用“我”来代替“您”", "R-SCR-8"},
};

const size_t tz_zh_n_situations = sizeof tz_zh_situations / sizeof tz_zh_situations[0];

const tz_step tz_zh_steps[] = {
    /* R-SCR-1 (seed 001: 振铃声不应超过三声; 必须报工号; 讲普通话) */
    {TOUSU_SIT_OPENING, 1, ALT, 0, 0, 0, "接听电话（振铃不超过三声）",
     "您好，{company}，{agent_no}号客服为您服务！", "必须报工号；讲普通话，语调亲切诚恳"},
    {TOUSU_SIT_OPENING, 2, ALT, 0, 0, 0, "售后服务应答客户时", "您好，很高兴为您服务！",
     "语调稍微上扬，将热情、朝气传递给客户"},

    /* R-SCR-4 closing, R-QA-3 */
    {TOUSU_SIT_CLOSING, 1, WAIT, 0, 0, 0, "服务结束时", "请问您还有其他问题吗？", "等客户回答"},
    {TOUSU_SIT_CLOSING, 2, ALT | WAIT, 0, 0, 0, "服务结束时", "您看还需要其他帮助吗？",
     "等客户回答"},
    {TOUSU_SIT_CLOSING, 3, 0, 0, 0, 0, "客户表示不需要了",
     "祝您愉快，谢谢！{agent_no}号客服，再见！", "结束语必须报工号"},
    {TOUSU_SIT_CLOSING, 4, ACT, 0, 0, 0, "", "", "要等客户先行挂断电话"},

    /* R-SCR-2 (seed 000 电话受理投诉) */
    {TOUSU_SIT_PHONE_COMPLAINT, 1, ACT, 0, 0, 0, "倾听", "",
     "语气平和，语音甜美、语速适中，让客户把话讲完，特别是在客户情绪比较激动时；不打断"},
    {TOUSU_SIT_PHONE_COMPLAINT, 2, 0, 0, 0, 0, "致歉", "对不起，给您添麻烦了。",
     "无论客户正确与否，先行诚恳致歉，平息客户不满"},
    {TOUSU_SIT_PHONE_COMPLAINT, 3, WAIT, 0, 0, 0, "记录", "您的意思是不是这样……？",
     "将客户讲话的内容复述一遍并确认，把投诉内容记录清楚"},
    {TOUSU_SIT_PHONE_COMPLAINT, 4, 0, 0, 0, 0, "答复", "我们会在{deadline}之内给您答复。",
     "明确告知解决方案或解决时限"},
    {TOUSU_SIT_PHONE_COMPLAINT, 5, 0, 0, 0, 0, "再次致歉",
     "再次向您表示歉意，给您带来不便，请您谅解。", "再次致歉易于拉近和客户之间的距离"},
    {TOUSU_SIT_PHONE_COMPLAINT, 6, 0, 0, 0, 0, "话别", "感谢您的来电，再见！",
     "要等客户先行挂断电话"},

    /* R-SCR-3 (seed 000 现场处理投诉: 询问、受理、确认) */
    {TOUSU_SIT_ONSITE_COMPLAINT, 1, 0, 0, 0, 0, "询问",
     MR "，对不起，我是{company}的客户经理{agent_name}，您有什么问题？",
     "不论是何原因向客户致歉；语气平和，语速适中，让客户把话讲完"},
    {TOUSU_SIT_ONSITE_COMPLAINT, 2, 0, 0, 0, 0, "询问",
     "您请坐，先消消气。有什么问题请讲，我一定尽力为您解决。", "让客户平静下来"},
    {TOUSU_SIT_ONSITE_COMPLAINT, 3, 0, 0, 0, 0, "受理", "您的意思是不是这样……",
     "倾听客户诉说，适当重复、确认，并作笔录；尽量当场解决；距离保持在一米之内；"
     "不得在客户面前评论公司、其他部门、其他同事的工作失误"},
    {TOUSU_SIT_ONSITE_COMPLAINT, 4, ALT, 0, 0, 0, "受理", "您看这样行吗？", "多用商量的语气"},
    {TOUSU_SIT_ONSITE_COMPLAINT, 5, ALT, 0, 0, 0, "受理", "我落实一下，尽快与您联系好吗？",
     "多用商量的语气"},
    {TOUSU_SIT_ONSITE_COMPLAINT, 6, ALT, 0, 0, 0, "受理", "我这就为您解决……", ""},
    {TOUSU_SIT_ONSITE_COMPLAINT, 7, 0, 0, 0, 0, "确认",
     "请您在这里签字，非常感谢您对我们工作的支持和关心！",
     "请用户签字确认投诉接待记录并致谢；处理未果形成争执时执行当事人回避制，"
     "另择他人或主管处理；不能当时解决的作好记录，交由上级负责处理"},

    /* R-SCR-3 on-site repair (seed 000 现场维修) */
    {TOUSU_SIT_ONSITE_REPAIR, 1, 0, 0, 0, 0, "到达现场", "对不起，给您添麻烦了。",
     "主动道歉并做好安抚客户工作"},
    {TOUSU_SIT_ONSITE_REPAIR, 2, WAIT, 0, 0, 0, "询问故障", "请您说一下故障的情况，好吗？",
     "询问故障现象，协助确定维修方案"},
    {TOUSU_SIT_ONSITE_REPAIR, 3, ACT, 0, 0, 0, "维修期间", "",
     "除极特殊情况外坚守现场，随时关注事态发展，及时提供外部支援"},
    {TOUSU_SIT_ONSITE_REPAIR, 4, ACT, 0, 0, 0, "修复后", "",
     "与客户及相关部门研讨防患方法，通过善后工作加强客户的信任和理解"},

    /* R-SCR-3 after a complaint (seed 000) */
    {TOUSU_SIT_AFTER_COMPLAINT, 1, ACT, 0, 0, 0, "", "",
     "和以往相同的步调拜访大客户，不要逃避曾经让自己碰钉子的客户"},
    {TOUSU_SIT_AFTER_COMPLAINT, 2, ACT, 0, 0, 0, "", "", "不要一再道歉：事情已经解决"},
    {TOUSU_SIT_AFTER_COMPLAINT, 3, ACT, 0, 0, 0, "", "",
     "不可突然变得胆怯，对大客户言听计从：无谓的退让会贻误未来"},
    {TOUSU_SIT_AFTER_COMPLAINT, 4, ACT, 0, 0, 0, "", "", "不要试图为自己开脱：公司就是你"},
    {TOUSU_SIT_AFTER_COMPLAINT, 5, ACT, 0, 0, 0, "", "",
     "不要归罪别人：互相指责只能显现公司的混乱"},
    {TOUSU_SIT_AFTER_COMPLAINT, 6, ACT, 0, 0, 0, "需会同其他部门解决", "",
     "填写《大客户业务协调表》，在部门经理的协调下研究解决方案"},

    /* R-SCR-11 (seed 001, 000) */
    {TOUSU_SIT_PRINCIPLES, 1, ACT, 0, 0, 0, "", "", "可以不解决问题，但要安抚好客户"},
    {TOUSU_SIT_PRINCIPLES, 2, ACT, 0, 0, 0, "", "", "耐心倾听，避免争辩"},
    {TOUSU_SIT_PRINCIPLES, 3, WAIT, 0, 0, 0, "问题不能当即答复", "请问您怎么称呼？",
     "记录，并承诺答复的时间"},
    {TOUSU_SIT_PRINCIPLES, 4, 0, 0, 0, 0, "问题不能当即答复", "好，我会尽快与您联系。", ""},
    {TOUSU_SIT_PRINCIPLES, 5, ACT, 0, 0, 0, "", "",
     "不得在客户面前评论公司、其他部门、其他同事的工作失误"},
    {TOUSU_SIT_PRINCIPLES, 6, ACT, 0, 0, 0, "确实是公司原因", "", "必须诚恳道歉，不要推卸责任"},

    /* R-SCR-9 (seed 002 投诉处理的原则、套路) */
    {TOUSU_SIT_HANDLING, 1, ACT, 0, 0, 0, "", "", "依法处理是底线，合情合理才是标准"},
    {TOUSU_SIT_HANDLING, 2, ACT, 0, 0, 0, "", "", "细心聆听，不要一开始就做辩解"},
    {TOUSU_SIT_HANDLING, 3, ACT, 0, 0, 0, "顾客抱怨合理", "",
     "必须诚恳道歉；不要认为公司的规定都是对的"},
    {TOUSU_SIT_HANDLING, 4, ACT, 0, 0, 0, "", "", "不打断：打断只会火上浇油"},
    {TOUSU_SIT_HANDLING, 5, ACT, 0, 0, 0, "", "", "不要因为别人说话有口音就存在偏见"},
    {TOUSU_SIT_HANDLING, 6, ACT, 0, 0, 0, "", "",
     "认真倾听，准确记录，尽量不让客户重述；记录重要细节，如日期、时间、金额"},
    {TOUSU_SIT_HANDLING, 7, 0, 0, 0, 0, "适时做回应", "嗯，是这样啊……", ""},

    /* R-SCR-4 (seed 003): about 3 s between steps 1 and 2, hang up 2 s after 3 */
    {TOUSU_SIT_SILENT_CALL, 1, 0, 0, 0, 0, "应答后无声", "您好，您的电话已接通。", "保持微笑"},
    {TOUSU_SIT_SILENT_CALL, 2, 0, 3000, 0, 0, "仍无声",
     "您好，您的电话已接通，请问您能听见我的声音吗？", "间隔3秒左右"},
    {TOUSU_SIT_SILENT_CALL, 3, HANG, 0, 2000, 0, "仍听不到客户的回应",
     "对不起，听不到您的声音，请您换一部话机再拨，谢谢。", "停顿2秒后挂机"},

    {TOUSU_SIT_NOISY_LINE, 1, 0, 0, 0, 0, "杂音较大",
     "对不起，我听不清您的声音，麻烦您大声一点，好吗？", "微笑着提醒客户"},
    {TOUSU_SIT_NOISY_LINE, 2, 0, 0, 0, 0, "仍听不清",
     "对不起，我听不清您的声音，麻烦您大声一点，好吗？", "重复时语气要保持轻柔委婉"},
    {TOUSU_SIT_NOISY_LINE, 3, HANG, 0, 2000, 0, "确实无法听清",
     "对不起，电话声音太小，请您换一部电话再拨，好吗？", "停顿2秒后挂机"},

    {TOUSU_SIT_WEAK_SIGNAL, 1, 0, 0, 0, 0, "信号不好，无法听清",
     "对不起，信号比较弱，我听不清您的讲话，请您将手机换个方向再试一试，好吗？", ""},
    {TOUSU_SIT_WEAK_SIGNAL, 2, HANG, 0, 2000, 0, "还是听不清",
     "对不起，我听不清您的讲话，请您换一部话机再拨，好吗？", "停顿2秒后挂机"},

    {TOUSU_SIT_SPEAKERPHONE, 1, 0, 0, 0, 0, "使用免提无法听清",
     "对不起，您的声音太小，请您拿起话筒说话好吗？", ""},

    {TOUSU_SIT_UNCLEAR_WORDS, 1, ALT, 0, 0, 0, "只是个别字眼没有听清",
     "对不起，请问您的意思是……吗？", "与客户确认"},
    {TOUSU_SIT_UNCLEAR_WORDS, 2, ALT, 0, 0, 0, "只是个别字眼没有听清", "您是说……，对吗？",
     "与客户确认"},
    {TOUSU_SIT_UNCLEAR_WORDS, 3, ALT, 0, 0, 0, "完全没有听清",
     "对不起，我没听清您的讲话，请您重复一遍，好吗？谢谢！", "用征询的语气"},

    {TOUSU_SIT_CANNOT_HEAR, 1, 0, 0, 0, 0, "客户表示听不清", "请问有什么事情需要帮助吗？",
     "将话筒往嘴边拉近一点，稍微提高音量，确认客户能够听清了再说"},
    {TOUSU_SIT_CANNOT_HEAR, 2, ACT, 0, 0, 0, "声音已经足够大，客户仍无法听清", "",
     "请客户换一部话机再拨；不宜再提高音量，以免影响其他同事工作"},

    {TOUSU_SIT_NO_RESPONSE, 1, ALT, 0, 0, 0, "解答的步伐太快，客户的思维跟不上",
     MR "，我这样说，您明白吗？", "关切地问客户"},
    {TOUSU_SIT_NO_RESPONSE, 2, ALT, 0, 0, 0, "客户没有留意您的解答", MR "，您能听清我说话吗？",
     "以委婉的方式提醒，集中客户的注意力"},

    {TOUSU_SIT_NOT_UNDERSTOOD, 1, 0, 0, 0, 0, "解答后客户还是没有听明白",
     "对不起，也许我说的不够清楚，请允许我再解释一遍。", ""},

    {TOUSU_SIT_OUTAGE, 1, 0, 0, 0, 0, "设备故障、大面积障碍，无法一时恢复",
     "对不起，由于您所在的地区突发障碍，暂时影响您的使用，目前正在组织抢修，"
     "给您带来的不便，我们深表歉意，感谢您的配合！",
     ""},

    /* R-SCR-4 waits, R-QA-5: over 2 minutes -> offer a call back */
    {TOUSU_SIT_WAIT, 1, WAIT, 0, 0, 0, "处理过程中需要客户等待",
     "对不起，" MR "，我帮您查询一下，请您稍等片刻，好吗？谢谢！", "先讲明原因并征询客户意见"},
    {TOUSU_SIT_WAIT, 2, CB, 0, 0, 120000, "整个过程需2分钟以上",
     MR "，这个问题需要一些时间查询，请您留下联系电话，查询处理后我们再回复您，好吗？",
     "建议客户留下联系电话，查询/处理后再回复"},
    {TOUSU_SIT_WAIT, 3, 0, 0, 0, 0, "客户非常焦急",
     MR "，我理解您的心情，您别急，我马上帮您处理，好吗？", "首先安抚客户的情绪，并迅速开始处理"},

    {TOUSU_SIT_WAIT_END, 1, ALT, 0, 0, 0, "查询/处理后", MR "，非常感谢您的耐心等待！",
     "立即与客户通话"},
    {TOUSU_SIT_WAIT_END, 2, ALT, 0, 0, 0, "查询/处理后", "对不起，让您久等了。", "立即与客户通话"},

    {TOUSU_SIT_HOTLINE_BUSY, 1, ALT, 0, 0, 0, "客户投诉热线难拨通",
     "对不起，让您久等了，现在线路比较繁忙或今天的客户特别多，请问有什么可以帮到您？", ""},
    {TOUSU_SIT_HOTLINE_BUSY, 2, ALT, 0, 0, 0, "客户投诉我公司某热线难拨通",
     "对不起，让您久等了，现在线路比较繁忙，请问有什么可以帮到您？", ""},

    {TOUSU_SIT_PASS_ON, 1, WAIT | CB, 0, 0, 0, "接到疑问时",
     "您好，您的具体情况已记录，稍后安排专业人员电话给您，请问这个号码可以联系到您吗？",
     "详细记录客户需求"},
    {TOUSU_SIT_PASS_ON, 2, ACT, 0, 0, 0, "不是该号码", "", "记录实际号码，便于联系"},

    {TOUSU_SIT_SWEARING, 1, 0, 0, 0, 0, "客户破口大骂",
     "不好意思，如果是我们的失误给您造成不便，请您原谅。现在我们一起来看一下有没有什么解决办法，"
     "您看好吗？",
     "用缓和的语气安抚客户"},
    {TOUSU_SIT_SWEARING, 2, ACT | CB, 0, 0, 0, "客户仍然不满", "",
     "继续安抚客户情绪，征求客户意见稍后答复，记录客户联系方式，尽快回复"},
    {TOUSU_SIT_SWEARING, 3, HANG | REP, 0, 0, 0, "态度恶劣、语言不文明", "感谢来电，再见。",
     "讲过后可以挂机，并报外联区域经理"},

    {TOUSU_SIT_STAFF_COMPLAINT, 1, WAIT | REP, 0, 0, 0, "客户投诉工作人员",
     "对不起，给您添麻烦了，您能不能详细说一下？", "记录客户投诉内容并交由相关领导人员处理"},
    {TOUSU_SIT_STAFF_COMPLAINT, 2, CB, 0, 0, 0, "客户不接受道歉",
     "对不起，您能否留下联系电话，公司派专人与您联系，您看可以吗？", ""},

    {TOUSU_SIT_SUGGESTION, 1, 0, 0, 0, 0, "客户对服务和其它问题提出建议",
     "谢谢您提出的宝贵意见，我们会及时反馈给公司相关部门，并在以后的工作中不断改进，"
     "再次感谢您对我们工作的支持和关心。谢谢！",
     ""},

    {TOUSU_SIT_THANKS, 1, 0, 0, 0, 0, "客户表示感谢", "不客气。", ""},
    {TOUSU_SIT_THANKS, 2, 0, 0, 0, 0, "",
     "不客气，这是我们的工作，感谢您对我们工作的支持，欢迎您再次来电。", ""},

    /* R-SCR-5 (seed 001 等待语 A, B, C) */
    {TOUSU_SIT_WAITING_PHRASES, 1, ALT, 0, 0, 0, "为客户查询（办理）",
     "现在为您查询（办理），请稍等。", ""},
    {TOUSU_SIT_WAITING_PHRASES, 2, ALT, 0, 0, 0, "结束等待", "感谢您的耐心等待。",
     "等待时间过长，建议稍后答复"},
    {TOUSU_SIT_WAITING_PHRASES, 3, ALT | CB, 0, 0, 0, "数据库未更新，或遇情绪激动的客户",
     "很抱歉给您带来不便，您的问题已记录，稍后帮您上报，请耐心等待，会尽快给您答复。", ""},

    /* R-SCR-6 (seed 002 常用专业术语) */
    {TOUSU_SIT_EMPATHY_SHARED, 1, ALT, 0, 0, 0, "",
     "我理解您怎么会这么生气，换成是我也会跟您一样的感受。", ""},
    {TOUSU_SIT_EMPATHY_SHARED, 2, ALT, 0, 0, 0, "",
     "请您息怒，我非常理解您的心情，我们一定会尽力帮您解决。", ""},
    {TOUSU_SIT_EMPATHY_SHARED, 3, ALT, 0, 0, 0, "",
     "发生这样的事情，真是够烦的，不过，我们应该积极面对才是，对吗？", ""},
    {TOUSU_SIT_EMPATHY_VALUED, 1, ALT, 0, 0, 0, "", MR "，您都是我们多年的老客户了……", ""},
    {TOUSU_SIT_EMPATHY_VALUED, 2, ALT, 0, 0, 0, "", "您都是长期支持我们的老客户了……", ""},
    {TOUSU_SIT_EMPATHY_SIDE, 1, 0, 0, 0, 0, "",
     "这次不能凭密码办理，而要您本人凭身份证办理，这样做主要是为了保护您的利益，"
     "您想想如果谁都可以去帮您办理这么重要的业务，那对您的利益是很不保障的。",
     ""},
    {TOUSU_SIT_EMPATHY_SOOTHE, 1, ALT, 0, 0, 0, "",
     "非常感谢您这么好的建议，我们会向上反映，因为有了您的建议，我们才会不断地进步。", ""},
    {TOUSU_SIT_EMPATHY_SOOTHE, 2, ALT, 0, 0, 0, "",
     "谢谢您的理解和支持，我们将不断改进服务，让您满意。", ""},
    {TOUSU_SIT_EMPATHY_PRAISE, 1, 0, 0, 0, 0, "",
     MR "，看得（听得）出来，您是一个非常有素质的客户，这个想法很有前瞻性。", ""},
    {TOUSU_SIT_EMPATHY_OTHER, 1, ALT, 0, 0, 0, "", "请您别着急，慢慢讲，我们会尽力帮您解决的。",
     ""},
    {TOUSU_SIT_EMPATHY_OTHER, 2, ALT, 0, 0, 0, "",
     "感谢您的批评与指正，我们将及时改正，不断提高服务水平。", ""},
    {TOUSU_SIT_EMPATHY_OTHER, 3, ALT, 0, 0, 0, "", "对不起，请您慢慢讲，我会尽力帮助您的。", ""},
    {TOUSU_SIT_EMPATHY_OTHER, 4, ALT, 0, 0, 0, "", "谢谢，这是我们应该做的。", ""},
    {TOUSU_SIT_EMPATHY_OTHER, 5, ALT | CB, 0, 0, 0, "",
     "我们将把您的要求及时上报相关部门，并在{hours|48}小时内给您答复。", ""},
    {TOUSU_SIT_EMPATHY_OTHER, 6, ALT, 0, 0, 0, "",
     "您的要求我们将及时上报上级主管部门。但是由于客观方面的原因，我们可能在一段时间之内"
     "无法满足您的需要，请您理解。",
     ""},
    {TOUSU_SIT_EMPATHY_OTHER, 7, ALT, 0, 0, 0, "不在服务范围",
     "对不起，您所咨询的问题不是我们的服务范围，谢谢。", ""},

    /* R-SCR-8 (seed 002 多用"我"来代替"您"): when = the phrase, say = the rewrite */
    {TOUSU_SIT_I_NOT_YOU, 1, ALT, 0, 0, 0, "您把我搞糊涂了", "我被搞糊涂了。", ""},
    {TOUSU_SIT_I_NOT_YOU, 2, ALT, 0, 0, 0, "您搞错了", "我觉得我们的沟通存在误解。", ""},
    {TOUSU_SIT_I_NOT_YOU, 3, ALT, 0, 0, 0, "我已经说得很清楚了",
     "对不起，或许是我未解释清楚，令您误解了。", ""},
    {TOUSU_SIT_I_NOT_YOU, 4, ALT, 0, 0, 0, "您听明白了吗？", "我解释清楚了吗？", ""},
    {TOUSU_SIT_I_NOT_YOU, 5, ALT, 0, 0, 0, "啊，你说什么？",
     "对不起，我没有听明白，请您再说一遍好吗？", ""},
};

const size_t tz_zh_n_steps = sizeof tz_zh_steps / sizeof tz_zh_steps[0];
