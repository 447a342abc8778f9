"""Document metadata from the clean text: title, 文号, issuer, date, region and level."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.dates import parse_date
from ingest.vocab import TITLE_KINDS

# 济政办函〔2021〕8号 / 源安委发〔2021〕7号 / 国发[2020]3号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
# "济南市人民政府办公厅关于印发《X》的通知": the plan X is the title, the prefix the issuer.
# (…without 关于 when it ends so: "重庆市人民政府办公厅转发重庆市…实施意见的通知")
WRAPPER = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]*?)(?:关于(?:印发|转发|下发)(?P<title>.+?)(?:的(?:通知|函))?"
                     r"|(?:印发|转发|下发)(?P<bare_title>[^，,。；;]+?)的(?:通知|函))$")
QUOTED = re.compile(r"《([^《》]+)》")
TITLE_LINE = re.compile(
    r"(?:方案|规划|要点|举措|意见|办法|规定|条例|细则|计划|纲要|决定|措施)(?:[（(][^（）()]*[）)])?$")
# Not a title: a web page's furniture ("今天是:", "访问次数 : 发布时间 :…", "来源：…", "首页 > …"),
# a table row, or an item, heading or owner label of an excerpt that begins mid-list ("4.负责…").
PAGE_FURNITURE = re.compile(r"[:：。]\s*$|[|\t]|首页\s*[>＞]|当前位置|^\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)"
                            r"|^\s*(?:牵头|配合|责任|协办|主办|承办)(?:单位|部门)\s*[:：]|(?:发布时间|发布日期|访问次数|点击|来源|作者|字号)\s*[:：]"
                            r"|^\s*(?:索引号|主题分类|发文机关|发布机构|发文字号|成文日期|有效性)\s*[:：]")
# The information box of a web page copied with the text: "标题：…" is the title line, and
# "发文机关：某办公室　成文日期：2025年4月10日" names the issuer up to the next label.
TITLE_LABEL = re.compile(r"^(?:标题|文件名称|名称)\s*[:：]\s*")
ISSUER_LABEL = re.compile(r"^(?:发文机关|发布机构|发布机关|发文单位|制发机关)\s*[:：]\s*(?P<issuer>[^\s\u3000:：]{2,40}?)"
                          r"(?=[\s\u3000]|$|(?:成文日期|发文日期|发布日期|日期|发文字号|文号)\s*[:：])")
ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,40}(?:人民政府|办公厅|办公室|委员会|办事处|人民代表大会常务委员会|局|厅|部)$")
# the issuing body after an adoption date: "2015年11月26日 重庆市第四届人民代表大会常务委员会…通过"
LAW_ISSUER = re.compile(r"(?:\d{1,2}\s*日\s*)?([\u4e00-\u9fff]{2,20}?人民代表大会(?:常务委员会)?|国务院|[\u4e00-\u9fff]{2,12}人民政府)")
# A government the text names: 广州市人民政府, 中共广州市委 (a place with its level).
NAMED_GOVERNMENT = re.compile(
    # where a name starts: after punctuation or a word that introduces one (印发, 根据, 中共 …),
    # never inside a phrase (全面完成市政府… holds no place 面完成市)
    r"(?:中共)?(?:(?<![\u4e00-\u9fff])|(?<=[发据与和及由经共]))(?!直辖|自治|地级|县级|市级|省级|区级|设区|本|全|各|我)"
    r"((?:(?![在与和及的是对为于会要把将])[\u4e00-\u9fff]){2,4}?[省市县区])(?:人民政府|委员会|委(?![员会])|政府)")
TEXT_GOVERNMENT_CHARS = 600  # where a notice names whose it is: its opening paragraphs
TITLE_MAX = 60
MD_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发|发布)?\s*$")
# a web page's information box dates the page, often in ISO form: "发布时间:2022-06-16 11:27", "成文日期：2017-06-30"
LABELLED_DATE = re.compile(r"(?P<label>成文|发文|印发|发布|发表)(?:时间|日期)\s*[:：]\s*(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})"
                           r"\s*[-/.月]\s*(?P<d>\d{1,2})")
# a news page's stamp under its headline, an ISO date with its time: "2016-11-18 17:30", "• 2013-04-01 15:03 评论(0)"
# (the clean text may have lost the space between date and time: "2016-11-1817:30")
STAMP_LINE = re.compile(r"^[\s•·]*(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s*\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
# A level character opening a word with the next one ends no place name: 美丽乡村, 商品交易市场, 行政区域;
# and levels named together are no place's name (上海市区县和乡镇… is of 上海市).
NOT_A_LEVEL = r"(?!(?<=乡)[村镇]|(?<=市)场|(?<=[区县])域)"
NOT_A_NAME = r"(?!区县|县区|乡镇|县市|市县|民族乡)"
# A zone is no district (南阳市居民住宅区…, 山东省风景名胜区条例 are of their city and province).
ZONES = ("住宅区", "风景名胜区", "生态涵养区", "保护区", "开发区", "工业园区", "景区", "示范区", "试验区", "保税区")
NOT_A_ZONE = "".join(sorted({f"(?<!{zone[-2:]})" for zone in ZONES}))
# Place names at the start of a title or issuer, most specific last.
PLACE = re.compile(
    rf"^(?P<prov>[\u4e00-\u9fff]{{2,4}}?省)?(?P<city>[\u4e00-\u9fff]{{2,4}}?市{NOT_A_LEVEL})?"
    rf"(?P<county>{NOT_A_NAME}[\u4e00-\u9fff]{{2,4}}?[区县]{NOT_A_ZONE}{NOT_A_LEVEL})?"
    rf"(?P<town>{NOT_A_NAME}[\u4e00-\u9fff]{{2,4}}?(?:街道|镇|乡){NOT_A_LEVEL})?")


# Places the body names (a web excerpt's title often does not): a place-name tagger's places,
# and a town written after punctuation or at a line's start ("，中子镇…"), which it misses.
PLACES_CHARS = 3000  # where a notice names its own place: its opening
# A regulation names its place in its title and first articles (上海市…条例, 本市行政区域内); tagging its
# first 3,000 characters was a tenth of an all-laws import's CPU (75 of 707 s)
PLACES_CHARS_REGULATION = 600
PLACES_KEPT = 4
NOT_A_PLACE = re.compile(r"^(?:各|全|本|我|该|辖|由|指导|配合|有关|依托|实现|开发区|城中村|城乡|新区|新城|老城|市区|城市|城镇|城建|城区|市区|镇街|镇域|中国|中华人民共和国|国家)")
PLACE_AFTER_BREAK = re.compile(r"(?:^|(?<=[\n，,。；;：:\s]))((?:(?![按照根据并报要把确保我的在与和及对为于将各全本])[\u4e00-\u9fff]){2}(?:镇|乡|街道|县|区|市))(?![镇乡街县区市])"
                               + NOT_A_LEVEL)
# Words no place name holds: a title or sentence that only looks like "<place><level>…".
NOT_A_PLACE_WORDS = re.compile(r"全面|推进|推动|组织|领导|按照|根据|深化|深入|传达|学习|贯彻|落实|加强|开展|完成|关于|做好|切实|分别|并由"
                               r"|进一步|日前|全县|全市|全省|全区|各|委|城市|副|或")
PLACE_LEVEL = re.compile(r"(?:省|自治区|市|县|区|州|旗|镇|乡|街道)$")


@dataclass
class DocMeta:
    title: str = ""
    number: str = ""
    issuer: str = ""
    date: str = ""
    region: str = ""
    level: str = ""
    places: str = ""  # places the body names, most named first, joined by 、


def _lines(preamble: str) -> list[str]:
    return [TITLE_LABEL.sub("", ln.lstrip("#").strip()) for ln in preamble.split("\n") if ln.strip()]


def _title_and_issuer(lines: list[str]) -> tuple[str, str]:
    for i, line in enumerate(lines[:12]):
        # a wrapper title broken over two lines: "…关于印发" / "《X》的通知", or "…关于印发X" / "的通知"
        joins = i + 1 < len(lines) and (lines[i + 1].startswith("的") or line.endswith(("关于印发", "关于转发", "关于下发")))
        candidate = line + (lines[i + 1] if joins else "")
        m = WRAPPER.match(candidate)
        if m:
            wrapped = m.group("title") or m.group("bare_title")
            inner = QUOTED.search(wrapped)
            title = inner.group(1) if inner else wrapped
            return title.strip(), m.group("issuer")
    for line in lines[:12]:
        if TITLE_LINE.search(line) and len(line) <= TITLE_MAX and not DOC_NUMBER.search(line):
            return line, ""
    for line in lines[:6]:
        if len(line) > TITLE_MAX or "。" in line.rstrip("。"):
            break  # the body has begun (a long line, sentences): a short line after it is no title
        if not DOC_NUMBER.search(line) and not DATE_LINE.match(line) and not PAGE_FURNITURE.search(line):
            return line, ""
    return "", ""


def _issuer(lines: list[str], found: str, regulation: bool) -> str:
    if found:
        return found
    for line in lines[:6] + lines[-6:]:
        if ISSUER_LINE.match(line):
            return line
        if labelled := ISSUER_LABEL.match(line):
            return labelled.group("issuer")
    if regulation:  # "2015年11月26日 重庆市第四届人民代表大会常务委员会…通过"
        m = LAW_ISSUER.search("\n".join(lines[:4]))
        if m:
            return re.sub(r"第[一二三四五六七八九十]+届", "", m.group(1))
    return ""


def _date(lines: list[str], text_tail: str) -> str:
    for line in lines + text_tail.split("\n"):
        if DATE_LINE.match(line):
            return parse_date(line)
    # the box's 成文日期 (the day it was signed) before its 发布 date (the day the page went up)
    boxed = sorted(LABELLED_DATE.finditer("\n".join(lines[:8])), key=lambda m: m.group("label") != "成文")
    stamped = [m for m in map(STAMP_LINE.match, lines[:8]) if m]
    if boxed or stamped:
        return parse_date("{y}年{m}月{d}日".format(**(boxed or stamped)[0].groupdict()))
    return parse_date("\n".join(lines[:4]))


def region_and_level(*names: str) -> tuple[str, str]:
    for name in names:
        m = PLACE.match((name or "").removeprefix("中共"))
        if not m or not m.group():
            continue
        region = m.group()
        if NOT_A_PLACE_WORDS.search(region):
            continue  # 全面推进乡村振兴… / 按照浙江省… / 组织领导市…: words of a sentence, no place
        if m.group("town"):
            return region, "街道" if m.group("town").endswith("街道") else m.group("town")[-1]
        if m.group("county"):
            return region, m.group("county")[-1]
        return region, "市" if m.group("city") else "省"
    return "", ""


def _governments_named(text: str) -> list[str]:
    """Governments the opening text names ("根据《中共广州市委、广州市人民政府关于…》"), most
    named first: the document's place when its title and issuer give none."""
    counts: dict[str, int] = {}
    for m in NAMED_GOVERNMENT.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return sorted(counts, key=lambda name: -counts[name])


def extract_meta(preamble: str, text: str, regulation: bool = False, md_title: str = "") -> DocMeta:
    """``preamble`` is the text before the first heading; ``text`` the whole clean text;
    ``md_title`` a Markdown document's "# " line, which is its title as written."""
    lines = _lines(preamble) or _lines(text[:400])
    title, issuer = _title_and_issuer(lines)
    title = md_title or title
    number = DOC_NUMBER.search(preamble or text[:600])
    issuer = _issuer(lines, issuer, regulation)
    region, level = region_and_level(title, issuer, *_governments_named(text[:TEXT_GOVERNMENT_CHARS]))
    return DocMeta(
        title=title,
        number=number.group().replace(" ", "") if number else "",
        issuer=issuer,
        date=_date(lines, text[-300:]),
        region=region,
        level=level,
        places="、".join(places_named(text[:PLACES_CHARS_REGULATION if regulation else PLACES_CHARS])),
    )


def places_named(text: str) -> list[str]:
    """The places ``text`` names, most named first: 安康市, 江西, 中子镇."""
    import jieba
    import jieba.posseg  # the tagger's dictionary loads on first use, only when a document is read

    jieba.setLogLevel(logging.WARNING)  # its loading notes are no message for the user

    counts: dict[str, int] = {}
    tagged = [w.word for w in jieba.posseg.cut(text) if w.flag == "ns" and len(w.word) >= 2]
    towns = [m.group(1) for m in PLACE_AFTER_BREAK.finditer(text)]
    words_as = jieba.posseg.dt.word_tag_tab  # the dictionary's own reading of a whole word
    for word in tagged + towns:
        # 责任区, 辖区, 开发区 are nouns in the dictionary, whatever the tagger said in context
        if not NOT_A_PLACE.match(word) and words_as.get(word, "ns") == "ns":
            counts[word] = counts.get(word, 0) + 1
    # the tagger also tags words such as 重特大, 深度 or 上市: a place is written with its level
    # (淄川区) or before one somewhere (淄川 of 淄川区), and its name without the level is two
    # characters or more; a town found by its break is named twice
    kept = [w for w in counts if len(PLACE_LEVEL.sub("", w)) >= 2 and (
            (w in tagged and (PLACE_LEVEL.search(w) or re.search(re.escape(w) + "[省市县区镇乡]", text)))
            or (w not in tagged and text.count(w) >= 2))]
    ranked = sorted(kept, key=lambda w: (-counts[w], -bool(PLACE_LEVEL.search(w)), w))
    return ranked[:PLACES_KEPT]


# a bracketed note after the kind word: 办法（试行）, 条例（2021年修订）
TITLE_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def title_kind(title: str) -> str:
    """What a document calls itself (方案, 要点, 规划, 条例…) from the word its title ends
    with (ingest.vocab.TITLE_KINDS); "" when the title says no kind."""
    core = TITLE_NOTE.sub("", title.strip().strip("》"))
    for word, kind in TITLE_KINDS:
        if core.endswith(word):
            return kind
    return ""
