"""Question-analysis rules as data: intents, the words that carry no topic, and the English
lexicon. A new phrasing is a line here (tests/test_qa.py has one example per rule)."""
from __future__ import annotations

import re

# Intent patterns, tried in order: the first that matches wins. Frequency questions ("多久…一次")
# are targets, not deadlines, so they come before the deadline patterns.
INTENT_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((intent, re.compile(rx, re.I)) for intent, rx in (
    ("metric", r"多久.{0,12}一次|多长时间.{0,12}[一1]次|how often|how frequently"),
    ("co", r"配合|协同|会同|协助|\bsupport|\bcooperat|\bassist"),
    ("lead", r"牵头|\blead|\bin charge"),
    ("unit_tasks", r"有哪些任务|任务清单|哪些任务|what tasks|which tasks"),
    ("deadline", r"什么时候|何时|时限|截止|期限|多长时间内|几天内|哪天|when\b|deadline|by when"),
    ("metric", r"多少|几家|几次|几个|比例|占比|频次|频率|目标|指标|合格率|控制在|达到|下降|提高到|"
               r"how many|how much|what share|percentage|\btarget|\brate\b"),
    ("responsible", r"谁|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|负责(?!人)|责任单位|归哪|"
                    r"\bwho\b|which department|which unit|responsible"),
))
DEFAULT_INTENT = "passage"
OWNER_INTENTS = ("lead", "co", "responsible")

# Words that say what kind of answer is wanted, not what it is about: dropped from the query.
QUESTION_WORDS = re.compile(
    r"请问|是否|由谁来|由谁|归谁|谁来|是谁|谁|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|哪些|哪个|什么|"
    r"多少|多久|多长时间|怎么|怎样|如何|要求|需要|必须|要在|要|规定|提出了|有哪些|这块|这项工作|工作|"
    r"牵头|配合|会同|负责|责任单位|按照|按|根据|[？?。，,、！!“”\"'（）()]")

# A few frequent English terms → the Chinese words the documents use. The cross-lingual
# embedder handles the rest; these make the keyword leg and the intent work in English.
LEXICON: tuple[tuple[str, str], ...] = (
    ("work safety committee", "安委会"), ("safety committee", "安委会"),
    ("member units", "成员单位"), ("member unit", "成员单位"),
    ("hazardous chemicals", "危险化学品"), ("dangerous chemicals", "危险化学品"),
    ("special equipment", "特种设备"), ("road traffic", "道路交通"), ("traffic", "交通"),
    ("fire safety", "消防安全"), ("fire", "消防 火灾"), ("rectification", "整治"),
    ("periodic inspection", "定检"), ("inspection rate", "检验率"), ("inspection", "检查 检验"),
    ("drills", "演练"), ("drill", "演练"), ("emergency", "应急"), ("deaths", "死亡"),
    ("death", "死亡"), ("population", "人口"), ("accident", "事故"), ("accidents", "事故"),
    ("mine", "矿山"), ("mining", "矿山"), ("coal", "煤矿"), ("construction", "建筑施工"),
    ("gas", "燃气"), ("outsourced", "外包"), ("outsourcing", "外包"), ("training", "培训"),
    ("insurance", "保险"), ("hidden dangers", "隐患"), ("hazards", "隐患"), ("risk", "风险"),
    ("report", "报告 述职"), ("same level", "同级"), ("annual", "年度"), ("target", "目标"),
    ("share", "占比"), ("rate", "率"), ("four-no", "四不"), ("unannounced", "四不"),
    ("work safety", "安全生产"), ("safety", "安全"), ("production", "生产"),
    ("emergency management bureau", "应急局"), ("fire brigade", "消防救援支队"),
    ("fire rescue", "消防救援"), ("market supervision", "市场监管局"), ("education", "教育"),
    ("transport", "交通运输"), ("half a year", "半年"), ("quarter", "季度"),
    ("how often", "每"), ("district", "区"), ("county", "县"), ("city", "市"),
)
_LEXICON_RX = re.compile("|".join(re.escape(en) for en, _ in sorted(LEXICON, key=lambda p: -len(p[0]))),
                         re.I)
_LEXICON = {en.lower(): zh for en, zh in LEXICON}

# What a clause needs to answer each intent (beside sharing the question's words).
ANSWER_SHAPES = {
    "metric": re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|家|次|人|个|处|项|倍)?|每(?:年|半年|季度|月|周|天|日)|"
                         r"[一二两三四五六七八九十百]+(?:家|次|个)|全覆盖|合格率|以内|以下"),
    "deadline": re.compile(r"\d{4}\s*年.{0,6}(?:底|前)|\d+\s*(?:日|天|个工作日|个月)内|年底前|月底前|之前"),
    "owner": re.compile(r"由.{2,40}?负责|.{2,30}?牵头|.{2,30}?(?:组织|负责)|设在.{2,20}|"
                        r"(?:部门|机关|机构|委员会)(?:依法|应当|负责)"),
}

CJK = re.compile(r"[\u3400-\u9fff]")


def is_english(question: str) -> bool:
    return len(CJK.findall(question)) < len(question) * 0.2


def translate_terms(question: str) -> str:
    """The Chinese words the lexicon knows in an English question, space-joined."""
    return " ".join(_LEXICON[m.group(0).lower()] for m in _LEXICON_RX.finditer(question))


def intent_of(question: str) -> str:
    for intent, pattern in INTENT_PATTERNS:
        if pattern.search(question):
            return intent
    return DEFAULT_INTENT
