"""Task extraction on the forms real notices use, one small notice per form. Every notice here
is written for this test (invented places and content) in the grammar of real ones: owner
annotations in every bracket and position, owners in prose, conventions, activities with field
sub-items, items running together, tables written as text, closing blocks, deadlines of every
shape. A form that fails here fails for every user who brings such a notice."""

import pytest

from ingest.units import canonical
from tests.notices import owners, parse, task_with


def test_labels_in_brackets_with_remarks_and_nesting(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n"
                   "1.推进危化品企业自动化改造。年内完成重点企业紧急切断装置全覆盖。（牵头单位：县应急管理局；"
                   "配合单位：县工信局、县市场监管局，各乡镇（街道）人民政府）\n"
                   "2.深化学习教育。组织安全生产专题宣讲。（牵头责任单位：县委宣传部、县应急管理局，协同责任单位："
                   "县安委会各成员单位。各镇（园区）落实属地管理责任，以下均同，不再重复列出）\n")
    first = task_with(parsed, "紧急切断装置")
    assert owners(first) == {"lead": ["县应急管理局"], "co": ["县工信局", "县市场监管局", "各乡镇（街道）人民政府"]}
    assert (first.deadline_norm, first.deadline_inferred) == ("2024-12", True)
    second = task_with(parsed, "专题宣讲")
    assert owners(second) == {"lead": ["县委宣传部", "县应急管理局"], "co": ["县安委会各成员单位"],
                              "responsible": ["各镇（园区）"]}  # they answer for their area, as the web gold reads it


def test_joint_leads_in_prose_brackets(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n（一）压减审批时限。9月底前完成清单公布。（县政务服务局、县司法局牵头，"
                   "县级各有关部门及各乡镇政府按职责分工负责）\n")
    task = task_with(parsed, "清单公布")
    assert owners(task) == {"lead": ["县政务服务局", "县司法局"], "co": ["县级各有关部门", "各乡镇政府"]}
    assert task.deadline_norm == "2024-09"


def test_labels_on_their_own_lines_after_an_item(tmp_path):
    parsed = parse(tmp_path, "一、主要目标\n1.社会消费品零售总额增长8%左右。\n\n牵头单位：县商务局\n\n"
                   "责任单位：各乡镇，县市场监管局\n2.规上工业增加值增长10%以上。\n责任单位：县科技和经信局\n")
    first = task_with(parsed, "零售总额")
    assert owners(first) == {"lead": ["县商务局"], "responsible": ["各乡镇", "县市场监管局"]}
    assert any("8%" in m for m in first.metrics)
    assert owners(task_with(parsed, "规上工业")) == {"responsible": ["县科技和经信局"]}


def test_group_block_after_sub_items(tmp_path):
    parsed = parse(tmp_path, "一、完善预案体系\n（1）规范预案编制备案工作，年内修订县级专项预案。\n（2）推进基层预案全覆盖。\n"
                   "（3）组织开展实战化演练。\n（责任单位：县直各有关单位、各乡镇人民政府、青石经开区管委会）\n"
                   "二、加强队伍建设\n（1）组建乡镇应急队伍。（责任单位：县应急管理局）\n")
    for words in ("规范预案编制", "基层预案全覆盖", "实战化演练"):
        assert owners(task_with(parsed, words)) == {
            "responsible": ["县直各有关单位", "各乡镇人民政府", "青石经开区管委会"]}
    assert owners(task_with(parsed, "组建乡镇应急队伍")) == {"responsible": ["县应急管理局"]}


def test_owner_annotated_on_a_section_heading(tmp_path):
    parsed = parse(tmp_path, "一、促进消费扩容（县商务局牵头）\n（一）发放消费券。分三批发放电子消费券。\n"
                   "（二）培育夜间经济。打造两条夜间消费街区。\n")
    assert owners(task_with(parsed, "消费券")) == {"lead": ["县商务局"]}
    assert owners(task_with(parsed, "夜间消费街区")) == {"lead": ["县商务局"]}


def test_prose_assignment_after_an_item(tmp_path):
    parsed = parse(tmp_path, "一、工作安排\n（一）与重点企业负责人面对面交流。由监管一科牵头负责，办公室配合。\n"
                   "（二）开设安全专栏。此项工作由县委宣传部部署，各新闻单位落实，县应急局负责协调。\n")
    assert owners(task_with(parsed, "面对面交流")) == {"lead": ["监管一科"], "co": ["办公室"]}


def test_activity_with_field_sub_items_is_one_task(tmp_path):
    parsed = parse(tmp_path, "一、活动安排\n（一）安全生产月咨询日活动\n1.活动时间：6月16日\n"
                   "2.活动内容：在县城广场设立咨询台，发放宣传资料。\n3.组织单位：县应急管理局、县总工会\n"
                   "4.参加单位：各乡镇、县直各单位\n（二）应急演练周活动\n1.活动时间：6月20日至26日\n"
                   "2.组织单位：县应急管理局\n")
    fair = task_with(parsed, "咨询台")
    assert owners(fair) == {"co": ["各乡镇", "县直各单位"], "responsible": ["县应急管理局", "县总工会"]}
    assert fair.deadline_norm == "2024-06" and fair.deadline_inferred
    drill = task_with(parsed, "6月20日至26日")
    assert owners(drill) == {"responsible": ["县应急管理局"]}
    assert len(parsed.tasks) == 2


def test_items_running_together_on_one_line(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n1.开展燃气排查。（牵头单位：县住建局）2.开展电动车整治。（牵头单位：县消防救援大队）"
                   "3.开展校园安全检查。（牵头单位：县教体局）\n")
    assert [t.title for t in parsed.tasks] == ["开展燃气排查", "开展电动车整治", "开展校园安全检查"]
    assert owners(parsed.tasks[1]) == {"lead": ["县消防救援大队"]}


def test_a_leading_date_is_a_deadline_not_a_title(tmp_path):
    parsed = parse(tmp_path, "一、工作步骤\n（五）6月1日前，组织开展全员安全培训。（责任单位：县人社局）\n")
    [task] = parsed.tasks
    assert task.title == "组织开展全员安全培训"
    assert (task.deadline, task.deadline_norm, task.deadline_inferred) == ("6月1日前", "2024-06", True)


def test_signatures_contacts_and_attachments_are_not_tasks(tmp_path):
    parsed = parse(tmp_path, "一、工作要求\n（一）及时报送。各乡镇于11月底前报送工作总结。（责任单位：各乡镇）\n"
                   "联系人：王某，联系电话：0000-1234567\n附件：1.任务分工表\n2.信息报送表\n"
                   "青石县人民政府办公室\n2024年3月5日\n")
    [task] = parsed.tasks
    assert "联系人" not in task.text and "人民政府办公室" not in task.text


def test_measures_numbered_as_articles_are_a_notice(tmp_path):
    parsed = parse(tmp_path, "第一条 空间支持。为入驻企业提供免费办公空间，最长3年。（责任单位：区科技局、区国资委）\n"
                   "第二条 资金支持。给予最高50万元的一次性补助。（责任单位：区财政局）\n附则\n"
                   "本措施由区科技局会同相关责任单位负责解释。\n",
                   header="河湾区支持科技企业发展若干措施\n")
    assert parsed.document.kind == "notice"
    space = task_with(parsed, "免费办公空间")
    assert space.section == "第一条 空间支持" and space.title == "空间支持"
    assert owners(space) == {"responsible": ["区科技局", "区国资委"]}
    money = task_with(parsed, "50万元")
    assert any("50万元" in m for m in money.metrics)
    assert owners(task_with(parsed, "负责解释")) == {"lead": ["区科技局"], "co": ["相关责任单位"]}


def test_a_regulation_is_known_by_its_own_signs(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了加强燃气管理，制定本条例。\n"
                   "第二条 县级以上人民政府燃气管理部门负责本行政区域内的燃气管理工作。\n",
                   header="某市燃气管理条例\n")
    assert parsed.document.kind == "regulation"
    assert owners(task_with(parsed, "燃气管理部门负责")) == {"responsible": ["县级以上人民政府燃气管理部门"]}


def test_traditional_characters_are_read_and_kept(tmp_path):
    """The rules read the folded text; the task keeps the document's own characters, and its
    units are keyed in simplified ones, so a filter on 县住建局 finds 縣住建局."""
    parsed = parse(tmp_path, "一、重點任務\n1.開展燃氣安全排查整治。2024年6月底前完成。（牽頭單位：縣住建局；配合單位：縣市場監管局）\n",
                   header="青石縣安全生產工作要點\n")
    [task] = parsed.tasks
    assert owners(task) == {"lead": ["縣住建局"], "co": ["縣市場監管局"]}
    assert canonical("縣住建局") == canonical("县住建局")
    assert task.deadline_norm == "2024-06"
    assert "開展" in parsed.document.text  # the original is kept for citations


def test_convention_stated_once_applies_to_every_list(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n（一）稳定就业岗位。落实稳岗返还政策。（县人社局、县财政局负责。列第一位者为牵头单位，下同）\n"
                   "（二）做好就业服务。开展招聘活动。（县人社局、县总工会、团县委负责）\n"
                   "（三）兜牢民生底线。（县民政局负责）\n")
    assert owners(task_with(parsed, "稳岗返还")) == {"lead": ["县人社局"], "co": ["县财政局"]}
    assert owners(task_with(parsed, "招聘活动")) == {"lead": ["县人社局"], "co": ["县总工会", "团县委"]}
    assert owners(task_with(parsed, "兜牢民生底线")) == {"responsible": ["县民政局"]}
    assert task_with(parsed, "招聘活动").owner_source == "convention:first_listed_leads"


def test_prose_notice_splits_at_each_subject(tmp_path):
    parsed = parse(tmp_path, "一、工作措施\n（一）建立排查机制。2024年4月底前，县应急管理局建立隐患排查台账。"
                   "县交通运输局负责督促客运企业落实动态监控。5月底前，各乡镇要完成自查，县市场监管局会同县消防救援大队开展抽查。\n")
    assert owners(task_with(parsed, "隐患排查台账")) == {"responsible": ["县应急管理局"]}
    assert task_with(parsed, "隐患排查台账").deadline_norm == "2024-04"
    assert owners(task_with(parsed, "动态监控")) == {"responsible": ["县交通运输局"]}
    assert owners(task_with(parsed, "完成自查")) == {"responsible": ["各乡镇"]}
    assert task_with(parsed, "完成自查").deadline_norm == "2024-05"
    assert owners(task_with(parsed, "开展抽查")) == {"lead": ["县市场监管局"], "co": ["县消防救援大队"]}


def test_requests_name_who_acts(tmp_path):
    parsed = parse(tmp_path, "一、有关要求\n请各乡镇、县直各单位于12月10日前将工作总结报送县安委办。\n")
    [task] = parsed.tasks
    assert owners(task) == {"responsible": ["各乡镇", "县直各单位"]}
    assert task.deadline_norm == "2024-12"


def test_person_labels_are_skipped(tmp_path):
    parsed = parse(tmp_path, "一、整治任务\n（一）施工工地整治。做到围挡规范。牵头领导：李某副局长责任部门：建管科、安监站\n")
    [task] = parsed.tasks
    assert owners(task) == {"responsible": ["建管科", "安监站"]}


def test_table_written_one_cell_per_line(tmp_path):
    parsed = parse(tmp_path, "一、重点任务分工\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n（一）摸清底数\n1\n"
                   "全面排查城镇燃气用户安全隐患并建立整改台账\n县住建局\n县市场监管局、各乡镇\n2024年6月底前\n2\n"
                   "开展电动自行车集中充电设施建设\n县消防救援大队\n各乡镇\n年底前\n（二）整治提升\n3\n推进老旧燃气管网更新改造\n"
                   "县住建局\n县财政局\n2025年12月底前\n二、工作要求\n各乡镇要高度重视，认真抓好落实。\n")
    gas = task_with(parsed, "整改台账")
    assert owners(gas) == {"lead": ["县住建局"], "co": ["县市场监管局", "各乡镇"]}
    assert gas.deadline_norm == "2024-06" and gas.section.endswith("（一）摸清底数")
    charging = task_with(parsed, "集中充电设施")
    assert (charging.deadline_norm, charging.deadline_inferred) == ("2024-12", True)
    assert task_with(parsed, "老旧燃气管网").section.endswith("（二）整治提升")


@pytest.mark.parametrize("table", [
    "| 序号 | 工作任务 | 责任单位 | 时间节点 |\n|---|---|---|---|\n| 1 | 开展燃气用户安全检查 | 县住建局、各乡镇 | 6月底前 |\n"
    "| 2 | 更换老化燃气软管 | 县市场监管局 | 年底前 |\n",
    "序号\t工作任务\t责任单位\t时间节点\n1\t开展燃气用户安全检查\t县住建局、各乡镇\t6月底前\n2\t更换老化燃气软管\t县市场监管局\t年底前\n",
    "序号  工作任务  责任单位  时间节点\n1  开展燃气用户安全检查  县住建局、各乡镇  6月底前\n"
    "2  更换老化燃气软管  县市场监管局  年底前\n",
], ids=["pipes", "tabs", "spaces"])
def test_tables_with_delimited_cells(tmp_path, table):
    parsed = parse(tmp_path, "一、整治任务\n" + table)
    assert [t.text for t in parsed.tasks] == ["开展燃气用户安全检查 | 县住建局、各乡镇 | 6月底前", "更换老化燃气软管 | 县市场监管局 | 年底前"]
    assert [t.title for t in parsed.tasks] == ["开展燃气用户安全检查", "更换老化燃气软管"]
    assert owners(parsed.tasks[0]) == {"responsible": ["县住建局", "各乡镇"]}
    assert [t.deadline_norm for t in parsed.tasks] == ["2024-06", "2024-12"]


@pytest.mark.parametrize("deadline, norm", [
    ("3月份", "2024-03"), ("上半年", "2024-06"), ("第三季度", "2024-09"), ("2025年3月—2025年6月", "2025-06"),
    ("每年3月底前", "2024-03"), ("长期坚持", ""), ("力争2026年", "2026"), ("至2025年6月", "2025-06"),
])
def test_deadline_label_forms(tmp_path, deadline, norm):
    parsed = parse(tmp_path, f"一、重点任务\n1.开展专项检查。（牵头单位：县应急局；完成时限：{deadline}）\n")
    [task] = parsed.tasks
    assert (task.deadline, task.deadline_norm) == (deadline, norm)


def test_every_span_points_at_its_words(tmp_path):
    parsed = parse(tmp_path, "一、重點任務\n1.開展燃氣安全排查。（牽頭單位：縣住建局）2.開展消防檢查。（牽頭單位：縣消防救援大隊）\n",
                   header="青石縣安全生產工作要點\n")
    for task in parsed.tasks:
        written = parsed.document.text[task.start:task.end]
        assert len(written.replace("\n", "")) == len(task.text.replace("\n", ""))


def test_a_lead_marked_inside_a_list_and_a_deadline_inside_brackets(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n1.开展燃气排查。（责任单位：县住建局（牵头）、县市场监管局、各乡镇）\n"
                   "2.开展消防检查。（县消防救援大队负责，2024年10月底前完成）\n3.开展校园安全培训。（县教体局）\n"
                   "4.由县住建局（县人防办）统筹推进地下空间整治。\n")
    assert owners(task_with(parsed, "燃气排查")) == {"lead": ["县住建局"], "co": ["县市场监管局", "各乡镇"]}
    fire = task_with(parsed, "消防检查")
    assert owners(fire) == {"responsible": ["县消防救援大队"]} and fire.deadline_norm == "2024-10"
    assert owners(task_with(parsed, "安全培训")) == {"responsible": ["县教体局"]}
    assert owners(task_with(parsed, "地下空间整治")) == {"responsible": ["县住建局（县人防办）"]}


def test_a_stage_heading_dates_the_work_under_it(tmp_path):
    parsed = parse(tmp_path, "一、工作步骤\n（一）动员部署阶段（4月1日—4月30日）\n1.制定工作方案。（责任单位：各乡镇）\n"
                   "2.召开动员会议。（责任单位：县安委办）\n（二）集中整治阶段（5月1日—9月30日）\n"
                   "1.开展全面排查。（责任单位：县直各有关部门）\n")
    assert task_with(parsed, "工作方案").deadline_norm == "2024-04"
    assert task_with(parsed, "全面排查").deadline_norm == "2024-09"
