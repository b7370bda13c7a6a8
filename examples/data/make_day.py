#!/usr/bin/env python3
"""make_day.py - write examples/data/day.csv, the bundled day of contacts
that examples/demo.sh triages with tousu-triage.

Deterministic (a fixed random seed, no clock): running it again gives the
same file byte for byte. Python 3 standard library only.

    python3 examples/data/make_day.py            # writes day.csv beside it
    python3 examples/data/make_day.py OUT.csv    # or somewhere else
    python3 examples/data/make_day.py -          # to stdout

The day is Monday 2024-05-20 at the Guangzhou branch (division code 440100)
of a provincial company (Guangdong, 44xxxx). It mixes about 170 routine
contacts (consultations, fault reports, ordinary complaints, suggestions)
with scripted cases, each introduced by a '#' comment naming the SPEC rule it
shows: a batch burst (R-BAT), a VIP batch, repeats (R-REP-1/2/4), a
follow-up (R-REP-3), leapfrog complaints (R-LEAP), cross-city and
cross-province complaints (R-XRG), a complaint about a staff member and an
account-manager dispute (R-ESC-3), important and sensitive customers
(R-CLS-9/10), a major complaint (R-CLS-3) and a few deliberately bad lines.
The file format is described in examples/README.md.
"""

import os
import random
import sys

DAY = "2024-05-20"
BRANCH = "440100"  # Guangzhou
DISTRICTS = ["440103", "440104", "440105", "440106", "440111", "440112", "440113"]
COMPLAINT = "dissatisfied|demands"  # R-DEF-1: both make it a complaint

CONSULT_TEXT = [
    "咨询5G套餐资费，想了解每月128元套餐包含多少流量",
    "询问宽带提速到千兆需要多少钱，要不要换光猫",
    "下周去香港出差，问国际漫游怎么开通",
    "咨询携号转网的办理条件和需要的材料",
    "询问天河营业厅周末几点开门",
    "咨询办理副卡的流程和月费",
    "问积分怎么兑换话费，积分什么时候清零",
    "家里要搬家，咨询宽带移机需要带什么证件",
    "询问流量包能不能叠加，超出后怎么计费",
    "咨询儿童手表eSIM怎么开通",
    "询问电子发票在哪里下载",
    "咨询有没有适合老人的低价套餐",
    "问合约机提前解约要付多少违约金",
    "询问固话停机保号怎么办理",
]

FAULT_TEXT = [
    "家里宽带从早上开始无法上网，光猫LOS灯闪红",
    "手机在家里信号只有一格，通话经常断",
    "固定电话没有拨号音",
    "宽带晚上网速很慢，测速只有10M",
    "IPTV机顶盒开机后一直黑屏",
    "手机5G信号时有时无，切换到4G也上不了网",
    "路由器重启后无线网络搜不到",
]

COMPLAINT_TEXT = [
    ("上月账单多扣了30元，要求核实退还并答复", "cause:unsolved"),
    ("营业员承诺赠送的10G流量没有到账，要求兑现", "cause:promise"),
    ("未经同意被开通了视频会员，每月扣15元，要求取消并退费", "cause:unconsented"),
    ("宽带报修三天没人上门，要求今天处理", "cause:slow"),
    ("热线打了好几次都说会回电，一直没人处理，要求给个说法", "cause:ignored"),
    ("套餐变更后资费和宣传不一致，要求解释并按宣传执行", "cause:promise"),
    ("话费充值100元没到账，要求查明并回复", "cause:unsolved"),
    ("营业员说话很不耐烦，问两句就不理人，要求道歉", "cause:cold"),
]

SUGGEST_TEXT = [
    "建议营业厅增加周末自助取号机",
    "建议App增加账单明细导出功能",
    "建议热线语音菜单简化一点，按太多层了",
    "建议给老年人开设专门服务窗口",
    "建议宽带报修后短信告知上门时间",
]


class Day:
    """Events of the day; written in intake order with their labels."""

    def __init__(self):
        self.events = []  # (time, seq, kind, data)
        self.seq = 0
        self.next_customer = 31000001

    def customer(self):
        c = self.next_customer
        self.next_customer += 1
        return c

    def add(self, time, kind, data, label=None):
        self.events.append((time, self.seq, kind, data, label))
        self.seq += 1

    def contact(self, time, customer, matter, category, channel, *, body="company",
                tier="-", cflags="-", flags="-", creg=BRANCH, hreg=BRANCH, needed="-",
                staff="-", text="", label=None, key=None):
        self.add(time, "contact", dict(customer=customer, matter=matter, category=category,
                                       channel=channel, body=body, tier=tier, cflags=cflags,
                                       flags=flags, creg=creg, hreg=hreg, needed=needed,
                                       staff=staff, text=text, key=key), label)

    def archive(self, time, ref, customer, matter, level, closed_by, label=None):
        self.add(time, "archive", dict(ref=ref, customer=customer, matter=matter,
                                       level=level, closed_by=closed_by), label)

    def raw(self, time, line, label=None):
        self.add(time, "raw", dict(line=line), label)

    def render(self):
        ids = {}
        out = []
        next_id = {"history": 90001, "day": 1001}
        for time, _seq, kind, d, label in sorted(self.events, key=lambda e: (e[0], e[1])):
            if label:
                if out and out[-1]:
                    out.append("")
                out.extend("# " + ln if ln else "#" for ln in label.split("\n"))
            if kind == "contact":
                pool = "day" if time.startswith(DAY) else "history"
                cid = next_id[pool]
                next_id[pool] += 1
                if d["key"]:
                    ids[d["key"]] = cid
                fields = [cid, d["customer"], d["matter"], time, d["category"], d["channel"],
                          d["body"], d["tier"], d["cflags"], d["flags"], d["creg"], d["hreg"],
                          d["needed"], d["staff"], d["text"]]
                out.append(",".join(str(f) for f in fields))
                if label:
                    out.append("")  # a labelled case stands apart from routine lines
            elif kind == "archive":
                out.append(",".join(str(f) for f in [
                    "archive", ids[d["ref"]], d["customer"], d["matter"], time, d["level"],
                    d["closed_by"]]))
            elif kind == "raw":
                out.append(d["line"])
            # kind "note": the label alone
        return out


def own(day, prefix):
    """A new customer and a matter of their own (PREFIX-customer)."""
    c = day.customer()
    return c, "%s-%d" % (prefix, c)


def t(hhmm, date=DAY):
    return f"{date} {hhmm}"


def scripted(day):
    """The cases the demo is about, each labelled with its rule."""
    # ---- history before the day (R-REP needs complaints archived earlier) ----
    old = day.customer()
    day.contact(t("15:40", "2024-01-08"), old, "BILL-PKG-DOWNGRADE-%d" % old, "complaint",
                "hotline", flags=COMPLAINT + "|cause:promise", creg="440105",
                text="套餐降档申请一个月了还没生效，要求处理",
                label="==== History before the day (the in-memory store starts empty) ====\n"
                      "Complaint of January, archived 2024-01-12: more than 3 months before\n"
                      "the day, so the same complaint today is NOT a repeat (R-REP-2).",
                key="old")
    day.archive(t("11:00", "2024-01-12"), "old", old, "BILL-PKG-DOWNGRADE-%d" % old, "city", 7120)

    rep = day.customer()
    rep_matter = "BILL-DATA-OVERCHARGE-%d" % rep
    day.contact(t("10:20", "2024-03-18"), rep, rep_matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:unsolved", creg="440106",
                text="流量明明没用完却被收了超额费58元，要求退费",
                label="Complaint of March, archived 2024-03-22 by a supervisor (staff 7105):\n"
                      "the same customer complains again today -> repeat (R-REP-1).",
                key="rep")
    day.archive(t("16:00", "2024-03-22"), "rep", rep, rep_matter, "supervisor", 7105)

    fol = day.customer()
    fol_matter = "BB-INSTALL-DELAY-%d" % fol
    day.contact(t("18:40", "2024-05-19"), fol, fol_matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:slow", creg="440104",
                text="新装宽带约好周日上门，等了一天没人来，要求尽快安装",
                label="Yesterday evening: a complaint still open this morning (see the follow-up).")

    # ---- the day ----
    day.add(t("00:00"), "note", {},
            "==== The day: Monday 2024-05-20, Guangzhou branch (440100) ====\n"
            "Unlabelled lines are routine contacts: consultations, fault reports,\n"
            "ordinary complaints and suggestions, spread over 08:00-20:00.")
    day.contact(t("08:47"), fol, fol_matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:slow", creg="440104",
                text="昨天投诉的宽带安装还是没人联系我，到底什么时候来",
                label="FOLLOW-UP (R-REP-3): yesterday's complaint is still open, so this is a\n"
                      "follow-up on it, not a repeat.")

    day.contact(t("08:55"), old, "BILL-PKG-DOWNGRADE-%d" % old, "complaint", "hotline",
                flags=COMPLAINT + "|cause:promise", creg="440105",
                text="套餐降档又出问题了，这个月又按高档收费，要求处理",
                label="NOT A REPEAT (R-REP-2): the earlier complaint was archived on 2024-01-12,\n"
                      "more than 3 calendar months ago -> an ordinary complaint.")

    burst(day)
    vip_batch(day)

    day.contact(t("10:12"), rep, rep_matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:unsolved|cause:distrust", creg="440106",
                text="三月份投诉过的流量超额收费这个月又出现了，上次说已经修正了",
                label="REPEAT (R-REP-1, R-REP-4): archived 2024-03-22 by a supervisor (staff 7105)\n"
                      "-> owned one level up (city branch), staff 7105 must not own it.")

    same = day.customer()
    same_matter = "ROAM-HK-DATA-%d" % same
    day.contact(t("08:31"), same, same_matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:unsolved", creg="440103",
                text="在香港漫游流量用不了，已经扣了日租费，要求退费",
                label="Morning complaint, archived at 11:30 by agent 7001 (see the same-day repeat).",
                key="same")
    day.archive(t("11:30"), "same", same, same_matter, "agent", 7001,
                label="Archive of the 08:31 roaming complaint (closed by front-line agent 7001).")
    day.contact(t("15:10"), same, same_matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:unsolved|cause:promise", creg="440103",
                text="上午说退费了，可是短信显示又扣了一天日租费",
                label="SAME-DAY REPEAT (R-REP-1, R-REP-4): archived at 11:30 by agent 7001\n"
                      "-> owned by a supervisor, agent 7001 recused.")

    leapfrogs(day)
    regions_and_staff(day)
    customers_and_major(day)


def burst(day):
    """R-BAT-1: 13 ordinary customers on one matter within the hour; the 11th
    distinct customer triggers; one customer calls twice (R-BAT-2)."""
    matter = "NET-440106-4G-DOWN"
    times = ["09:05", "09:08", "09:12", "09:15", "09:19", "09:22", "09:26", "09:31",
             "09:35", "09:38", "09:41", "09:46", "09:52"]
    texts = ["天河路一带手机4G完全没有信号，要求马上处理并回复",
             "我在体育西路，手机一点信号都没有，耽误工作，要求尽快恢复",
             "手机突然没信号，打不了电话，什么时候能好",
             "公司附近全部没有网络，要求给个恢复时间"]
    custs = []
    for i, hhmm in enumerate(times):
        c = day.customer()
        custs.append(c)
        label = None
        if i == 0:
            label = ("BATCH BURST (R-BAT-1..4) on matter NET-440106-4G-DOWN: 13 ordinary\n"
                     "customers between 09:05 and 09:52. The 11th distinct customer (09:41)\n"
                     "makes it a batch; the decision lists every contact of the window.")
        elif i == 10:
            label = "^ BATCH: the 11th distinct ordinary customer within 60 minutes triggers."
        elif i == 11:
            label = "The 12th and 13th join the same batch incident."
        day.contact(t(hhmm), c, matter, "complaint", "hotline", flags=COMPLAINT + "|cause:slow",
                    creg="440106", text=texts[i % len(texts)], label=label)
    day.contact(t("09:29"), custs[3], matter, "complaint", "hotline",
                flags=COMPLAINT + "|cause:slow", creg="440106",
                text="我九点一刻打过电话了，还是没信号，再催一次",
                label="R-BAT-2: the 4th customer calls again: still one customer (and a\n"
                      "follow-up on their own open complaint, R-REP-3).")
    c = day.customer()
    day.contact(t("10:58"), c, matter, "complaint", "hotline", flags=COMPLAINT, creg="440106",
                text="上午天河路没信号的问题，我这里现在还是时好时坏",
                label="Same matter at 10:58: the 60-minute window [09:58, 10:58] holds no other\n"
                      "contact of it any more -> no batch (R-BAT-3, the window slides).")


def vip_batch(day):
    """R-BAT-1: more than 5 VIP customers: the 6th triggers."""
    matter = "BILL-IDD-ROAM-DOUBLE"
    times = ["14:02", "14:09", "14:15", "14:23", "14:31", "14:38"]
    for i, hhmm in enumerate(times):
        label = None
        if i == 0:
            label = ("VIP BATCH (R-BAT-1) on matter BILL-IDD-ROAM-DOUBLE (international roaming\n"
                     "billed twice): 6 VIP customers between 14:02 and 14:38.")
        elif i == 4:
            label = "5 VIP customers: not yet a batch (more than 5 are needed)."
        elif i == 5:
            label = "^ BATCH: the 6th VIP customer triggers."
        day.contact(t(hhmm), day.customer(), matter, "complaint",
                    "manager" if i % 2 else "hotline", tier="key-city" if i == 2 else "-",
                    cflags="vip", flags=COMPLAINT + "|cause:unsolved|dept:billing",
                    creg=DISTRICTS[i % len(DISTRICTS)],
                    text="上月国际漫游费被重复扣了两次，要求退还并书面答复", label=label)


def leapfrogs(day):
    """R-LEAP-1/2: complaints addressed to bodies above the branch."""
    day.contact(t("10:35"), *own(day, "BB-SPEED"), "complaint",
                "phone", body="city-gov", flags=COMPLAINT + "|cause:ignored", creg="440111",
                text="宽带网速问题投诉了三次没解决，我已经打了12345市长热线",
                label="LEAPFROG to the city government (12345 市长热线), R-LEAP-2 -> city branch.")
    day.contact(t("11:20"), *own(day, "PORT-OUT-BLOCKED"),
                "complaint", "letter", body="prov-leaders", flags=COMPLAINT + "|cause:cold",
                creg="440105", text="写信给省公司领导：携号转出被营业厅百般阻挠",
                label="LEAPFROG to the provincial company's leaders (letter) -> provincial company.")
    day.contact(t("13:05"), *own(day, "BILL-SP-FEE"), "complaint",
                "phone", body="prov-hotline", flags=COMPLAINT + "|cause:unconsented",
                creg="440112", text="打了省公司监督电话，投诉被开通增值业务乱扣费",
                label="LEAPFROG to the provincial supervision hotline -> provincial company.")
    day.contact(t("13:40"), *own(day, "CONTRACT-PHONE"),
                "complaint", "website", body="group", flags=COMPLAINT + "|cause:promise",
                creg="440113", text="在集团公司官网留言：合约机承诺的返费一直没返",
                label="LEAPFROG to the group company (website) -> group company.")
    day.contact(t("16:25"), *own(day, "BILL-REFUND"), "complaint",
                "website", body="regulator", flags=COMPLAINT + "|cause:unsolved|cause:slow",
                creg="440106", text="已向工信部12300申诉：退费承诺两个月没兑现",
                label="LEAPFROG to the national regulator (MIIT 12300) -> group company.")
    day.contact(t("17:15"), *own(day, "NET-DORM"), "complaint",
                "media", body="city-media", flags=COMPLAINT, creg="440104",
                text="学生宿舍网络差，已经找了广州本地报社",
                label="LEAPFROG to city media -> city branch.")


def regions_and_staff(day):
    """R-XRG-1/2, R-ESC-3, R-ESC-4, R-ESC-6, R-CLS-7."""
    day.contact(t("10:05"), *own(day, "BILL-SZ-BROADBAND"),
                "complaint", "hotline", flags=COMPLAINT + "|cause:unsolved|dept:billing",
                creg="440106", needed="440300",
                text="在深圳装的宽带已经拆机，广州的账户还在扣费，要求两地核实",
                label="CROSS-CITY (R-XRG-1): needs the Shenzhen branch (440300) -> provincial\n"
                      "company, with a coordination form (R-ESC-6).")
    day.contact(t("11:48"), *own(day, "PORT-SH"), "complaint",
                "hall", flags=COMPLAINT + "|cause:slow|dept:it", creg="440103", needed="310000",
                text="上海的号码携号转入广州失败，两边营业厅互相推诿",
                label="CROSS-PROVINCE (R-XRG-2): needs Shanghai (310000) -> group company.")
    day.contact(t("12:30"), *own(day, "ROAM-BJ"), "complaint",
                "hotline", flags=COMPLAINT + "|cause:unsolved", creg="110105", hreg=BRANCH,
                text="北京的客户在广州漫游期间被扣了两次月租",
                label="CROSS-PROVINCE: a Beijing customer (110105) handled in Guangzhou -> group.")
    day.contact(t("10:50"), *own(day, "HALL-SERVICE"), "complaint",
                "hall", flags=COMPLAINT + "|cause:cold", creg="440105", staff="7012",
                text="天河营业厅工号7012的营业员态度恶劣，当面摔资料，要求道歉并处理",
                label="COMPLAINT ABOUT A STAFF MEMBER (R-ESC-3, seed 003): agent 7012 ->\n"
                      "one level up (supervisor), and never owned by 7012.")
    day.contact(t("15:35"), *own(day, "KEY-LINE-SLA"), "complaint",
                "manager", tier="key-city",
                flags=COMPLAINT + "|manager-dispute|cause:promise|dept:network",
                creg="440106", staff="am=8003",
                text="客户经理答应本周内开通专线，一拖再拖，和客户经理已经吵起来了",
                label="ACCOUNT-MANAGER DISPUTE (R-ESC-3 当事人回避制): manager 8003 recused;\n"
                      "a key account (VIP by default, R-CUS-5); dispute category.")
    day.contact(t("16:05"), *own(day, "BB-FIBRE-CUT"), "complaint",
                "hotline", flags=COMPLAINT + "|upgraded|dept:network|cause:slow", creg="440112",
                text="光纤被施工挖断五天，分公司说协调不了，要求省公司处理",
                label="UPGRADED (R-CLS-7): the branch cannot resolve it -> provincial company.")
    day.contact(t("12:10"), *own(day, "DEVICE-REPAIR"),
                "complaint", "hall", flags=COMPLAINT + "|not-on-spot|dept:device", creg="440104",
                text="送修的手机一个月还没返回，营业厅当场解决不了",
                label="NOT RESOLVABLE ON THE SPOT (R-ESC-4) -> handed to the supervisor.")


def customers_and_major(day):
    """R-CLS-3, R-CLS-9, R-CLS-10, R-CLS-2."""
    day.contact(t("09:58"), *own(day, "BILL-GOLD"), "complaint",
                "hotline", cflags="gold", flags=COMPLAINT + "|cause:promise", creg="440106",
                text="金卡客户，承诺的机场贵宾厅服务被拒，要求说明",
                label="IMPORTANT CUSTOMER (R-CUS-3, R-CLS-9): gold card (and VIP by default).")
    day.contact(t("11:05"), *own(day, "NET-GOV-OFFICE"),
                "complaint", "manager", cflags="gov|not-vip", flags=COMPLAINT + "|dept:network",
                creg="440104", text="区政府办公室专线中断两小时，要求说明原因",
                label="IMPORTANT CUSTOMER: contact of a government department (VIP stated as no).")
    day.contact(t("13:25"), *own(day, "BILL-SENSITIVE"),
                "complaint", "hotline", cflags="sensitive",
                flags=COMPLAINT + "|cause:distrust", creg="440111",
                text="客服说我是恶意欠费，我从来没欠过费，要求更正记录",
                label="SENSITIVE CUSTOMER (R-CUS-4, R-CLS-10): marked sensitive by the branch.")
    day.contact(t("14:50"), *own(day, "FRAUD-SMS"), "complaint",
                "hotline", flags=COMPLAINT + "|media|public|cause:ignored", creg="440106",
                text="手机号被冒名办理了贷款，我已经联系了电视台记者准备曝光",
                label="MAJOR (R-CLS-3): media coverage and public attention -> dispute,\n"
                      "handled on site.")
    day.contact(t("17:40"), *own(day, "CONTRACT-LAWSUIT"),
                "complaint", "letter", flags=COMPLAINT + "|litigation|dept:legal", creg="440113",
                text="律师函：合约违约金条款不合理，准备向法院起诉",
                label="MAJOR (R-CLS-3): litigation threatened.")
    day.contact(t("15:55"), *own(day, "BB-MOVE"), "complaint",
                "hotline", flags=COMPLAINT + "|deadline=2024-05-21 12:00|cause:slow",
                creg="440105", text="领导批示：宽带移机明天中午前必须完成",
                label="SPECIAL DEADLINE (R-CLS-2): a superior set a limit (2024-05-21 12:00).")
    day.contact(t("16:45"), *own(day, "BILL-TEXT"), "complaint",
                "hotline", flags=COMPLAINT + "|cause:unsolved", creg="440103",
                text="再不给我退费我就去工信部投诉，还要找消协",
                label="Text mentions 工信部 and 消协 but the body is the branch: free-text signals\n"
                      "are only suggestions (R-CLS-12), never applied.")


def routine(day, rng):
    """About 170 everyday contacts spread over 08:00-20:00."""
    n_consult, n_fault, n_complaint, n_suggest = 62, 40, 52, 16
    kinds = (["consult"] * n_consult + ["fault"] * n_fault + ["complaint"] * n_complaint +
             ["suggestion"] * n_suggest)
    rng.shuffle(kinds)
    for kind in kinds:
        minute = rng.randrange(8 * 60, 20 * 60)
        hhmm = "%02d:%02d" % (minute // 60, minute % 60)
        cust = day.customer()
        creg = rng.choice(DISTRICTS)
        channel = rng.choice(["hotline", "hotline", "hotline", "hall", "website", "manager"])
        label = None
        if kind == "consult":
            day.contact(t(hhmm), cust, "-", "consult", channel, creg=creg,
                        text=rng.choice(CONSULT_TEXT), label=label)
        elif kind == "fault":
            matter = "FAULT-%s-%d" % (creg, cust)
            day.contact(t(hhmm), cust, matter, "fault", channel, creg=creg,
                        flags=rng.choice(["-", "-", "dept:network"]),
                        text=rng.choice(FAULT_TEXT), label=label)
        elif kind == "complaint":
            text, cause = rng.choice(COMPLAINT_TEXT)
            cflags = rng.choice(["-"] * 8 + ["gold", "vip"])
            day.contact(t(hhmm), cust, "CASE-%d" % cust, "complaint", channel, creg=creg,
                        cflags=cflags, flags=COMPLAINT + "|" + cause, text=text, label=label)
        else:
            day.contact(t(hhmm), cust, "-", "suggestion", channel, creg=creg,
                        text=rng.choice(SUGGEST_TEXT), label=label)


def bad_lines(day):
    """Lines the program or the library rejects: reported, never fatal."""
    day.raw(t("20:10"),
            "1999,31099901,CASE-31099901,2024-05-20 24:10,complaint,hotline,company,-,-,"
            "dissatisfied|demands,440106,440100,-,-,时间写错了（24:10）",
            label="==== Deliberately bad lines: each is reported with its line number and\n"
                  "skipped; the run goes on. ====\n"
                  "Bad time (24:10): rejected by tousu-triage's own parser.")
    day.raw(t("20:11"),
            "1998,31099902,CASE-31099902,2024-05-20 20:11,complaint,hotline,company,-,-,"
            "dissatisfied|demands,440106,440100,4403000,-,需要的地区编码多了一位",
            label="A needed region of seven digits: rejected by the library (value out of range).")
    day.raw(t("20:12"), "archive,1997,31099903,CASE-31099903,2024-05-20 20:12,agent,7001",
            label="Archiving a complaint that was never opened: the library says not found.")


def main():
    rng = random.Random(20240520)
    day = Day()
    scripted(day)
    routine(day, rng)
    bad_lines(day)
    head = [
        "# day.csv - one day of contacts at the Guangzhou branch (440100), Monday 2024-05-20,",
        "# for examples/demo.sh and tousu-triage. GENERATED by make_day.py: edit that, not this.",
        "#",
        "# Contact: id,customer,matter,time,category,channel,body,tier,customer_flags,",
        "#          contact_flags,customer_region,handling_region,needed_regions,staff,text",
        "# Archive: archive,contact_id,customer,matter,time,level,closed_by",
        "# Times are local +08:00; '-' = not given; lists use '|'. See examples/README.md.",
    ]
    lines = head + day.render()
    text = "\n".join(lines) + "\n"
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "day.csv")
    if target == "-":
        sys.stdout.write(text)
    else:
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
