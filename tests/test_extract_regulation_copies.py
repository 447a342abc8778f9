"""Regulations as web pages copy them (issue 19, a page set read this round), each in words of our own:
articles run into the sentence before them, an article that only names whose duties its items are, bodies
the subject pattern did not know (站, 局, 食安办, a level in brackets inside a name), a duty of "负总责",
and a regulation's statement of purpose, which is no one's task."""
import pytest

from ingest.articles import duty_owners
from ingest.pipeline import parse_file
from ingest.sections import paragraphs
from tests.notices import owners, parse, task_with

RULES = "青石县渡船安全管理办法\n"


def test_articles_run_into_the_sentence_before_them_are_paragraphs_of_their_own():
    text = "第一条 为保障渡运安全,制定本办法。第二条 本办法适用于全县渡口。\n城区渡口另行管理。第三条 县交通局负责渡口管理。"
    assert [p.text for p in paragraphs(text)] == [
        "第一条 为保障渡运安全,制定本办法。", "第二条 本办法适用于全县渡口。", "城区渡口另行管理。", "第三条 县交通局负责渡口管理。"]


@pytest.mark.parametrize("reference", ["依照第三条规定的程序办理。", "第五条所称渡口,指固定渡口。", "按照第四条的要求执行。"])
def test_an_article_named_in_a_sentence_is_no_new_paragraph(reference):
    text = "第二条 渡口设置应当报批。" + reference
    assert len(paragraphs(text)) == 1


def test_run_in_articles_give_each_its_holder(tmp_path):
    parsed = parse(tmp_path, "第二条 本办法适用于全县渡口。第三条 县(市)交通局是渡口的主管机关。第四条 乡(镇)人民政府及渡口管理站"
                             "负责辖区渡口的日常管理。第五条 县(市)以下各级公安机关应当维护渡口治安。\n", header=RULES)
    assert owners(task_with(parsed, "主管机关")) == {"responsible": ["县(市)交通局"]}
    assert owners(task_with(parsed, "日常管理")) == {"responsible": ["乡(镇)人民政府", "渡口管理站"]}
    assert owners(task_with(parsed, "渡口治安")) == {"responsible": ["县(市)以下各级公安机关"]}


def test_an_article_naming_whose_duties_its_items_are(tmp_path):
    parsed = parse(tmp_path, "第二章 管理职责\n第六条 县人民政府和有关部门管理职责:\n(一)建立渡口安全责任制;\n(二)组织渡口安全检查。\n"
                             "第七条 乡镇人民政府管理职责:\n(一)落实渡船登记;\n", header=RULES)
    assert owners(task_with(parsed, "安全责任制")) == {"responsible": ["县人民政府", "有关部门"]}
    assert owners(task_with(parsed, "渡船登记")) == {"responsible": ["乡镇人民政府"]}


@pytest.mark.parametrize("article, holder", [
    ("港航(务)监督机关负责渡工的考试发证。", ["港航(务)监督机关"]),
    ("市、县级人民政府水行政主管部门按照职责对取水实施监督管理。", ["市、县级人民政府水行政主管部门"]),
    ("县(市、区)食安办统一负责宴席食品安全管理工作。", ["县(市、区)食安办"]),
    ("乡镇政府(街道办事处)负责宴席的备案。", ["乡镇政府(街道办事处)"]),
    ("各镇人民政府对辖区内水库的度汛安全负总责。", ["各镇人民政府"]),
])
def test_holders_regulations_name_in_other_words(article, holder):
    assert duty_owners(article).responsible == holder


def test_a_definition_names_no_holder():
    assert duty_owners("本办法所称渡口,指两岸之间载运人员的场所。").responsible == []


def test_a_statement_of_purpose_is_no_task(tmp_path):
    parsed = parse(tmp_path, "第一条 为了加强渡口管理,保障群众出行安全,制定本规定。\n第二条 县交通局负责全县渡口的监督管理。\n",
                   header="青石县渡口管理若干措施\n")
    assert [t.text for t in parsed.tasks if "制定本规定" in t.text] == []
    assert owners(task_with(parsed, "监督管理")) == {"responsible": ["县交通局"]}


def test_a_mirror_copys_first_item_written_as_a_formal_one(tmp_path):
    parsed = parse(tmp_path, "第七条 县生态环境主管部门负责水源保护,履行下列职责:\n(壹)编制水源保护规划;\n(二)监测水源水质;\n",
                   header=RULES)
    assert owners(task_with(parsed, "水源保护规划")) == {"responsible": ["县生态环境主管部门"]}
    assert owners(task_with(parsed, "监测水源水质")) == {"responsible": ["县生态环境主管部门"]}


@pytest.mark.parametrize("sentence, holder", [
    ("社区居民委员会、村民委员会协助做好防疫工作。", ["社区居民委员会", "村民委员会"]),
    ("市人民政府公安、司法、财政等有关部门做好职责范围内的殡葬管理工作。", ["市人民政府公安", "司法", "财政等有关部门"]),
    ("(一)组织协调政府有关部门做好公路养护工作;", []),  # a duty of the article's holder, not a body named 组织协调…
])
def test_duties_regulations_give_by_doing_or_assisting(sentence, holder):
    assert duty_owners(sentence).responsible == holder


def test_a_body_with_the_other_kind_it_may_be_and_levels_with_a_remark():
    from ingest.units import split_units
    assert split_units("各级气象台(站)和防汛部门") == ["各级气象台(站)", "防汛部门"]
    assert split_units("各区、乡镇(农场)") == ["各区", "乡镇(农场)"]


@pytest.mark.parametrize("clause", ["配足配好所需设备,加快系统建设。", "本通告所称秸秆包括杂草。"])
def test_a_word_ending_in_suo_is_no_institute(clause):
    from ingest.prose import leading_subject
    assert leading_subject(clause) is None


def test_an_excerpt_whose_bracketed_items_count_on_with_gaps_in_one_line(tmp_path):
    line = ("按照以下分工负责病媒生物防制监督管理工作:(一)卫生健康委负责医疗机构及公共场所病媒生物防制的监督管理,负责病媒生物防制的技术指导、业务培训和密度监测工作,"
            "(三)商务局负责集贸市场病媒生物防制的监督管理工作,完善防制设施及消杀工作,(六)教育局负责监督管理各类学校的病媒生物防制工作,"
            "(十七)各县(市、区)政府负责在辖区内开展孳生地调查和治理工作,单位和个人应当按照爱卫办的要求积极参加病媒生物防制活动。\n")
    parsed = parse(tmp_path, line, header="")
    assert owners(task_with(parsed, "集贸市场")) == {"responsible": ["商务局"]}
    assert owners(task_with(parsed, "各类学校")) == {"responsible": ["教育局"]}
    assert owners(task_with(parsed, "孳生地")) == {"responsible": ["各县(市、区)政府"]}


def test_the_holder_named_after_you_in_a_regulation():
    assert duty_owners("中型水库由县政府负责;库容在10万立方米以下的小型水库,由镇政府负责。").responsible == ["县政府", "镇政府"]
    assert duty_owners("本规定由县应急局负责解释。").responsible == []  # who reads the text: no duty


@pytest.mark.parametrize("article, holder", [
    ("第十七条 市和区、县价格主管部门应当建立价格监测制度。", "市和区、县价格主管部门"),
    ("第二十三条 市和区、县（市）人民政府应当建立生态补偿机制。", "市和区、县（市）人民政府"),
])
def test_levels_sharing_a_body_the_first_joined_by_and(tmp_path, article, holder):
    assert _article_owners(tmp_path, article) == {"responsible": [holder]}


def _regulation_tasks(tmp_path, article: str) -> list:
    """The tasks of a small regulation: its purpose article, then ``article``."""
    path = tmp_path / "某市燃气管理条例.md"
    path.write_text("# 某市燃气管理条例\n\n第一条 为了加强燃气管理，制定本条例。\n\n" + article + "\n", encoding="utf-8")
    return parse_file(path).tasks


def _article_owners(tmp_path, article: str) -> dict:
    [task] = [t for t in _regulation_tasks(tmp_path, article) if article[:5] in t.text]
    return owners(task)


@pytest.mark.parametrize("article, expected", [
    # the holder after 由 with those it works with
    ("第五条 对在燃气安全工作中成绩显著的单位，由燃气主管部门会同有关部门组织评选，予以表彰。",
     {"lead": ["燃气主管部门"], "co": ["有关部门"]}),
    ("第六条 供气区域由区燃气主管部门会同街道办事处、镇人民政府根据管网布局划定。",
     {"lead": ["区燃气主管部门"], "co": ["街道办事处", "镇人民政府"]}),
    # a holder working with others right after its name, after a condition
    ("第七条 占用燃气管道保护范围的，规划主管部门应当会同燃气主管部门，严格审批。",
     {"lead": ["规划主管部门"], "co": ["燃气主管部门"]}),
    # the bounds it acts in between the holder and its duty
    ("第八条 市有关部门在各自职权范围内负责燃气安全的相关工作。", {"responsible": ["市有关部门"]}),
    ("第十一条 燃气价格补贴标准由市财政部门会同市发展改革部门核定。", {"lead": ["市财政部门"], "co": ["市发展改革部门"]}),
    ("第十六条 违法经营燃气的，由燃气主管部门协助公安机关责令停止违法活动。", {"lead": ["公安机关"], "co": ["燃气主管部门"]}),
    ("第十七条 各级人民政府要加强对燃气安全工作的领导，必要时组织有关部门检查。", {"responsible": ["各级人民政府"]}),  # (要)
    ("第十八条 燃气安全宣传由市燃气主管部门组织实施，各区配合。", {"responsible": ["市燃气主管部门"]}),  # (由X组织实施)
    # whose leadership it works under, or a comma, between the holder and its duty
    ("第十四条 区燃气管理办公室在区住房城乡建设部门的领导下，负责燃气的日常管理。", {"responsible": ["区燃气管理办公室"]}),
    ("第十五条 县级以上人民政府设立的燃气安全委员会，负责协调燃气安全中的重大问题。", {"responsible": ["县级以上人民政府设立的燃气安全委员会"]}),
    ("第十二条 县级以上人民政府住房城乡建设、应急管理等主管部门负责燃气安全检查。",
     {"responsible": ["县级以上人民政府住房城乡建设", "应急管理等主管部门"]}),
])
def test_holders_of_articles_in_these_forms(tmp_path, article, expected):
    assert _article_owners(tmp_path, article) == expected


@pytest.mark.parametrize("article", [
    "第九条 有下列情形之一的，提请有关人民政府按照权限责令关闭。",
    "第十条 需要市人民政府组织支援抢修的，按照应急预案执行。",
    "第十三条 改变供气时间的，须经燃气主管部门会同公安机关批准。",
])
def test_a_verb_before_a_body_is_no_holder(tmp_path, article):
    for task in _regulation_tasks(tmp_path, article):
        assert not any(u.startswith(("提请", "需要", "须经")) for u in task.responsible_units + task.lead_units)
