"""The words policy documents use for targets, in one place.

Every list here is vocabulary of the genre (comparators, fillers, verbs of
doing, cues of the present), not phrases of any one document. The parser
(parse.py) reads a clause with them; docs/extract.md explains each rule.
"""

from __future__ import annotations

import re

# Comparator words standing right before the number (longest first), and the
# comparator each means (see the interpretation rules in docs/extract.md).
BEFORE = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "最少": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "控制在": "<=",
    "压缩至": "<=", "压缩到": "<=", "缩短至": "<=", "缩短到": "<=", "压减至": "<=", "压减到": "<=",
    "提高到": ">=", "提升到": ">=", "提高至": ">=", "提升至": ">=", "增加到": ">=", "增加至": ">=",
    "增长到": ">=", "增长至": ">=", "增至": ">=", "发展到": ">=", "发展至": ">=", "达到": ">=", "达至": ">=", "达": ">=",
    "上升到": ">=", "上升至": ">=", "跃升到": ">=", "跃升至": ">=", "攀升到": ">=", "攀升至": ">=",
    "扩大到": ">=", "扩大至": ">=", "壮大到": ">=", "壮大至": ">=",
    "突破": ">", "超过": ">", "超": ">", "高于": ">", "多于": ">", "大于": ">",
    "低于": "<", "少于": "<", "小于": "<",
    "保持在": "~", "稳定在": "~", "约": "~", "大约": "~",
    "实现": ">=", "提高": ">=", "提升": ">=", "增加": ">=",
    "下降到": "<=", "下降至": "<=", "降低到": "<=", "降低至": "<=", "降至": "<=", "减少到": "<=", "减少至": "<=",
}
# Comparator words that name a rise, not a level (提高0.5个百分点).
RISE_WORDS = ("提高", "提升", "增加")
BEFORE_RE = re.compile(
    r"(?:要|将|需|均|分别)?(?:力争|争取|确保)?"
    r"(?P<word>" + "|".join(sorted(BEFORE, key=len, reverse=True)) + r")$"
)
# After the number and its unit.
AFTER = {"以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "左右": "~", "上下": "~",
         "多": ">", "余": ">"}
AFTER_RE = re.compile(r"(?:及以上|以上|以下|以内|左右|上下|多|余)")

# 为 before a number states a value (比例为12.5%) unless it is 成为, 作为, 认定为 …
IS_RE = re.compile(r"(?<![成作认分列评视改定转升设称更变划归])为$")
# Names of measures that may stand right before their figure with no verb
# (拥有量6件, 比重30%): with a year in the sentence, a target.
MEASURE_END_RE = re.compile(r"(?:量|比重|占比|强度|比例|率|指数|总数|数量|人数|增加值|收入|产值|额|规模)$")
# Money that is a fund set up or a grant given, not a figure to reach: 设立规模
# 20亿元转化基金 (the name after the figure), 给予最高30万元奖励, 每年可获得300万元.
FUND_RE = re.compile(r"的?[\u4e00-\u9fff]{0,12}?(?:基金|专项资金|引导资金)")
# A budget is money too (每年安排专项资金…, 统筹安排…), and a cap on a grant
# (单户年度贴息最高30万元, 每年最高500万元).
_GRANT_TERMS = r"(?:最高|不超过|最多|一次性|累计|每年|每月|每家|每人|每户|每个|每项|每(?:平方米|平米|亩|台|套)|年度|(?:\d|[一二两三四五])年内)"
GRANT_RE = re.compile(r"(?:(?:获得|获|给予|予以|安排|统筹|奖励|补助|资助|补贴|奖补|贴息)"
                      + _GRANT_TERMS + r"{0,3}|最高(?:不超过)?)$")
# Money per firm, per project or per person, or a support fund: the terms of a
# grant (单个企业每年不超过200万元, 每项支持资金不低于1000万元), a budget
# (市财政每年安排…专项资金1亿元, 资金池规模扩大至2亿元), or the grant itself
# named after its figure (分别给予50万元、30万元奖励), not a target.
GRANT_NAME_RE = re.compile(r"^按?(?:单个|单项|单家|单户|单笔|每个|每家|每项|每户|每人|每名)|"
                           r"(?:单个|单项|每个|每项)(?:项目|企业|团队|机构)|"  # 省重点研发计划单个项目支持额度
                           r"(?:支持|补助|奖励|扶持|资助|补贴)(?:资金|经费|金额|额度)(?:一般|原则上)?$|"
                           r"(?:专项资金|引导资金|发展资金|转贷资金|资金池(?:总?规模)?)$|"
                           r"安排[\u4e00-\u9fff]*(?:资金|经费)$|(?:奖励|补助|补贴|资助|奖补|贴息)$")
# Names of figures that are no goal: the weight of an indicator in an
# assessment (考核权重, 分值占比: how a score is counted), the scale of a
# project in a list of projects (总投资85亿元, 占地320亩), a contest's prizes,
# and the share of a result's income its inventors are paid (a rule, not a goal).
NO_GOAL_NAME_RE = re.compile(r"(?:权重|分值占比|分值比重|分值)(?:占比)?$|^(?:项目)?(?:总投资|计划总投资|占地|总建筑面积)|"
                             r"^设(?:置)?(?:[一二三特]等奖|优秀奖|奖项)|"  # 设一等奖3名: a contest's prizes
                             r"(?:收益|收入)[^,;。]{0,16}?(?:奖励|奖给|分配给|用于)[^,;。]{0,16}?比例$")  # a share of income paid out
# A figure the grant is reckoned from, of any unit: 按投资额的10%给予补助,
# 给予50%补助 (the second: GRANT_RE before it).
GRANT_AFTER_RE = re.compile(r"的?(?:给予|予以)")
# A name that points back (这一比重, 该指标): the measure of the figure before,
# even across a semicolon.
ANAPHOR_RE = re.compile(r"(?:这一|这个|该|此)项?(比重|比例|占比|指标|数值|规模|数量|总量|水平)")
# A clause naming whom a measure is for (对年营业收入超过1亿元的企业): its figures
# are conditions. 对照, 对标, 对接 … are verbs, not 对 of a condition.
# Heading labels at the start of a body line (第三条, 一、, (二), 3.).
_LABEL = (r"(?:第[一二三四五六七八九十百\d]+[章节条]\s*|[一二三四五六七八九十]+、|"
          r"\([一二三四五六七八九十]+\)|\(\d{1,2}\)|\d{1,2}[.、](?!\d)\s*)")
CONDITION_RE = re.compile(r"\s*" + _LABEL + r"?(?:对于|对(?!照|标|接|外|口|比)|凡|针对)")
# A sentence of what an applicant must meet (申请认定的中试基地,设备原值应不低于…).
APPLICANT_RE = re.compile(r"\s*" + _LABEL + r"?(?:申请|申报)[^,;。]{0,20}?(?:的|单位|企业|机构|主体)")
# The figures of a condition may be a list before its 的: 对营业收入首次突破
# 10亿元、50亿元、100亿元的企业, 对建筑面积1万平方米以上、在孵企业30家以上的孵化器.
CONDITION_LIST_RE = re.compile(r"(?:[、和及或]\s*[\u4e00-\u9fff]{0,8}?\d+(?:\.\d+)?\s*(?:万亿|亿|千万|万|千|百)?"
                               r"(?:元|%|家|个|件|人|项|吨)?(?:以上|以下)?)*"
                               r"(?:(?:且|并且|或者?|同时)[^,;:。的]{0,30})?的")  # …2000万元且研发投入占比超过3%的企业
# A figure that says which items are counted by the next one (投资5000万元以上
# 项目30个, 亿元级企业5家, 营业收入超百亿元企业达到5家): the noun follows at
# once and its count after it.
QUALIFIED_RE = re.compile(r"(?:以上|以下)?的?[\u4e00-\u9fff]{0,8}?(?:项目|企业|产业|集群|工程|园区|平台|基地)"
                          r"(?=(?:数量)?(?:达到|突破|超过|增至|增加到|达)?(?:\d|[一二三四五六七八九十两]{1,3}[个家项所]))")
# 前100名企业: a group named by its rank (not 前50名行列, a rank to reach).
RANK_GROUP_RE = re.compile(r"的?(?!行列|之列|以内|以上)[\u4e00-\u9fff]")
# 累计 / 总数 in a figure's own clause: a total, not yearly even after 每年.
CUMULATIVE_RE = re.compile(r"累计|总数|总量")
# A 力争 / 争取 makes a value an aspiration (a stretch beside a floor).
ASPIRATION_RE = re.compile(r"力争|争取|努力|力增")
ANNUAL_RE = re.compile(r"每年度|每年|年度|每一年|逐年|年均(?!增长|增速|增幅|浓度|气温|降水|值|水平)")  # 年均浓度: an average, not a yearly flow
INCREASE_RE = re.compile(r"新增|净增|累计|增加(?!值)|新培育|新认定|新引进|新建|新立项|(?<!吸)引进|争创")  # not 增加值 (value added)
GROWTH_RE = re.compile(r"(?:年均|年平均|每年)?(?:增长率|增速|增幅|增长)(?:保持在|达到|不低于|超过|高于|为)?$")
YEARLY_GROWTH_RE = re.compile(r"年均|年平均|每年")
# A fall in % (单位地区生产总值能耗累计下降13.5%, 年均下降3%): the name before it is
# a measure to bring down.
FALL_RE = re.compile(r"(?P<yearly>年均|年平均|每年)?(?:累计)?(?:下降|降低|减少|削减|压减)(?:了)?$")
SHARE_NAME_RE = re.compile(r"强度|比重|比例|占比|率|占.{0,20}的?比|覆盖面|份额")
MULTIPLE_RE = re.compile(r"(?:(?<![\d一二两三四五六七八九十])(?P<n>[一二两三\d]{1,2}年))?(?P<word>翻一番|翻番|翻两番|翻三番|双倍增|倍增|增长(?P<times>\d+|[一二两三四五])倍)")
MULTIPLE_VALUES = {"翻一番": 2, "翻番": 2, "翻两番": 4, "翻三番": 8, "双倍增": 2, "倍增": 2}
# A place to reach or keep: 保持全市第一, 跃居全省第三位, 进入全国第5名, 排名提升至第4位 (not
# 第一方阵, 第一批, 第三届: a group, a batch, an edition). 位居, 居, 位列 and 排名
# 第N state where a region stands, more often than where it is to stand.
TARGET_ORDINAL_RE = re.compile(
    r"(?P<verb>保持|稳居|稳定在|跃居|跻身|进入|争创|力争|争取|(?:提升|上升|提高|前移|跃升)(?:至|到))"
    r"(?P<scope>(?:全国|全省|全市|全区|全县|省内|国内)"
    r"(?:[\u4e00-\u9fff]{0,4}?(?:开发区|高新区|园区|县区|区县|县\(市、区\)|城市|地市))?"  # 全省开发区第一: among its kind
    r"|同类[\u4e00-\u9fff]{0,6}?)?"
    r"第(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?(?![\u4e00-\u9fff]{0,6}?(?:方阵|梯队|阵营|梯次)|[批届步阶次个条项])")
ORDINAL_RANK_RE = re.compile(r"(?P<name>(?:全国|全省|全市|省内|国内)?(?:排名|排位|位列|位居|居)(?:全国|全省|全市|省内|国内)?)第(?P<n>\d+|[一二三四五六七八九十]+)(?:位|名)")
RELATIVE_RE = re.compile(
    r"(?P<word>超过|高于|达到|不低于|赶上|优于|领先)(?P<ref>[^,;]{1,14}?)的?平均(?:水平|数|值)"
)

# A base year named in the text: 比2020年提高, 较2020年, 以2020年为基数.
BASE_YEAR_RE = re.compile(r"(?:比|较|相比|相较|与)(?P<y>\d{4})年(?:底|末)?|以(?P<y2>\d{4})年(?:为|作为)(?:基数|基期|基准)"
                          r"|(?:比|较)(?:基期|基期年|基准年)")
HEADING_LABEL_RE = re.compile("^" + _LABEL)

# What a quote may leave out at its start: labels, punctuation, the place.
QUOTE_SKIP_RE = re.compile(r"^(?:[\s、,;:—\-]|其中|同时|全市|我市|本市|全县|我县|本县|全区|我区|"
                           r"第[一二三四五六七八九十百\d]+[章节条]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|"
                           r"\(\d{1,2}\)|\d{1,2}[.、](?!\d))+")

# Words at the start of a name that are not part of it.
FILLERS = re.compile(
    r"^(?:[\s、,;:—\-]|其中|同时|全市|我市|本市|全县|我县|本县|全区|我区|全年|今年|本年度|年内|力争|争取|确保|努力|"
    r"要|将|并|使|实现|推动|每年度|每年|年度|累计|新增|净增加|净增|"
    r"积极|大力|加快|持续|不断|全面|重点|着力|进一步|稳步|"
    r"到\d{4}年底?|\d{4}年(?:底|末)?|\d{4}\s*[-—~至]\s*\d{4}年|(?:规划|方案|计划|行动|实施)期(?:内|末|间))+"
)
# Verbs of doing that open a commitment (培育中青年科技人才20名, 建设7家…).
VERBS = (
    "布局建设", "培优做强", "组织实施", "培育组建", "引进培育", "引育", "建设", "新建", "组建", "建成", "培育",
    "打造", "做强", "做大", "引进", "招引", "吸引", "培养", "培训", "举办", "开展", "组织", "实施",
    "支持", "推进", "推动", "扶持", "创建", "认定", "设立", "签署", "签订", "转化", "发布", "攻克",
    "研制", "完成", "孵化", "服务", "带动", "建立", "落地", "引导", "与", "入库", "获批", "形成",
    "争创", "开发(?!区)",  # 开发 of products, not a 开发区
)
VERB_RE = re.compile("|".join(sorted(VERBS, key=len, reverse=True)))
# A clause opened by one of these is an action, not a name (完善评价入库服务).
ACTION_RE = re.compile(r"^(?:完善|健全|加强|强化|优化|深化|加快|落实|提升|推进|推动|实施|开展|建立|支持|"
                       r"引导|鼓励|打造|构建|组织|培育|探索|实行)")
VERB_END_RE = re.compile("(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + ")$")
# A clause opened by one of these frames the sentence (围绕全省打造14个…集群的部署):
# its numbers belong to someone else's plan unless a comparator says otherwise.
FRAMING_RE = re.compile(r"^(?:重点|全面|积极|主动)?(?:围绕|按照|根据|依据|对照|依托|聚焦|结合|借鉴|参照|面向|为|在)")

FRAMING_NAME_RE = re.compile(r"^(?:重点|全面|积极|主动)?(?:围绕|按照|根据|依据|对照|依托|聚焦|结合|借鉴|参照|面向)")
# A lone 百 / 千 right after a verb of doing counts (实施百项示范项目, 培育千家企业);
# elsewhere it is a word (百强, 千家万户).
LONE_COUNT_RE = re.compile("(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + ")(?P<n>[百千])(?=[项个家名所])")
# A sub-area as the subject of a sentence (辽阳高新技术产业开发区在…, 新增…): its
# targets are the sub-area's, not the city's.
SUBJECT_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,14}?(?:高新技术产业开发区|经济技术开发区|高新区|开发区|"
                        r"产业园区|园区|科技园|示范区|新区|产业园))(?=在|要|将|内|新增|建成|实现|达到|力争|争取|,|$)")

# The present, not a target.
PRESENT_RE = re.compile(r"截至目前|截止目前|截至\d{4}年|截止\d{4}年|(?<![由从在较比])目前|(?<![由从在较比])现有(?!的)|已有|已经|已达|"
                        r"现拥有|(?<![人均户口])拥有(?!量)|近年来|近年|去年(?!.{0,3}(?:印发|出台|发布|制定))|上年|同比|比上年|"
                        r"过去[一二三四五六七八九十两\d]{1,2}年|(?<![一二三四五六七八九十两\d])[一二三四五六七八九十两\d]{1,2}年来|过去的\d{4}年|刚刚过去")
# Done already or so far, whatever year the clause names (年内已完成, 已建成12家,
# 截至10月底, 今年以来, 1—10月, 上半年): the present. Not 已认定的企业 (a qualifier).
DONE_RE = re.compile(r"已(?:经)?(?:完成|建成|实现|累计|突破|超过|达到|培育|引进|认定|获批|建立|形成|开展|举办|"
                     r"组织|落地|签约|签订|集聚|新增|入库|备案)(?!的)|截[至止]\d{1,2}月|截[至止][一二三四五六七八九十]{1,2}月|"
                     r"今年以来|年初以来|上半年|前三季度|第?一季度|(?<![\d年])\d{1,2}\s*[-—–~至]\s*\d{1,2}月|"
                     r"[一1]至[二三四五六七八九十]{1,2}月")
# A year's results reported, not targets set: 同比增长, 比上年, 实现了, 取得…成效.
REPORT_RE = re.compile(r"同比|比上年|较上年|上年同期|(?<![为除到])了(?![解结])|"
                       r"取得(?:显著|明显|重大|积极|良好|新的)?(?:成效|成绩|进展)|圆满完成")
BASELINE_SECTION_RE = re.compile(r"现状|发展基础|工作基础|基础条件|现实基础|基本情况|取得成效|主要成效|"
                                 r"工作成效|工作回顾|发展回顾|主要成绩|进展情况|推进情况|完成情况|工作总结|发展成就|"
                                 r"主要进展|进展和成效|进展与成效|实施总体情况|存在的(?:主要)?问题|问题和不足")
# A heading that sets a task (夯实产业发展基础, 巩固工作成效) is no review of the
# present, whatever words it shares with one.
TASK_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、])?\s*"
                             r"(?:夯实|筑牢|打牢|巩固|强化|提升|加强|推动|完善|做强|壮大|加快|深化|优化|拓展)")
PRESENT_VERBS = re.compile(r"(?:拥有|现有|已有|共有|达到|达|实现|完成|累计|有|为|是)$")

# An enumeration: names, 分别, then as many figures (A、B、C分别达到X、Y、Z;
# A和B分别超过X家和Y家). The figures are read by the parser.
ENUM_RE = re.compile(r"分别(?P<verb>(?:" + "|".join(sorted(BEFORE, key=len, reverse=True)) + r"|新增|净增|为|是|有))?")
# Where a measure begins in the last name of an enumeration (科研院所研发经费支出:
# 科研院所 + 研发经费支出, shared by every name).
MEASURE_HEAD_RE = re.compile(r"研发|研究与试验发展|R&D|经费|投入|支出|收入|产值|规模|数量|总数|增加值|营业|销售|占比|比重|强度")

# Who answers for a task: (牵头单位:市科技局;责任单位:市发改委、市工信局), at
# the end of the paragraph whose targets it is for.
RESPONSIBLE_RE = re.compile(r"\((?P<body>(?:牵头|责任|配合)(?:单位|部门)[::][^()]{1,300})\)")
RESPONSIBLE_FIELD_RE = re.compile(r"(?P<role>牵头|责任|配合)(?:单位|部门)[::](?P<names>[^;:]{1,300}?)(?=;|[,,]?(?:牵头|责任|配合)(?:单位|部门)[::]|$)")

# From a base to a target in one clause: 由2020年底的3000多家发展到6000多家,
# 从2020年的2.15%提升到2025年的2.6%.
BASE_PAIR_RE = re.compile(
    r"(?:由|从)(?:(?P<y0>\d{4})年(?:底|末)?的?|(?P<now>目前|现在|现有|当前)的?)?(?P<base>\d+(?:\.\d+)?)(?:多|余)?(?P<bunit>%|[\u4e00-\u9fff]{1,4}?)"
    r"(?P<verb>发展到|发展至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|增至|达到|上升到|上升至|跃升到|跃升至|扩大到|扩大至)"
    r"(?:(?P<y1>\d{4})年(?:底|末)?的?)?(?P<target>\d+(?:\.\d+)?)"
)
# Year scopes: 到2025年, 2023年, 2023-2025年, 到2027年底, "十四五"时期/期间/末.
SCOPE_RE = re.compile(
    r"(?P<pre>到|至|截至|截止到|截止|于|在)?"
    r"(?P<y1>\d{4})\s*(?:年)?\s*(?:-|—|–|~|至|到)\s*(?P<y2>\d{4})年"
    r"|(?P<pre2>到了|到|至|截至|截止到|截止|于|在|展望)?(?P<y>\d{4})年(?P<suf>底|末|前|内)?(?!\d{1,2}月|度)"
)
# The document's own year: 今年, 年内, 本年度 (dated by the document).
THIS_YEAR_RE = re.compile(r"今年|本年度|下半年|(?<![一二两三四五六七八九十百\d])年内(?!容)")
NEXT_YEAR_RE = re.compile(r"明年")  # the year after the document's
# A year named, not as a target year (not after 到/至 or as a range end).
NAMED_YEAR_RE = re.compile(r"(?<![\d到至—\-~])(\d{4})(?:年|\s*(?=[\u4e00-\u9fff]))(?!\s*[-—~至到]\s*\d)")
# The years of a plan, anywhere (a title's (2025—2027年)): the weakest horizon.
PLAN_YEARS_RE = re.compile(r"(?P<y1>\d{4})\s*年?\s*[-—–~至]\s*(?P<y2>\d{4})\s*年?")
# A duration from the document's date: 三年内, 未来五年, 两年时间.
DURATION_RE = re.compile(r"(?:未来|今后|用)?(?<![\d近去前])(?P<n>[一二两三四五六七八九十]|\d{1,2})年"
                         r"(?:内|间|时间|之内|(?=引进|新增|培育|新建|建成|认定|招引|培养|累计|力争|争取))")
# The comparator at the end of a list covers every item of it: 引进团队30个、
# 人才500名以上 (both at least).
LIST_SHARED_CMP_RE = re.compile(r"、[^、,;:。\d]{1,20}?\d+(?:\.\d+)?\s*(?:万|亿)?[\u4e00-\u9fff%]{0,3}?"
                                r"(?P<cmp>以上|以下|左右)")
# The period of the document itself (规划期内, 方案实施期末): its horizon.
PLAN_PERIOD_RE = re.compile(r"(?<![五\"”])(?:规划|方案|计划|行动|实施)期(?:内|末|间)")
PLAN_RE = re.compile(r"[\"“]?(?P<n>十[一二三四五六七八九]?)五[\"”]?(?:时期|期间|末|期末|规划期)")
# Qualitative deliverables with a year (建设任务全部完成, 重组成功).
MILESTONE_RE = re.compile(r"全部完成|重组成功|基本建成|全面建成|顺利开工|开工建设|建成投用|建成投产|投产|"
                          r"通过验收|完成[^,;]{0,14}(?:规划|任务|建设|改造|改革)")

# A named facility built (建成青禾县科技成果转化中心, 科创大厦建成): with a year in
# the sentence and ending it, a milestone. Not a kind of place a region
# becomes (建成创新型城市, 科技强县, 创新高地), not a number of them (一批, 若干),
# not one described by what it is like (具有全国影响力的科技创新中心).
FACILITY_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()“”\"]{2,30}?(?:中心|基地|园区|产业园|科技园|创新园|实验室|研究院|"
                         r"研究所|科技馆|展馆|场馆|大楼|大厦|综合体|孵化器|加速器|众创空间|平台|科技城)")
FACILITY_BUILT_RE = re.compile(r"^建成(?P<a>" + FACILITY_RE.pattern + r")$|^(?P<b>" + FACILITY_RE.pattern + r")建成$")
NOT_A_FACILITY_RE = re.compile(r"的|一批|若干|多个|一系列|各类|一流|体系|高地|强[县市区省]|城市|示范区")

# Measure words of units policygap does not know: such a target is drafted
# as a comment (the loader could not validate it), not dropped.
OTHER_UNIT_RE = re.compile(r"批次|吨标准煤|吨标煤|万吨|吨|千瓦时|千瓦|兆瓦|吉瓦|公里|千米|公顷|立方米|台套|台|套|辆|篇|部|册|株|头|床|张|户次|个/万人|"
                           r"架次|条|"
                          r"[PETG]Flops|[PETG]FLOPS")

# Money words: a bare 亿 / 万 after a number in a name like these is 亿元 / 万元.
MONEY_NAME_RE = re.compile(r"额|投入|经费|收入|产值|资金|信贷|贷款|投资|营收|税收|支出|资本|基金|营业|销售|规模|金额|利润|GDP|生产总值")
# Names of yearly totals (flows) rather than counts at a moment (stocks).
FLOW_NAME_RE = re.compile(r"额|投入|经费|收入|产值|支出|信贷|贷款|投资|营收|培训|培养|举办|引进|攻克|研制|发布|"
                          r"签署|签订|转化|实施|开展|交易|活动|发放|招引|认定|入库|获批|完成")

# Suffixes of names that do not change the indicator (高企总数 = 高企).
NAME_SUFFIX_RE = re.compile(r"(?:总数量|注册数|总数|数量|总量|个数|家数|数|规模)$")
LEVEL_QUALIFIER_RE = re.compile(r"(?:国家级|省级|市级|县级|区级|省部级|省级以上|市级以上|国家重点|省重点)$")
# A heading that is a place alone: the targets beneath it are that place's.
PLACE_TITLE_RE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:片区|新区|高新区|开发区|园区|示范区|核心区|功能区|自贸区|县|区|市|镇)")
SUBAREA_RE = re.compile(r"高新区|开发区|园区|科技园|示范区|新区|产业园|功能区|自贸区")
# Punctuation and spacing ignored when names are compared.
NAME_NOISE_RE = re.compile(r"[\s、,;:\"'“”‘’《》〈〉()\[\]{}·.。\-—]")
