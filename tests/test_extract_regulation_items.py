"""Regulations (issue 19): an article's items naming who does what after a colon, a township and a
subdistrict office sharing a duty, an excerpt that opens inside an article, and an item whose whole
text is its line — each in a regulation of our own."""
from tests.notices import owners, parse, task_with

HEAD = "# 青石市烟花爆竹安全管理办法\n\n第一章 总则\n\n第一条 为了加强烟花爆竹安全管理，制定本办法。\n\n"


def test_items_that_name_their_holder_before_a_colon(tmp_path):
    parsed = parse(tmp_path, "第五条 各有关部门按照下列分工履行职责：\n\n（一）公安部门：负责烟花爆竹运输的审批；\n\n"
                             "（二）应急管理部门：负责烟花爆竹经营的安全监督管理。\n\n第六条 本办法自公布之日起施行。\n",
                   header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "运输的审批")) == {"responsible": ["公安部门"]}
    assert owners(task_with(parsed, "经营的安全监督管理")) == {"responsible": ["应急管理部门"]}


def test_a_township_and_a_subdistrict_office_share_a_duty(tmp_path):
    parsed = parse(tmp_path, "第七条 乡镇人民政府、街道办事处应当协助做好辖区内烟花爆竹安全管理工作。\n\n"
                             "第八条 本办法自公布之日起施行。\n", header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "协助做好辖区内")) == {"responsible": ["乡镇人民政府", "街道办事处"]}


def test_an_excerpt_opening_inside_an_article(tmp_path):
    """A law site's second page: the items before its first article are duties of the bodies they name,
    and each is a passage search can find."""
    parsed = parse(tmp_path, "[接上页] （二）公安部门：负责烟花爆竹运输的审批，依法查处非法运输行为。\n"
                             "（三）应急管理部门：负责烟花爆竹经营的安全监督管理。\n"
                             "第七条 乡镇人民政府应当协助做好辖区内烟花爆竹安全管理工作。\n第八条 本办法自公布之日起施行。\n",
                   header="", name="page2.txt")
    assert owners(task_with(parsed, "非法运输行为")) == {"responsible": ["公安部门"]}
    assert owners(task_with(parsed, "经营的安全监督管理")) == {"responsible": ["应急管理部门"]}
    assert any("非法运输行为" in p.text for p in parsed.passages)


def test_an_item_whose_line_is_a_sentence_is_a_passage(tmp_path):
    parsed = parse(tmp_path, "二、主要目标\n1.亿元生产总值生产安全事故死亡率控制在0.01以内\n2.较大事故起数同比下降\n"
                             "三、保障措施\n加强组织领导。\n")
    assert any("死亡率控制在0.01以内" in p.text for p in parsed.passages)


def test_an_articles_sentences_that_open_with_their_own_holders(tmp_path):
    """The smallest pieces that carry their own assignment: one task per sentence naming its holder; a lead-in
    naming no one goes with the first of them."""
    parsed = parse(tmp_path, "第五条 烟花爆竹安全管理实行属地负责。公安部门负责烟花爆竹运输的审批。"
                             "应急管理部门负责烟花爆竹经营的安全监督管理，并组织开展执法检查。\n\n第六条 本办法自公布之日起施行。\n",
                   header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "属地负责")) == {"responsible": ["公安部门"]}
    assert task_with(parsed, "属地负责") is task_with(parsed, "运输的审批")
    assert owners(task_with(parsed, "执法检查")) == {"responsible": ["应急管理部门"]}


def test_an_organ_named_as_the_holder_of_an_articles_sentence(tmp_path):
    parsed = parse(tmp_path, "第四条 公安机关负责烟花爆竹燃放的公共安全管理。\n生态环境主管部门负责燃放的大气污染防治监督。\n\n"
                             "第五条 本办法自公布之日起施行。\n", header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "公共安全管理")) == {"responsible": ["公安机关"]}


def test_levels_of_government_and_a_body_with_its_other_name_as_holders(tmp_path):
    parsed = parse(tmp_path, "第四条 市、县级人民政府应当加强对烟花爆竹管理工作的领导。乡镇人民政府（街道办事处）应当协助做好辖区内的"
                             "烟花爆竹管理工作。\n\n第五条 本办法自公布之日起施行。\n", header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "管理工作的领导")) == {"responsible": ["市、县级人民政府"]}
    assert owners(task_with(parsed, "协助做好辖区内")) == {"responsible": ["乡镇人民政府（街道办事处）"]}  # as written


def test_holders_with_a_level_in_brackets_one_in_charge_and_bodies_joined_by_yiji(tmp_path):
    parsed = parse(tmp_path, "第四条(部门职责)县级以上人民政府林业主管部门主管本行政区域内的松树病害防治工作。\n"
                             "建设(园林)主管部门负责城镇建成区范围内的防治工作。\n"
                             "乡(镇)人民政府(含街道办事处,下同)应当按照本办法履行防治职责。\n"
                             "第五条 县级以上人民政府以及有关部门应当鼓励防治技术研究。\n第六条 本办法自公布之日起施行。\n",
                   header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "主管本行政区域")) == {"responsible": ["县级以上人民政府林业主管部门"]}
    assert owners(task_with(parsed, "城镇建成区")) == {"responsible": ["建设(园林)主管部门"]}
    assert owners(task_with(parsed, "履行防治职责")) == {"responsible": ["乡(镇)人民政府"]}
    assert owners(task_with(parsed, "技术研究")) == {"responsible": ["县级以上人民政府", "有关部门"]}


def test_a_holders_other_name_in_brackets_stays_with_it_and_a_remark_does_not(tmp_path):
    parsed = parse(tmp_path, "第七条 乡镇人民政府(街道办事处)应当协助做好辖区内电动车安全管理工作。\n"
                             "第八条 市安全生产委员会(以下简称市安委会)负责统筹协调。\n第九条 本办法自公布之日起施行。\n",
                   header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "电动车安全")) == {"responsible": ["乡镇人民政府(街道办事处)"]}
    assert owners(task_with(parsed, "统筹协调")) == {"responsible": ["市安全生产委员会"]}


def test_a_clause_after_a_semicolon_with_a_holder_of_its_own_is_its_task(tmp_path):
    """"市…部门主管…；区…部门负责…": two holders, two tasks; a clause naming no one of its own stays with its
    sentence ("…由区人民政府统筹；有条件的，也可以由镇人民政府负责")."""
    parsed = parse(tmp_path, "第五条 市住房城乡建设部门主管本市燃气工作；区住房城乡建设部门按照职责分工，负责本区燃气工作。\n\n"
                             "第六条 燃气设施的巡查由区人民政府统筹安排；有条件的，也可以由镇人民政府负责组织。\n\n"
                             "第七条 本办法自公布之日起施行。\n", header=HEAD, name="regulation.md")
    assert owners(task_with(parsed, "主管本市燃气工作")) == {"responsible": ["市住房城乡建设部门"]}
    assert owners(task_with(parsed, "负责本区燃气工作")) == {"responsible": ["区住房城乡建设部门"]}
    assert "也可以由镇人民政府" in task_with(parsed, "燃气设施的巡查").text
