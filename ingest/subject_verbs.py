"""Subjects the verb table (``owner_rules.DUTY_START``) does not know: whether the words after a
body read as what it does ("交警大队同步做好…", "卫生院安排…", "县供电公司同样未雨绸缪…"), by the
word tagger jieba already used for places, and whether the words before them read as names."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ingest import owner_rules as R
from ingest.bodies import is_generic, is_public_body

# The people of a body that act for it ("林业站、安监站工作人员同步在岗值守"): the body is the subject.
STAFF_OF_BODY = re.compile(r"(?:全体)?(?:工作人员|干部职工|干部|人员|民警|职工|队员)")
OFFICIAL_AFTER_BODY = re.compile(rf"{R.OFFICIAL}|(?:分管|主管|主要|副)|[镇乡县区市村厂所站科处院校]长")
PAGE_FIELD_AFTER_BODY = re.compile(r"(?:发布|成文|印发|发文|更新|生成|公开)(?:时间|日期|机构)|(?:浏览|阅读|访问|点击)(?:次数|量)?")
# Word kinds that open what a subject does: verbs, adverbs (同步, 现已), prepositions (对, 在), idioms (未雨绸缪).
ACT_TAGS = ("v", "vn", "d", "p", "i", "l")
MANNER_TAGS = ("a", "ad")
VERB_WINDOW = 8  # characters after the bodies the tagger reads
ACT_MIN_CHARS = 4  # what a subject does, up to the clause's end
TITLE_MAX_CHARS = 8  # …and a short one that ends in a thing's name is a title (升级工程, 提升行动)
NAMED_THING_END = re.compile(r"(?:工程|项目|行动|活动|方案|计划|体系|平台|系统|中心|机制)$")


def verb_follows(rest: str) -> bool:
    """Does ``rest`` open with what a subject does, by the word tagger? Not a relative clause
    ("县公安局发布的通告…") nor a post ("…党组成员、副主任")."""
    if OFFICIAL_AFTER_BODY.match(rest) or PAGE_FIELD_AFTER_BODY.match(rest):
        return False  # a post ("组长：县应急局分管负责同志"), a page's box ("来源：某街道办事处发布时间：…")
    rest = rest[STAFF_OF_BODY.match(rest).end() if STAFF_OF_BODY.match(rest) else 0:]  # (after 等: 安监站、农路办等工作人员)
    if not rest or not "\u4e00" <= rest[0] <= "\u9fff" or re.match(r"[\u4e00-\u9fff]{1,4}的", rest):
        return False
    clause = re.split(r"[，,。；;：:！？!?\n]", rest, maxsplit=1)[0]
    if len(clause) < ACT_MIN_CHARS or (len(clause) <= TITLE_MAX_CHARS and NAMED_THING_END.search(clause)):
        return False  # an item's title, a noun phrase: "2.区级OPC社区认定。", "（一）区指挥中心升级工程"
    words = _tagged(rest[:VERB_WINDOW])
    if len(words) > 1 and words[0][1] in MANNER_TAGS and words[1][1] in ("v", "vn", "p"):
        return True  # the manner of the act, then the act: 严密打击, 认真组织, 严格按照…
    return bool(words) and words[0][1] in ACT_TAGS and words[0][0] not in NOT_AN_ACT


# (…nor a noun made of a verb: 区政府工作报告, 县应急局管理范围)
NOT_AN_ACT = {"和", "与", "及", "等", "为", "是", "在内", "所属", "下属", "主要", "有关", "相关", "工作", "管理", "服务", "领导",
               "下设", "内设", "设在", "设于", "位于", "关于"}  # (…nor how a body is made: 领导小组下设办公室)
# Words no list of bodies opens with: a membership (成员以…), an aside (其中…).
NOT_NAMES_START = re.compile(r"(?:成员|组员|其中|包括|以及|通过|经过)")


def reads_as_names(names: str) -> bool:
    """Names, not a clause that ends in a name's suffix ("继续对全县所…", "成员以公共服务办公室"): no verb,
    adverb or preposition first and no membership or aside."""
    words = _tagged(names[:VERB_WINDOW])
    last = re.split(r"[、，,和及与]", names)[-1]  # a full name, not a bare level cut off a longer one ("乡|应急办")
    if is_generic(names):
        return True  # 相关部门, 各有关单位 (相关, 有关 read as verbs)
    return bool(words) and words[0][1] not in ACT_TAGS and not NOT_NAMES_START.match(names) \
        and not NOT_IN_NAMES.search(names) and len(last) >= NAME_MIN_CHARS \
        and not any(tag in CLAUSE_TAGS for _, tag in _tagged(names[-NAME_WINDOW:]))


CLAUSE_TAGS = ("p", "d")  # a preposition or an adverb inside: "党政领导干部每年至少向同级党委常委会"
NAME_WINDOW = 30


NAME_MIN_CHARS = 3


def word_boundary(text: str, at: int) -> bool:
    """Does the tagger end a word at ``at`` (not "乡|应急办", "县安委|会各成员单位")?"""
    window_start = max(0, at - VERB_WINDOW)
    pos = window_start
    for word, _ in _tagged(text[window_start:at + VERB_WINDOW]):
        pos += len(word)
        if pos >= at:
            return pos == at
    return True


# a clause around a name (区几大班子领导到所联系的乡镇, 支队以消委, 重点整治校园内部), a date run into one (200658日经省政府)
NOT_IN_NAMES = re.compile(r"的|以|到|\d|(?:内|外|全|局|干)部$")


def name_goes_on(names: str, rest: str) -> bool:
    """Is the last name cut inside a longer one ("国家矿山安全监察局|调研评估组、…")?"""
    last = re.split(r"[、，,和及与]", names)[-1]
    longer = last + re.split(r"[、，,。；;：:和及与\s]", rest, maxsplit=1)[0]
    return longer != last and (is_public_body(longer) or bool(GROUP_NAME_END.search(longer)))


WORD_AFTER_SUFFIX = re.compile(r"所[需有在属称列得以]")  # 所需, 所在…: a word, not a 所 (institute)
GROUP_NAME_END = re.compile(r"[\u4e00-\u9fff]{2,6}(?:组|队|班)$")  # a body's own group: 调研评估组, 巡逻队


@lru_cache(maxsize=4096)
def _tagged(words: str) -> tuple[tuple[str, str], ...]:
    import jieba
    import jieba.posseg  # the tagger's dictionary loads on first use

    jieba.setLogLevel(logging.WARNING)
    return tuple((w.word, w.flag) for w in jieba.posseg.cut(words))


