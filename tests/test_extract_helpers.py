"""Who helps whom, and who a sentence's subject is, in shapes last round's never-read page set showed once it was
opened (issue 19), each in words of our own: bodies helping the clause before them, a role clause naming a
generic partner, "要会同Y…" sentences back from their subject, the copula naming a 管理部门, bodies called by the
stretch they look after (包片单位), the first sentence of a block saying who does its items, run-in "四是" points,
a field list ending in 部门 before bodies of their own, and the fields the vocabulary lacked."""
import pytest

from ingest.bodies import accept_list, is_public_body
from ingest.prose import leading_subject
from ingest.units import split_units
from tests.notices import owners, parse, task_with


@pytest.mark.parametrize("item, lead, co", [
    ("一、商场内经营场所不合规的,由消防部门负责督促整改,市场监管部门配合落实整改。", "消防部门", "市场监管部门"),
    ("一、县应急局负责组织危化品检查,县消防大队配合落实。", "县应急局", "县消防大队"),
    ("一、县应急局牵头开展夜查,县消防大队配合做好现场工作。", "县应急局", "县消防大队"),
])
def test_bodies_helping_the_clause_before_them_take_part_in_its_task(tmp_path, item, lead, co):
    parsed = parse(tmp_path, item + "\n")
    assert owners(task_with(parsed, item[2:8])) == {"lead": [lead], "co": [co]}
    assert len(parsed.tasks) == 1


def test_a_body_helping_another_it_names_is_its_own_task(tmp_path):
    parsed = parse(tmp_path, "一、县应急局负责检查,县消防大队配合县公安局做好现场工作。\n")
    assert owners(task_with(parsed, "现场工作")) == {"lead": ["县公安局"], "co": ["县消防大队"]}


def test_a_duty_line_helping_a_generic_partner(tmp_path):
    parsed = parse(tmp_path, "一、县公安局:负责维护考点周边秩序,配合有关部门及时打击作弊行为。\n")
    assert owners(task_with(parsed, "考点周边")) == {"responsible": ["县公安局"]}
    assert owners(task_with(parsed, "作弊行为")) == {"lead": ["有关部门"], "co": ["县公安局"]}


def test_a_sentence_working_with_others_sentences_after_its_subject(tmp_path):
    parsed = parse(tmp_path, "二、县农业局要继续开展平安农机创建。要严格驾驶人考试。要会同公安部门开展无牌拖拉机整治。\n")
    assert owners(task_with(parsed, "平安农机")) == {"responsible": ["县农业局"]}
    assert owners(task_with(parsed, "无牌拖拉机")) == {"lead": ["县农业局"], "co": ["公安部门"]}


@pytest.mark.parametrize("article, holder", [
    ("第六条 公安机关是本市焰火晚会安全管理的主管部门,负责实施安全许可。", "公安机关"),
    ("第四条 市住房和城乡建设部门是市级瓶装燃气管理部门,负责全市燃气综合管理。", "市住房和城乡建设部门"),
])
def test_a_body_that_is_the_managing_department(tmp_path, article, holder):
    parsed = parse(tmp_path, "第一条 为了加强管理,制定本办法。\n" + article + "\n区人民政府燃气管理部门负责本区的管理工作。\n", header="")
    assert owners(task_with(parsed, article[4:10])) == {"responsible": [holder]}
    assert owners(task_with(parsed, "本区的管理")) == {"responsible": ["区人民政府燃气管理部门"]}


def test_the_office_of_a_work_whose_tasks_are_listed(tmp_path):
    parsed = parse(tmp_path, "第七条 乡镇人民政府负责农房建设的管理工作。乡镇人民政府成立农房管理办公室,乡政府配2人。"
                             "农房管理办公室的主要工作任务是,负责农房选址定点和施工安全检查。\n", header="")
    assert owners(task_with(parsed, "选址定点")) == {"responsible": ["农房管理办公室"]}


@pytest.mark.parametrize("written, unit", [
    ("包片单位县气象局", "县气象局"),
    ("河堤沿线包片单位县供销社", "县供销社"),
    ("结对单位市交通局", "市交通局"),
])
def test_what_a_body_is_called_for_its_stretch_is_not_its_name(written, unit):
    assert split_units(written) == [unit]


def test_the_first_sentence_of_a_block_says_who_does_its_items(tmp_path):
    parsed = parse(tmp_path, "四、齐抓共管做好预防\n防火必须齐抓共管。一旦发生火灾,有关部门要密切配合。\n"
                             "(一)加大宣传力度\n为提高群众的防火意识,使法规家喻户晓。一是开展防火宣传月活动,出动宣传车。"
                             "每年要开展五个一活动,县森林防火指挥部、县教育局要联合致学生一封信。\n"
                             "五、火灾处置\n由县消防大队牵头负责现场处置,县公安局配合。\n(一)组织灭火救援。\n")
    assert owners(task_with(parsed, "防火宣传月")) == {}
    assert owners(task_with(parsed, "一封信")) == {"responsible": ["县森林防火指挥部", "县教育局"]}
    assert owners(task_with(parsed, "组织灭火救援")) == {"lead": ["县消防大队"], "co": ["县公安局"]}


def test_a_point_run_into_the_line_of_the_one_before(tmp_path):
    parsed = parse(tmp_path, "一、整治行动\n三是由市环保局负责,广泛宣传文明燃放;四是规范市场秩序,市公安局、市安监局联合起草通告。\n")
    assert owners(task_with(parsed, "文明燃放")) == {"responsible": ["市环保局"]}
    assert owners(task_with(parsed, "规范市场秩序")) == {"responsible": ["市公安局", "市安监局"]}


@pytest.mark.parametrize("written", [
    "民政、水利、气象部门及各镇人民政府、街道办事处",
    "县安监、经贸、国土、质监等有关职能部门",
    "公安、农牧、工商、旅游等部门",
])
def test_lists_of_fields_and_bodies(written):
    assert accept_list(split_units(written))


@pytest.mark.parametrize("name", ["经贸部门", "农牧部门"])
def test_fields_the_vocabulary_now_knows(name):
    assert accept_list(split_units(name.replace("部门", "、交通部门")))
    assert not is_public_body(name[:2])  # a bare field alone is no body


@pytest.mark.parametrize("words", ["广告的管理机关", "公安机关是焰火晚会安全管理的主管部门"])
def test_what_names_a_body_by_its_work_or_says_what_it_is_is_no_name(words):
    assert not is_public_body(words)


@pytest.mark.parametrize("sentence, subject", [
    ("林业、应急、森防、电力等部门要加大巡查频次。", ["林业", "应急", "森防", "电力等部门"]),
    ("宣传部门和电视台要滚动播出预警信息。", ["宣传部门", "电视台"]),
    ("市(州)、县(市、区、特区)人民政府对本区域的欠薪治理负责。", ["市(州)、县(市、区、特区)人民政府"]),
    ("县(市)以下各级公安机关应维护渡口秩序。", ["县(市)以下各级公安机关"]),
])
def test_subjects_of_these_forms(sentence, subject):
    assert leading_subject(sentence)[0] == subject


def test_helping_a_body_keep_order(tmp_path):
    parsed = parse(tmp_path, "一、县以下各级公安机关应协助交通部门维护渡口秩序。\n")
    assert owners(task_with(parsed, "渡口秩序")) == {"lead": ["交通部门"], "co": ["县以下各级公安机关"]}


def test_a_body_that_is_the_competent_authority_and_one_described_by_its_work(tmp_path):
    parsed = parse(tmp_path, "第五条 市人民银行是本市管理硬币的主管机关,负责本办法的组织实施。\n"
                             "第六条 事故调查组由管理该矿的主管部门负责组织。\n", header="")
    assert owners(task_with(parsed, "硬币")) == {"responsible": ["市人民银行"]}
    assert owners(task_with(parsed, "调查组")) == {"responsible": ["管理该矿的主管部门"]}


@pytest.mark.parametrize("slogan", ["“政府主导、民政组织、部门配合、社会参与”", "“党委领导、政府负责、部门协同”"])
def test_a_slogan_sharing_out_the_work_names_no_owners(tmp_path, slogan):
    parsed = parse(tmp_path, f"一、各乡镇要落实属地责任,形成{slogan}的工作格局。\n")
    assert owners(task_with(parsed, "属地责任")) == {"responsible": ["各乡镇"]}


def test_a_clause_working_with_others_in_a_sentence_without_a_subject(tmp_path):
    parsed = parse(tmp_path, "(三)市国土局负责小矿山调查登记。国土部门负责整顿不达标的小矿山,出具书面意见。"
                             "负责督促矿山实施复垦,并会同相关部门进行验收。\n")
    assert owners(task_with(parsed, "进行验收")) == {"lead": ["国土部门"], "co": ["相关部门"]}


def test_a_sentence_opening_with_words_of_its_own_keeps_them(tmp_path):
    parsed = parse(tmp_path, "六、县公安局负责烟花爆竹的公共安全管理。交通安全联组负责宣传,配合交通管理站加强巡查。\n")
    assert "县公安局" not in owners(task_with(parsed, "加强巡查")).get("co", [])


@pytest.mark.parametrize("item, lead, co", [
    ("一、各学校要积极配合公安消防部门工作。", "公安消防部门", "各学校"),
    ("一、各县区河长办要联合相关部门全面开展河道清理。", "各县区河长办", "相关部门"),
])
def test_who_works_with_whom_in_these_forms(tmp_path, item, lead, co):
    parsed = parse(tmp_path, item + "\n")
    assert owners(task_with(parsed, item[2:8])) == {"lead": [lead], "co": [co]}


def test_helping_by_the_rules_is_a_clause_of_its_own(tmp_path):
    parsed = parse(tmp_path, "四、镇人民政府负责辖区管理,并按照规定协助燃气主管部门对辖区内的燃气安全进行监管。\n")
    assert owners(task_with(parsed, "辖区管理")) == {"responsible": ["镇人民政府"]}
    assert owners(task_with(parsed, "燃气安全")) == {"lead": ["燃气主管部门"], "co": ["镇人民政府"]}


@pytest.mark.parametrize("written, units", [
    ("街道办事处和乡、镇人民政府", ["街道办事处", "乡、镇人民政府"]),
    ("县公安局和县、乡人民政府", ["县公安局", "县、乡人民政府"]),
    ("市和区、县价格主管部门", ["市和区、县价格主管部门"]),
])
def test_a_level_after_and_opens_the_list_it_starts(written, units):
    assert split_units(written) == units
