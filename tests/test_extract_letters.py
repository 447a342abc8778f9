"""Task extraction on notices written as letters (no numbered items), on copies that lost their
layout, and on the sentence forms that carry owners in them. Each notice is written for this
test (invented places and content) in the grammar of real ones."""
from pathlib import Path

from tests.notices import owners, task_with
from tests.notices import parse as parse_notice


def parse(tmp_path: Path, text: str):
    return parse_notice(tmp_path, text, header="")  # a letter is its own whole text


def test_a_letter_without_numbered_items(tmp_path):
    parsed = parse(tmp_path, "关于开展燃气安全检查的通知\n各乡镇人民政府，县直有关单位：\n"
                   "为做好冬季燃气安全工作，现将有关事项通知如下：\n"
                   "请各单位按照省厅通知的要求，制定检查方案，认真组织开展燃气用户入户检查工作。\n"
                   "各乡镇人民政府于11月20日前将检查情况汇总后报县住建局。\n"
                   "在检查期间，县住建局将会同县市场监管局适时开展抽查。\n"
                   "联系人：王某 电话：12345678\n附：燃气安全检查情况汇总表\n青石县住房和城乡建设局\n2024年10月8日\n")
    texts = [t.text for t in parsed.tasks]
    assert not any("通知如下" in t or "联系人" in t or "汇总表\n" in t for t in texts), texts
    assert owners(task_with(parsed, "入户检查")) == {"responsible": ["各单位"]}
    dated = task_with(parsed, "汇总后报县住建局")
    assert owners(dated) == {"responsible": ["各乡镇人民政府"]} and dated.deadline_norm == "2024-11"
    assert owners(task_with(parsed, "适时开展抽查")) == {"lead": ["县住建局"], "co": ["县市场监管局"]}


def test_a_copy_that_lost_its_line_breaks(tmp_path):
    parsed = parse(tmp_path, "各有关单位： 现将分工方案印发给你们，请认真落实。 关于安全隐患排查整治的分工方案 为压实责任，"
                   "现就有关工作作如下分工。 一、开展隐患大排查 （一）全面排查 1、各乡镇和各有关部门要对辖区内所有生产经营"
                   "单位开展拉网式排查，确保不留死角。 责任单位：县应急局，各乡镇 （二）狠抓整改 2、对查出的隐患建立清单，"
                   "实行闭环管理，确保按期整改到位。 责任单位：县住建局 二、强化执法 （一）严厉打击 3、依法查处违法违规"
                   "行为，做到应罚尽罚。 责任单位：县市场监管局\n")
    assert owners(task_with(parsed, "拉网式排查")) == {"responsible": ["县应急局", "各乡镇"]}
    closed = task_with(parsed, "闭环管理")
    assert owners(closed) == {"responsible": ["县住建局"]} and closed.section.startswith("一、开展隐患大排查 / （二）狠抓整改 / 2、")
    assert owners(task_with(parsed, "应罚尽罚")) == {"responsible": ["县市场监管局"]}


def test_a_short_heading_with_its_first_item_on_the_line(tmp_path):
    parsed = parse(tmp_path, "一、活动内容\n（一）宣传报道 1、6月1日召开新闻发布会，安排全月宣传工作。此项工作由县委宣传部"
                   "负责。\n2、6月2日至30日，在县电视台开设专栏。此项工作由县委宣传部部署，各新闻单位落实，县应急局负责协调。\n")
    first = task_with(parsed, "新闻发布会")
    assert first.section.startswith("一、活动内容 / （一）宣传报道 / 1、6月1日召开新闻发布会")
    assert owners(first) == {"responsible": ["县委宣传部"]}
    # the clauses of an owner sentence name owners of the work before it, never new tasks
    # (各新闻单位, every body of a kind the notice names, carries the work out: one of its owners too)
    assert owners(task_with(parsed, "开设专栏")) == {"responsible": ["县委宣传部", "各新闻单位", "县应急局"]}


def test_points_numbered_in_words_take_the_lead_in_subject(tmp_path):
    parsed = parse(tmp_path, "一、重点工作\n（一）开展“三个一”活动\n各乡镇和县直各部门要按照专项行动的要求组织开展"
                   "“三个一”活动。\n一是每周开展一次宣传教育。\n二是每月组织一次夜查行动，由县消防救援大队牵头。\n")
    assert owners(task_with(parsed, "宣传教育")) == {"responsible": ["各乡镇", "县直各部门"]}
    assert owners(task_with(parsed, "夜查行动")) == {"lead": ["县消防救援大队"]}


def test_a_list_of_duties_takes_its_lead_in_subject(tmp_path):
    parsed = parse(tmp_path, "第一条 为推进燃气安全整治，建立联席会议制度。\n第二条 县燃气安全整治工作联席会议"
                   "（以下简称联席会议）履行以下工作职责：\n1、研究整治工作的政策措施；\n2、协调解决整治中的重大问题。\n")
    for words in ("政策措施", "重大问题"):
        assert owners(task_with(parsed, words)) == {"responsible": ["县燃气安全整治工作联席会议"]}


def test_subjects_listed_with_commas_after_a_request(tmp_path):
    parsed = parse(tmp_path, "一、请甲乡人民政府，乙区管委会，丙工业园区及时将通知转发至辖区内所有企业。\n"
                   "二、要求各部门(单位)按照职责抓好落实，县教育局、卫生局等行业主管部门负责本系统的检查。\n")
    assert owners(task_with(parsed, "转发至辖区")) == {"responsible": ["甲乡人民政府", "乙区管委会", "丙工业园区"]}
    assert owners(task_with(parsed, "抓好落实")) == {"responsible": ["各部门(单位)"]}
    assert owners(task_with(parsed, "本系统的检查")) == {"responsible": ["县教育局", "卫生局等行业主管部门"]}


def test_duties_shared_out_after_a_colon(tmp_path):
    parsed = parse(tmp_path, "三、工作机构及职责分工\n（一）工作机构。县政府成立专项行动指挥部，统一指挥调度。\n"
                   "（二）职责分工。实行分片包干，具体为：县公安局负责甲镇、乙镇，县文旅局负责丙街道。\n")
    assert owners(task_with(parsed, "甲镇")) == {"responsible": ["县公安局"]}
    assert owners(task_with(parsed, "丙街道")) == {"responsible": ["县文旅局"]}
    # "工作机构" names a kind of body, not one; the government that sets the body up is the subject
    assert owners(task_with(parsed, "统一指挥调度")) == {"responsible": ["县政府"]}


def test_a_copy_that_starts_inside_a_section(tmp_path):
    parsed = parse(tmp_path, "（四）其他重点区域。将隐患突出的区域纳入整治范围。\n三、工作要求\n（一）加强领导。"
                   "县应急局要加强统筹调度。\n")
    assert task_with(parsed, "统筹调度").section == "三、工作要求 / （一）加强领导"


def test_a_period_from_now_is_the_deadline(tmp_path):
    parsed = parse(tmp_path, "一、从即日起至9月底，各县区要组织开展汛期安全检查，每月对所属矿山检查一次。\n"
                   "印发日期：2024年5月17日\n")
    task = task_with(parsed, "汛期安全检查")
    assert owners(task) == {"responsible": ["各县区"]} and task.deadline_norm == "2024-09"


def test_a_space_before_a_bracket_in_a_table_cell(tmp_path):
    parsed = parse(tmp_path, "2024年工作任务清单\n主要任务 |\n责任单位 |\n完成时限 |\n"
                   "1.制定年度任务清单并分解落实。 |\n县安委办 (专班办公室) |\n1月20日前 |\n"
                   "2.制定行业领域任务清单。 |\n各乡镇(园区) 安委会 |\n2月5日前 |\n")
    assert owners(task_with(parsed, "年度任务清单")) == {"responsible": ["县安委办(专班办公室)"]}
    assert owners(task_with(parsed, "行业领域")) == {"responsible": ["各乡镇(园区)安委会"]}


def test_a_cover_letter_assigns_work_before_its_signature(tmp_path):
    parsed = parse(tmp_path, "关于印发2024年全县安全生产工作要点的通知\n各乡镇，县直各单位：\n"
                   "现将工作要点印发给你们。各单位要认真抓好落实，并于2024年6月底前将半年工作情况报县安委办。\n"
                   "青石县安全生产委员会\n2024年3月1日\n2024年全县安全生产工作要点\n"
                   "一、压实责任\n（一）县应急局要健全责任清单。\n")
    task = task_with(parsed, "半年工作情况")
    assert owners(task) == {"responsible": ["各单位"]} and task.deadline_norm == "2024-06"
    assert "青石县安全生产委员会" not in task.text


def test_a_heading_naming_whose_duties_follow(tmp_path):
    parsed = parse(tmp_path, "一、乡（镇）人民政府、街道办事处消防安全工作职责\n（一）建立消防安全组织，明确专人负责。\n"
                   "（二）保障消防工作经费。\n二、剧本娱乐经营场所\n（一）县文旅局负责指导督促经营场所落实安全责任。\n")
    for words in ("建立消防安全组织", "保障消防工作经费"):
        assert owners(task_with(parsed, words)) == {"responsible": ["乡（镇）人民政府", "街道办事处"]}
    # a place of business is no body, whatever its name ends with
    assert owners(task_with(parsed, "指导督促")) == {"responsible": ["县文旅局"]}


def test_a_regulation_article_listing_its_subjects_duties(tmp_path):
    parsed = parse(tmp_path, "青石县消防安全责任规定\n第一章 总则\n第一条 为明确消防安全责任，制定本规定。\n"
                   "第二章 职责\n第二条 县消防安全委员会应当履行下列职责：\n（一）组织制定消防工作规划；\n"
                   "（二）每季度召开一次联席会议。\n第三条 本规定自2024年1月1日起施行。\n")
    assert parsed.document.kind == "regulation"
    for words in ("消防工作规划", "联席会议"):
        assert owners(task_with(parsed, words)) == {"responsible": ["县消防安全委员会"]}


def test_a_table_of_duties_written_with_single_spaces(tmp_path):
    parsed = parse(tmp_path, "烟花爆竹安全监管\n序号 涉及部门 职责分工\n1 县公安局 负责烟花爆竹运输许可和禁放管理。\n"
                   "2 县应急管理局 负责烟花爆竹经营单位的安全监管。\n")
    first = task_with(parsed, "运输许可")
    assert owners(first) == {"responsible": ["县公安局"]} and first.section == "烟花爆竹安全监管"
    assert owners(task_with(parsed, "经营单位的安全监管")) == {"responsible": ["县应急管理局"]}


def test_a_single_spaced_table_whose_task_cells_hold_spaces_keeps_its_owner_columns(tmp_path):
    # a PDF's text layer breaks a long cell with spaces: the owner and date columns are the last cells
    parsed = parse(tmp_path, "一、任务分工\n序号 类别 主要任务 牵头单位 配合单位 完成时限\n"
                   "1 消防 开展高层建筑消防设施检测 县消防救援大队 县住建局 2025年6月底前\n"
                   "2 燃气 排查餐饮场所 燃气管线 县住建局 县市场监管局、各乡镇 2025年9月底前\n")
    second = task_with(parsed, "燃气管线")
    assert owners(second) == {"lead": ["县住建局"], "co": ["县市场监管局", "各乡镇"]}
    assert second.deadline_norm == "2025-09" and "排查餐饮场所 燃气管线" in second.text
    assert owners(task_with(parsed, "高层建筑")) == {"lead": ["县消防救援大队"], "co": ["县住建局"]}


def test_punctuation_of_pdf_fonts_and_ascii_full_stops(tmp_path):
    # a Founder font copies "，" and "。" as their GB2312 codes; a typist's "." ends a sentence
    parsed = parse(tmp_path, "一、加强检查\n（一）综合检查.各乡镇组织开展辖区检查ꎬ县住建局负责燃气专项检查ꎮ\n")
    assert owners(task_with(parsed, "辖区检查")) == {"responsible": ["各乡镇"]}
    assert owners(task_with(parsed, "燃气专项检查")) == {"responsible": ["县住建局"]}


def test_village_level_owners(tmp_path):
    parsed = parse(tmp_path, "一、对进入林区的通道设卡。以村小组为责任单位，专人把守。\n"
                   "二、各学校、幼儿园要开展隐患排查。\n三、乡镇、县直有关单位要严格值班制度。\n")
    assert owners(task_with(parsed, "专人把守")) == {"responsible": ["村小组"]}
    assert owners(task_with(parsed, "隐患排查")) == {"responsible": ["各学校", "幼儿园"]}
    assert owners(task_with(parsed, "值班制度")) == {"responsible": ["乡镇", "县直有关单位"]}
