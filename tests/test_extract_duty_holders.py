"""Who holds a duty when a notice names the holder by setting it up, by a heading, or as the
subject of 负责 (issue 19, found by the coverage self-check on unlabeled notices); each shape
in a sentence of our own."""
from tests.notices import owners, parse, task_with


def test_a_body_set_up_to_do_the_work_owns_the_duty_after_it(tmp_path):
    parsed = parse(tmp_path, "五、保障措施\n1.加强领导。成立以分管副县长为组长、县应急局局长为副组长的县防汛工作领导小组，"
                             "负责统筹全县防汛工作。\n2.组建村级巡查队，集中开展巡查员培训。\n")
    assert owners(task_with(parsed, "统筹全县防汛")) == {"responsible": ["县防汛工作领导小组"]}
    assert owners(task_with(parsed, "巡查员培训")) == {}  # set up, but no duty given to it


def test_a_subject_with_its_duty_counts_even_among_principles(tmp_path):
    parsed = parse(tmp_path, "二、工作原则\n（一）统一指挥，分级负责。县城区的防汛工作由县、镇两级政府负责。"
                             "县防汛抗旱指挥部（以下简称县防指）负责统一组织全县抢险救灾工作。\n"
                             "（二）以人为本。近年来县水利局完成了堤防加固。\n")
    assert owners(task_with(parsed, "抢险救灾")) == {"responsible": ["县防汛抗旱指挥部"]}
    assert not [t for t in parsed.tasks if "堤防加固" in t.text]  # background, not a duty


def test_a_heading_naming_a_kind_of_enterprise_among_bodies_holds_the_duties_under_it(tmp_path):
    parsed = parse(tmp_path, "（十二）供水部门。\n1.负责城区供水设施安全运行。\n（十三）燃气经营单位。\n"
                             "1.负责燃气管网巡检。\n2.为抢险救援提供用气保障。\n")
    assert owners(task_with(parsed, "燃气管网巡检")) == {"responsible": ["燃气经营单位"]}
    assert owners(task_with(parsed, "用气保障")) == {"responsible": ["燃气经营单位"]}


def test_such_a_heading_alone_is_no_owner(tmp_path):
    parsed = parse(tmp_path, "（一）施工企业。\n1.落实施工现场安全防护措施。\n（二）加强宣传。\n1.开展安全宣传进企业活动。\n")
    assert owners(task_with(parsed, "安全防护措施")) == {}


def test_an_article_opening_with_whose_leadership_it_works_under(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了落实防汛责任，制定本细则。\n"
                             "第二条 在县委领导下，县防汛抗旱指挥部负责组织全县防汛抗旱工作。\n第三条 本细则自印发之日起施行。\n",
                   header="青石县防汛责任制实施细则\n")
    assert owners(task_with(parsed, "组织全县防汛抗旱")) == {"responsible": ["县防汛抗旱指挥部"]}


def test_page_furniture_and_an_item_line_are_no_title(tmp_path):
    parsed = parse(tmp_path, "今天是:\n\n青石县应急管理局防汛工作职责\n\n访问次数 : 发布时间 :2024-05-06\n\n"
                             "一、组织全县防汛检查。\n二、负责汛期值班值守。\n", header="")
    assert parsed.document.title == "青石县应急管理局防汛工作职责"
    assert owners(task_with(parsed, "值班值守")) == {"responsible": ["青石县应急管理局"]}
    excerpt = parse(tmp_path, "4.负责城区道路巡查。\n5.负责桥梁检测。\n", header="", name="excerpt.txt")
    assert not excerpt.document.title.startswith("4.")


def test_a_wrapper_title_broken_after_guanyu_yinfa(tmp_path):
    parsed = parse(tmp_path, "一、县应急局负责全县防汛检查。\n",
                   header="青石县人民政府办公室关于印发\n青石县防汛应急预案的通知\n各乡镇人民政府：\n")
    assert parsed.document.title == "青石县防汛应急预案"
