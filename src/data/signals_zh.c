/*
 * signals_zh.c - built-in free-text signal words (R-CLS-12, default) and
 * the call-quality word lists (R-QA, seeds 001 and 003).
 *
 * Signals only *suggest* an urgent kind (tousu_result.suggested_kinds);
 * they never change the decision. Numbers (12300, 12315, 12345) match only
 * as whole numbers (normalize.c). The extra words beyond SPEC.md's lists
 * (诉讼, 打官司, 消费者协会, 消委会, 工业和信息化部, 通管局, 新闻) are this
 * library's defaults.
 */
#include "../words.h"

#define MAJOR (1u << TOUSU_KIND_MAJOR)
#define LEAP  (1u << TOUSU_KIND_LEAPFROG)

const tz_signal tz_zh_signals[] = {
    /* media or journalists: media coverage (R-CLS-3), a media body (R-LEAP-1) */
    {TOUSU_SIG_MEDIA, MAJOR | LEAP, 0, "媒体"},
    {TOUSU_SIG_MEDIA, MAJOR | LEAP, 0, "记者"},
    {TOUSU_SIG_MEDIA, MAJOR | LEAP, 0, "曝光"},
    {TOUSU_SIG_MEDIA, MAJOR | LEAP, 0, "报社"},
    {TOUSU_SIG_MEDIA, MAJOR | LEAP, 0, "电视台"},
    {TOUSU_SIG_MEDIA, MAJOR | LEAP, 0, "新闻"},
    /* exception words: telecom terms that end in a media word */
    {TOUSU_SIG_MEDIA, 0, 0, "多媒体"}, /* 多媒体短信 (MMS), 多媒体消息 */
    {TOUSU_SIG_MEDIA, 0, 0, "流媒体"}, /* streaming services */
    /* lawsuits: litigation or arbitration (R-CLS-3) */
    {TOUSU_SIG_LAWSUIT, MAJOR, 0, "起诉"},
    {TOUSU_SIG_LAWSUIT, MAJOR, 0, "律师"},
    {TOUSU_SIG_LAWSUIT, MAJOR, 0, "法院"},
    {TOUSU_SIG_LAWSUIT, MAJOR, 0, "仲裁"},
    {TOUSU_SIG_LAWSUIT, MAJOR, 0, "诉讼"},
    {TOUSU_SIG_LAWSUIT, MAJOR, 0, "打官司"},
    /* regulators and complaint bodies (R-LEAP-1) */
    {TOUSU_SIG_REGULATOR, LEAP, 0, "工信部"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "工业和信息化部"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "通信管理局"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "通管局"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "12300"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "消协"},
    /* exception words: 取消协议 (cancel the contract) is not 消协 */
    {TOUSU_SIG_REGULATOR, 0, 0, "取消协"},
    {TOUSU_SIG_REGULATOR, 0, 0, "撤消协"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "消费者协会"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "消委会"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "12315"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "市长热线"},
    {TOUSU_SIG_REGULATOR, LEAP, 0, "12345"},
};

const size_t tz_zh_n_signals = sizeof tz_zh_signals / sizeof tz_zh_signals[0];

/* R-QA word lists. POLITE tags (R-QA-6, seed 001 礼貌用语): 0 您好, 1 请,
 * 2 谢谢, 3 很抱歉, 4 请稍等, 5 再见 (seed: 再会). */
const tz_qaword tz_zh_qawords[] = {
    /* R-QA-2 opening (seed 001: 您好，短信通，*号客服为您服务; seed 003:
     * 您好，很高兴为您服务) */
    {TZ_QL_GREETING, 0, 0, "您好"},
    {TZ_QL_GREETING, 0, 0, "你好"},
    {TZ_QL_SERVE, 0, 0, "为您服务"},
    /* R-QA-3 closing (seed 001 确认语, seed 003 服务结束) */
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还有其他问题"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还有其它问题"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "尚有其她问题"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还有什么问题"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还需要其他帮助"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还需要其它帮助"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还需要其她协助"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还有什么可以帮"},
    {TZ_QL_ANYTHING_ELSE, 0, 0, "还有其他需要"},
    {TZ_QL_WISHES, 0, 0, "祝您"},
    {TZ_QL_WISHES, 0, 0, "再见"},
    {TZ_QL_WISHES, 0, 0, "再会"},
    /* R-QA-3 the abusive caller (seed 001: 感谢来电，再会) */
    {TZ_QL_ABUSE_BYE, 0, 0, "感谢来电，再见"},
    {TZ_QL_ABUSE_BYE, 0, 0, "感谢来电，再会"},
    {TZ_QL_ABUSE_BYE, 0, 0, "感谢您的来电，再见"},
    /* R-QA-5 waits (seed 001 等待语, seed 003 处理过程中需要客户等待) */
    {TZ_QL_WAIT_ASK, 0, 0, "请稍等"},
    {TZ_QL_WAIT_ASK, 0, 0, "请您稍等"},
    {TZ_QL_WAIT_ASK, 0, 0, "稍等片刻"},
    {TZ_QL_WAIT_ASK, 0, 0, "请稍候"},
    {TZ_QL_WAIT_REASON, 0, 0, "查询"},
    {TZ_QL_WAIT_REASON, 0, 0, "核查"},
    {TZ_QL_WAIT_REASON, 0, 0, "核实"},
    {TZ_QL_WAIT_REASON, 0, 0, "查一下"},
    {TZ_QL_WAIT_REASON, 0, 0, "处理"},
    {TZ_QL_WAIT_REASON, 0, 0, "办理"},
    {TZ_QL_WAIT_THANKS, 0, 0, "感谢您的耐心等待"},
    {TZ_QL_WAIT_THANKS, 0, 0, "感谢您耐心等待"},
    {TZ_QL_WAIT_THANKS, 0, 0, "谢谢您的耐心等待"},
    {TZ_QL_WAIT_THANKS, 0, 0, "让您久等了"},
    {TZ_QL_CALLBACK, 0, 0, "回复您"},
    {TZ_QL_CALLBACK, 0, 0, "给您回电"},
    {TZ_QL_CALLBACK, 0, 0, "与您联系"},
    {TZ_QL_CALLBACK, 0, 0, "联系您"},
    {TZ_QL_CALLBACK, 0, 0, "联系电话"},
    {TZ_QL_CALLBACK, 0, 0, "再回复"},
    /* R-QA-6 polite words (seed 001 礼貌用语) */
    {TZ_QL_POLITE, 0, 0, "您好"},
    {TZ_QL_POLITE, 1, 0, "请"},
    {TZ_QL_POLITE, 2, 0, "谢谢"},
    {TZ_QL_POLITE, 3, 0, "很抱歉"},
    {TZ_QL_POLITE, 3, 0, "对不起"},
    {TZ_QL_POLITE, 4, 0, "请稍等"},
    {TZ_QL_POLITE, 4, 0, "请您稍等"},
    {TZ_QL_POLITE, 5, 0, "再见"},
    {TZ_QL_POLITE, 5, 0, "再会"},
};

const size_t tz_zh_n_qawords = sizeof tz_zh_qawords / sizeof tz_zh_qawords[0];
