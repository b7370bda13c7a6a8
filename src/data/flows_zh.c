/*
 * flows_zh.c - built-in answer flows for known problems (R-SCR-10; seed 001
 * section 五, an SMS account-alert service "短信通" in Henan). A flow is
 * nodes (question to settle, script to say, note of what to do) and
 * answers that lead on: to a node of the same flow (next_flow 0), to a
 * node of another flow, or to the end (next_node 0).
 */
#include "../words.h"

#define F_NOW        TOUSU_FLOW_ANSWER_NOW
#define F_LATER      TOUSU_FLOW_ANSWER_LATER
#define F_CARRIER    TOUSU_FLOW_UNCOVERED_CARRIER
#define F_PROVINCE   TOUSU_FLOW_OUT_OF_PROVINCE
#define F_WELCOME    TOUSU_FLOW_NO_WELCOME_SMS
#define F_DATA       TOUSU_FLOW_DATA_NOT_UPDATED
#define F_MISSING    TOUSU_FLOW_MISSING_CHANGES
#define F_OCCASIONAL TOUSU_FLOW_OCCASIONAL_MISS
#define F_CARD       TOUSU_FLOW_CARD_REPLACED
#define F_BRANCH     TOUSU_FLOW_BRANCH_CHANGED
#define F_RARE       TOUSU_FLOW_RARE_PROBLEM

#define REFUND_SAY                                                                                 \
    "如已扣费，您可以到前台办理解约，我们会为您做退费处理，最长不超过{deadline|2周}。"
#define REFUND_NOTE "建议前台解除后做退费处理，最长时间2周"

const tz_flow tz_zh_flows[] = {
    {F_NOW, 1, "answer_now", "当即可以回答的问题", "R-SCR-10"},
    {F_LATER, 1, "answer_later", "不能当即回答，查询后回答", "R-SCR-10"},
    {F_CARRIER, 1, "uncovered_carrier", "服务未覆盖的运营商号码（电信号码）", "R-SCR-10"},
    {F_PROVINCE, 1, "out_of_province", "省外号码", "R-SCR-10"},
    {F_WELCOME, 1, "no_welcome_sms", "客户收不到欢迎短信", "R-SCR-10"},
    {F_DATA, 1, "data_not_updated", "数据未更新，查询不到实时信息", "R-SCR-10"},
    {F_MISSING, 1, "missing_changes", "收到测试短信但漏收账户变动信息", "R-SCR-10"},
    {F_OCCASIONAL, 1, "occasional_miss", "客户偶尔收不到短信", "R-SCR-10"},
    {F_CARD, 1, "card_replaced", "卡折、卡损、卡消磁", "R-SCR-10"},
    {F_BRANCH, 1, "branch_changed", "签约网点调整，不能更改信息或取消", "R-SCR-10"},
    {F_RARE, 1, "rare_problem", "罕见问题，当时解决不了，需要授权", "R-SCR-10"},
};

const size_t tz_zh_n_flows = sizeof tz_zh_flows / sizeof tz_zh_flows[0];

const tz_fnode tz_zh_nodes[] = {
    {F_NOW, 1, "问题属于哪一类（电信号码、省外号码、其他当即可查询的问题）？",
     "请稍等，我帮您查询一下。", "当即查询，当即答复"},

    {F_LATER, 1, "数据是否已经更新？",
     "您的问题我这边已经记录，我帮您核查一下，尽快给您答复，好吗？", "记录问题，查询后答复"},
    {F_LATER, 2, "客户是否同意稍后联系？",
     "很抱歉{surname}{title|先生/女士}，我们这边数据尚未更新，还没有今天的记录，"
     "等更新核查之后我会尽快与您联系，可以吗？",
     ""},
    {F_LATER, 3, "客户如何称呼？", "请问您怎么称呼？", "记录称呼和联系方式"},
    {F_LATER, 4, "", "好，我会尽快与您联系。", "核查后回电答复"},

    {F_CARRIER, 1, "是否已经扣费？",
     "您好，由于您的号码属于电信号码，我们的服务暂时还没有对电信客户开通，给您带来不便请谅解。"
     "我建议您可以更换一个移动或联通号码继续使用。",
     ""},
    {F_CARRIER, 2, "", REFUND_SAY, REFUND_NOTE},

    {F_PROVINCE, 1, "是否已经扣费？",
     "您好，由于您的号码属于省外号码，我们的服务只针对河南省内号码，我建议您可以更换一个河南省内"
     "号码继续使用，如果无法更换您也可以进行解约。",
     ""},
    {F_PROVINCE, 2, "", REFUND_SAY, REFUND_NOTE},

    {F_WELCOME, 1, "是省外号码、电信号段，还是都不是？", "请稍等，我帮您查询一下。",
     "先排除省外和电信号段"},
    {F_WELCOME, 2, "签约是否成功？", "", "让柜员核查签约是否成功（进入5992菜单码）"},
    {F_WELCOME, 3, "",
     "您好，可能是柜员不注意将您的号码输错了，因此导致您没有收到短信，您可以到办理柜台让柜员"
     "更换就可以了。",
     "可能是手机号签约错误：进入5995查询原始签约手机号并修改（前台5993更换）；记录错误号码"},
    {F_WELCOME, 4, "号码是否在移动设定了免打扰？", "",
     "让客户发送BZ进行测试，看手机是否有相关设置会屏蔽端口号码"},
    {F_WELCOME, 5, "",
     "您的号码在移动设定了免打扰功能，我们会每10天统一报给移动公司处理，请您耐心等待，"
     "给您带来不便请谅解。",
     "记录免打扰客户"},
    {F_WELCOME, 6, "",
     "您好，我查询了一下，我们这边给您发送的短信都是确定发送成功的，请您查看一下自己的手机设置，"
     "看是否是短信内存已满，或者是否设定了防火墙功能。",
     ""},

    {F_DATA, 1, "客户是否愿意稍后发短信测试？",
     "您好，您的信息已记录，因数据尚未更新，暂时看不到您的信息，为了给您解决问题，"
     "请您稍后发送短信测试一下好吗？",
     "建议发送帮助、余额、明细进行测试"},
    {F_DATA, 2, "",
     "很抱歉，虽暂时查询不到信息，但您提供的信息这边已完整记录，稍后报给技术，得到答复时会及时"
     "与您联系，请您谅解。",
     "报技术，得到答复后回电"},

    {F_MISSING, 1, "",
     "您好，您的号码已经报给技术，很抱歉给您带来不便，等技术有答复了会及时联系您，请您谅解。",
     "情绪不稳定又没有实时信息时暂且安抚，委婉语调；做特殊标注，视情况提报有关工作人员处理，"
     "事后回访"},

    {F_OCCASIONAL, 1, "客户能否回忆起这些情况？",
     "您好，您说的这种情况，之前也有其他客户反映过，经过汇总分析，发现手机在停机、关机、"
     "信号不稳定、信号盲区、出差在外、号码不在归属地、手机设置防火墙拦截屏蔽甚至拒收等情况下"
     "会收不到短信，您可以回忆一下是不是有这些情况发生。",
     "不能顺着客户思路纠结在原地不动"},
    {F_OCCASIONAL, 2, "测试是否完成？",
     "建议您清理一下手机内存后，发送BZ测试，或者发送查询余额、明细进行实时测试。",
     "客户怕麻烦时建议发BZ测试，或者换手机测试"},
    {F_OCCASIONAL, 3, "",
     "您的号码已报技术后台监测，再观察一段时间，如还有类似情况，请您及时联系我们。", ""},

    {F_CARD, 1, "",
     "您好，请您带着您新补的账号，到前台重新签约，如旧卡还有剩余服务期限，请您及时联系我们。",
     "重新签约"},

    {F_BRANCH, 1, "", "", "去系统查到签约网点解约，或将余额清为零销卡，避免以后扣费"},

    {F_RARE, 1, "",
     "您好，您所反映的问题比较少见，很抱歉，我暂时没有权限帮您处理。您看这样，我会立即记录，"
     "尽快上报，待有处理结果之后，{deadline|3天}之内给您答复。感谢您的来电。",
     "记录，上报，在期限之内答复"},
};

const size_t tz_zh_n_nodes = sizeof tz_zh_nodes / sizeof tz_zh_nodes[0];

const tz_fanswer tz_zh_answers[] = {
    {F_NOW, 1, F_CARRIER, 1, "电信号码"},
    {F_NOW, 1, F_PROVINCE, 1, "省外号码"},
    {F_NOW, 1, 0, 0, "其他当即可查询的问题：查询后答复"},

    {F_LATER, 1, 0, 3, "数据已更新：核查后答复"},
    {F_LATER, 1, 0, 2, "数据尚未更新"},
    {F_LATER, 2, 0, 3, "可以"},
    {F_LATER, 3, 0, 4, "客户告知称呼"},

    {F_CARRIER, 1, 0, 2, "已扣费"},
    {F_CARRIER, 1, 0, 0, "未扣费"},
    {F_PROVINCE, 1, 0, 2, "已扣费"},
    {F_PROVINCE, 1, 0, 0, "未扣费"},

    {F_WELCOME, 1, F_PROVINCE, 1, "省外号码"},
    {F_WELCOME, 1, F_CARRIER, 1, "电信号段"},
    {F_WELCOME, 1, 0, 2, "都不是"},
    {F_WELCOME, 2, 0, 3, "查询未知状况（可能签约号码有误）"},
    {F_WELCOME, 2, 0, 4, "显示已签约"},
    {F_WELCOME, 4, 0, 5, "设定了免打扰"},
    {F_WELCOME, 4, 0, 6, "没有免打扰"},

    {F_DATA, 1, 0, 2, "好的"},

    {F_OCCASIONAL, 1, 0, 0, "有这些情况"},
    {F_OCCASIONAL, 1, 0, 2, "表达不清，或坚持说都没有"},
    {F_OCCASIONAL, 2, 0, 3, "测试完成"},
};

const size_t tz_zh_n_answers = sizeof tz_zh_answers / sizeof tz_zh_answers[0];
