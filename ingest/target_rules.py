"""How notices write a target (目标指标), as data: a quantity, and a goal verb or comparison.

A target is a clause holding a quantity (a percentage, a count, an amount, an area, a length of
time…) that the notice sets as a goal or a bound: 达到95%, 下降10%, 不少于100名, 控制在0.01以内,
建成20个, 给予最高50万元. Some forms carry their bound in their own words (至少…1次, 每季度…1次,
最长30天, 16—24岁); the others count only in a clause with a goal word. A measure without a
number is no target, and 一 before a measure word (开展一次活动, 建立一套制度) is the article
"a", not a number, unless a bound or a cadence says how often (至少组织一次演练).
A new form is one line here and one example in tests/test_targets.py.
"""
from __future__ import annotations

import re

_N = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万半]+)"
_CN_N = r"[一二两三四五六七八九十百千万半]+"
# Chinese numerals that are a number, not the article 一 (一次, 一个): 两, 十, 三百, 一万
_CN_NUMBER = r"(?!一(?![十百千万]))" + _CN_N
# Measure words of counted targets, amounts and durations.
_COUNTED = r"(?:家|户|个|项|名|人|所|座|处|条|台|辆|套|支|类|场|批|次|部|本|张|篇|期|户次|人次|起)"
_AMOUNT = r"(?:元|万元|亿元|千元|万|亿)"
_SPAN = r"(?:年|个月|月|天|日|周|小时|分钟|个工作日)"

# (name, pattern, needs a goal word in its clause). Forms that hold their own bound say False.
TARGET_FORMS: tuple[tuple[str, re.Pattern, bool], ...] = tuple(
    (name, re.compile(rx), needs_goal) for name, rx, needs_goal in (
        # 下降44.7% / 覆盖率达到95% / 0.3‰以内
        ("percent", r"\d+(?:\.\d+)?\s*[%％‰]", True),
        # 控制在0.01以内 / 不低于80 / 降至3
        ("rate_bound", r"(?:控制在|低于|不高于|不超过|不低于|不少于|达到|降至|下降至|下降|上升|提高到|提高|减少|超过|突破)"
                       r"\s*\d+(?:\.\d+)?", False),
        # 至少组织一次演练 / 至少列出10项
        ("at_least", rf"至少[\u4e00-\u9fff]{{0,4}}?{_N}\s*(?:次|项|个|名|人|家|天|小时)", False),
        # 每季度至少开会研究1次 / 每年组织一次演练
        ("frequency", rf"每(?:年|半年|季度|季|月|周|旬|天|日)(?:[^，。；,;]{{0,20}}?){_N}\s*次", False),
        # 一周一小练、一月一大练
        ("cadence", r"一(?:周|月|季度|年)一[\u4e00-\u9fff]{1,3}", False),
        # 5家企业完成改造 / 建成20个 (not a date: 3月, 5日)
        ("count", rf"(?<![\d.年第])\d+(?:\.\d+)?\s*(?:万|千)?\s*{_COUNTED}(?![年月日号])", True),
        # 最高50万元 / 每平方米1000元
        ("amount", rf"(?<![\d.])\d+(?:\.\d+)?\s*{_AMOUNT}", True),
        # 不少于两万平方米 / 30公里
        ("area_length", rf"(?:\d+(?:\.\d+)?|{_CN_N})\s*(?:平方米|平方公里|立方米|公里|千米|米|亩|吨|千瓦)", True),
        # 最长30天 / 连续3年 / 不超过36个月 / 3年内 (a length of time promised or allowed)
        ("duration", rf"(?:最长|最多|连续|不超过|不少于|长达|为期|期限|享受)\s*{_N}\s*{_SPAN}"
                     rf"|(?<![\d年])\d+\s*(?:个月|{_SPAN})内", False),
        # 16—24岁 / 3—12个月 / 3年以上 (ranges and bounds of ages and lengths)
        ("bounded_span", rf"\d+\s*[—\-－~～]+\s*\d+\s*(?:岁|{_SPAN})|\d+\s*(?:岁|{_SPAN})(?:以上|以下|以内)", False),
        # 最高可按4倍 / 8.5折
        ("multiple", rf"{_N}\s*(?:倍|折)", True),
        # 培育千家 / 集聚万名 / 超千万 (counted in Chinese numerals after a verb of growth)
        ("cn_count", rf"(?:建成|培育|集聚|打造|引进|新增|建设|达到|超过|超|突破|不少于|不低于|力争|培训|组织|开展|选拔){_CN_NUMBER}"
                     rf"(?![年月日号]){_COUNTED}?(?:{_AMOUNT})?|{_CN_NUMBER}(?:个|家|名)(?=[\u4e00-\u9fff]{{2,}})", False),
    ))

# Goal verbs, comparisons and rates: what makes a quantity a target rather than a fact.
GOAL_WORDS = re.compile(
    # comparisons and bounds
    r"达到|达|不低于|不少于|不超过|不高于|不大于|不小于|低于|高于|超过|超|突破|以上|以下|以内|之内|至少|最高|最低|最长|最多|"
    r"控制在|降至|降低|下降|减少|压减|缩短|缩减|上升|提高|提升|增长|增加|增至|翻番|左右|"
    # rates and shares
    r"率|占比|比例|比重|覆盖|"
    # goal verbs: what is to be built, reached, given or done by the number
    r"完成|实现|建成|建设|建立|创建|打造|培育|培养|培训|引进|集聚|新增|新建|改造|安装|推广|达标|选拔|遴选|评选|认定|"
    r"资助|扶持|支持|给予|提供|补贴|补助|奖励|返还|减免|享受|获|设立|组建|筹集|挖掘|发掘|转化|服务|上线|举办|列出|"
    r"筹建|引才|发放|投入|确定|要求")
# Numbers that are not targets: dates, years, document numbers, ordinals, set phrases.
NOT_A_NUMBER = re.compile(r"20\d{2}\s*年|〔\d{4}〕|第\s*\d+|\d+\s*号|十[一二三四五六七八九]五"
                          r"|千家万户|千方百计|一个|一批|一把手|一岗双责|一站式|一体化|两个维护|三个必须")
# A list marker before a target: 二是至少组织…, 其一，…, （1）… (the target is what follows).
LIST_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]+[，,、]?|[（(]\d{1,2}[）)])\s*")
# Where a clause ends: punctuation outside quotation marks (and every line break: a heading such
# as 工作目标 stands on its own line, with no punctuation after it).
CLAUSE_ENDS = "，,；;。！？!?"
QUOTES = {"“": "”", "‘": "’", "「": "」", "《": "》"}
