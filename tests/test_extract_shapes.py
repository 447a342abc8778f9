"""Shapes real notices use that the parser used to miss, each with a sentence of our own in the
same form (issue 19): one task per assignment, its lead, co and deadline together."""
import pytest

from ingest import owner_rules as R
from ingest.units import LIST_BULLETS
from tests.notices import only_task_owners, owners, parse, task_with


@pytest.mark.parametrize("item", [
    "一、市应急局牵头，市消防救援支队配合，开展消防安全检查，2024年12月底前完成。",
    "一、由市应急局负责牵头，市消防救援支队、各区政府配合，开展消防安全检查，2024年12月底前完成。",
    "一、市应急局牵头，市消防救援支队参与，开展消防安全检查，2024年12月底前完成。",
])
def test_one_item_with_its_lead_co_and_deadline_is_one_task(tmp_path, item):
    parsed = parse(tmp_path, item + "\n")
    [task] = parsed.tasks
    assert owners(task)["lead"] == ["市应急局"] and "市消防救援支队" in owners(task)["co"]
    assert task.deadline_norm == "2024-12"


@pytest.mark.parametrize("item, expected", [
    # role clauses set off by semicolons, and a clause only naming the units that take part
    ("一、加强农村道路安全管理，县公安局交警大队牵头；县交通运输局、各乡镇配合；持续推进。",
     {"lead": ["县公安局交警大队"], "co": ["县交通运输局", "各乡镇"]}),
    ("一、开展汛前隐患排查。县水务局组织实施，县林业局参与，5月底前完成。",
     {"lead": ["县水务局"], "co": ["县林业局"]}),
    # units named with the role this notice gives them
    ("一、县城管局为牵头单位，县市场监管局、各街道为配合单位，共同开展占道经营整治。",
     {"lead": ["县城管局"], "co": ["县市场监管局", "各街道"]}),
    # a clause that only says who guides the work
    ("一、完善应急广播体系。县文广旅体局负责建设，县应急局负责指导，2025年11月完成。",
     {"responsible": ["县文广旅体局", "县应急局"]}),
])
def test_role_clauses_of_one_item_give_one_task(tmp_path, item, expected):
    [task] = parse(tmp_path, item + "\n").tasks
    assert owners(task) == expected


@pytest.mark.parametrize("item", [
    "一、排查老旧电梯。〔牵头单位〕县市场监管局〔配合单位〕各乡镇〔完成时限〕2025年9月底前\n",
    "一、排查老旧电梯。【牵头单位】县市场监管局【配合单位】各乡镇【完成时限】2025年9月底前\n",
    "一、排查老旧电梯。【牵头单位】：县市场监管局；【配合单位】：各乡镇；【完成时限】：2025年9月底前\n",
])
def test_labels_in_square_brackets(tmp_path, item):
    [task] = parse(tmp_path, item).tasks
    assert owners(task) == {"lead": ["县市场监管局"], "co": ["各乡镇"]} and task.deadline_norm == "2025-09"


def test_each_numbered_point_of_an_item_takes_its_own_subject(tmp_path):
    parsed = parse(tmp_path, "一、强化校园安全。一是县教育局要开展周边隐患排查；二是县公安局要加强巡逻防控；三是各乡镇要落实属地责任。\n")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": [unit]} for unit in ("县教育局", "县公安局", "各乡镇")]


def test_the_items_annotated_owners_own_its_words_after_the_annotation(tmp_path):
    parsed = parse(tmp_path, "一、推进应急指挥信息化（县应急局牵头，县大数据中心配合）。2025年底前建成县级指挥平台，"
                   "2026年6月底前实现乡镇全覆盖。\n")
    assert all(owners(t) == {"lead": ["县应急局"], "co": ["县大数据中心"]} for t in parsed.tasks)
    assert parsed.tasks[-1].deadline_norm == "2026-06"  # staged deadlines in one task: the latest


def test_a_paragraph_after_an_annotated_item_is_not_owned_by_its_annotation(tmp_path):
    parsed = parse(tmp_path, "一、加强服务\n1.畅通政企沟通渠道。建立常态化沟通机制。（责任单位：县工信局）\n\n"
                   "本措施自2026年3月1日起施行，有效期至2028年12月31日。\n")
    assert owners(task_with(parsed, "本措施自")) == {}


def test_a_deadline_label_line_pairs_with_the_labels_right_before_it_only(tmp_path):
    parsed = parse(tmp_path, "一、活动安排\n（一）开展宣传咨询日活动\n1.活动时间:6月16日。\n2.活动内容:各乡镇要开展政策咨询。\n"
                   "3.组织单位:县安办。(参加单位:县应急局、县住建局。)\n")
    assert len(parsed.tasks) == 1 and parsed.tasks[0].deadline_norm == "2024-06"


@pytest.mark.parametrize("sentence", ["专班领导小组于2024年12月3日召开第一次工作例会，对整治任务进行再细化。",
                                      "本方案自2024年5月1日起实施，由县应急局负责解释。"])
def test_the_date_of_a_reported_meeting_or_of_taking_effect_is_no_deadline(tmp_path, sentence):
    [task] = parse(tmp_path, "一、工作情况\n1." + sentence + "\n").tasks
    assert task.deadline == "" and task.units


def test_a_table_of_contents_gives_no_tasks(tmp_path):
    parsed = parse(tmp_path, "目 录\n一、现状与形势 - 2 -\n二、主要任务 - 5 -\n1.完善应急管理体系 - 5 -\n"
                   "一、现状与形势\n1.体制机制不断优化。全县完成应急管理机构改革。\n二、主要任务\n"
                   "1.完善应急管理体系。县应急局要健全应急指挥体系，2025年底前建成县级指挥中心。\n", header="")
    assert [(owners(t), t.deadline_norm) for t in parsed.tasks] == [({"responsible": ["县应急局"]}, "2025-12")]


def test_an_emergency_plan_numbered_by_decimals_has_its_sections(tmp_path):
    parsed = parse(tmp_path, "1总则\n1.1编制目的\n建立森林火灾应急机制。\n2组织指挥体系\n2.1指挥机构\n"
                   "县森林防火指挥部负责组织、协调和指导全县森林防火工作。\n3预防预警\n3.1.1火险预警\n"
                   "县气象局负责发布森林火险预警信息。\n", header="某县森林火灾应急预案\n")
    assert [(t.section, owners(t)) for t in parsed.tasks] == [
        ("2组织指挥体系 / 2.1指挥机构", {"responsible": ["县森林防火指挥部"]}),
        ("3预防预警 / 3.1.1火险预警", {"responsible": ["县气象局"]})]


def test_clauses_sharing_out_one_task_are_one_task(tmp_path):
    [task] = parse(tmp_path, "一、实施公路安全防护工程。县交通运输局负责国省干线，县公路中心负责县道，各乡镇负责村道，"
                   "2025年底前完成300公里。\n").tasks
    assert owners(task) == {"responsible": ["县交通运输局", "县公路中心", "各乡镇"]} and task.deadline_norm == "2025-12"


def test_a_deadline_label_on_the_line_after_the_owner_labels_dates_them(tmp_path):
    [task] = parse(tmp_path, "一、推进智慧消防建设。\n牵头单位：县工信局\n责任单位：各乡镇人民政府\n完成时限：2025年11月\n").tasks
    assert owners(task) == {"lead": ["县工信局"], "responsible": ["各乡镇人民政府"]} and task.deadline_norm == "2025-11"


@pytest.mark.parametrize("item, expected", [
    ("一、组织开展安全生产月活动，县安委办具体负责。", {"responsible": ["县安委办"]}),
    ("一、各乡镇要在6月底前完成自建房安全排查，县住建局负责业务指导。", {"responsible": ["各乡镇", "县住建局"]}),
])
def test_a_closing_clause_naming_who_answers_for_the_work_joins_it(tmp_path, item, expected):
    [task] = parse(tmp_path, item + "\n").tasks
    assert owners(task) == expected


def test_a_sentence_listing_each_units_duty_is_one_task_per_unit(tmp_path):
    parsed = parse(tmp_path, "三、职责分工\n县住建局负责房屋建筑安全，县交通运输局负责公路运输安全，县教育局负责校园安全。\n")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": [u]} for u in ("县住建局", "县交通运输局", "县教育局")]


@pytest.mark.parametrize("sentence, expected", [
    ("会议指出，各乡镇、各部门要切实负起安全责任。", {"responsible": ["各乡镇", "各部门"]}),
    # the body hosting the office owns its duty (no "…设在县应急局" as a name)
    ("成立工作领导小组，领导小组办公室设在县应急局，负责日常工作。", {"responsible": ["县应急局"]}),
])
def test_what_a_meeting_says_and_where_an_office_sits(tmp_path, sentence, expected):
    [task] = parse(tmp_path, "一、工作要求\n1." + sentence + "\n").tasks
    assert owners(task) == expected


@pytest.mark.parametrize("cell, expected", [
    ("县住建局（牵头）、县市场监管局、各乡镇", {"lead": ["县住建局"], "co": ["县市场监管局", "各乡镇"]}),
    ("牵头：县消防救援大队；配合：县公安局", {"lead": ["县消防救援大队"], "co": ["县公安局"]}),
    ("县交通运输局牵头，县公安局交警大队配合", {"lead": ["县交通运输局"], "co": ["县公安局交警大队"]}),
    ("县安委办，各成员单位", {"responsible": ["县安委办", "各成员单位"]}),
])
def test_an_owner_cell_that_gives_roles_itself(tmp_path, cell, expected):
    task = task_with(parse(tmp_path, f"重点任务分解表\n\n| 序号 | 重点任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
                               f"| 1 | 开展燃气安全排查整治 | {cell} | 2025年6月底前 |\n"), "燃气安全排查")
    assert owners(task) == expected and task.deadline_norm == "2025-06"


def test_an_items_title_ending_in_a_body_word_is_no_body_owning_the_item(tmp_path):
    [task] = parse(tmp_path, "一、加强基层消防力量\n（一）建强街道消防工作机构。各街道设立消防工作站，配备不少于5名工作人员。"
                   "(责任单位:各街道办事处;配合单位:区应急局)\n").tasks
    assert owners(task) == {"responsible": ["各街道办事处"], "co": ["区应急局"]}


def test_a_web_pages_information_box_copied_with_the_text_gives_no_task(tmp_path):
    parsed = parse(tmp_path, "索 引 号: 11140000/2024-00218 主题分类: 安全生产监管\n发布机构: 青石镇人民政府 成文日期: 2024年12月12日\n"
                   "发文字号: 青政发〔2024〕11号 发布日期: 2024年12月12日\n一、工作任务\n1.各村要在6月底前完成自查，"
                   "各有关单位（详见任务分工）要制定本单位方案。\n", header="")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": ["各村"]}, {"responsible": ["各有关单位"]}]


def test_a_listed_unit_with_its_part_written_after_it_is_the_unit(tmp_path):
    [task] = parse(tmp_path, "一、加强学校安全教育（责任单位：县教育局，各乡镇人民政府按属地负责）。\n").tasks
    assert owners(task) == {"responsible": ["县教育局", "各乡镇人民政府"]}


@pytest.mark.parametrize("item, deadline", [
    ("一、开展消防宣传月活动。主办单位：县消防救援大队；协办单位：县教育局。11月上旬完成。", "11月上旬完成"),
    ("一、建立风险分级管控机制。责任部门：县应急管理局。时间要求：2025年8月底前。", "2025年8月底前"),
])
def test_a_deadline_after_the_labels_or_under_a_label_of_its_own(tmp_path, item, deadline):
    [task] = parse(tmp_path, item + "\n").tasks
    assert task.deadline == deadline and task.units


def test_a_lead_clause_then_a_new_subject_is_still_two_tasks(tmp_path):
    parsed = parse(tmp_path, "一、县教育局牵头，开展校园安全排查；县卫健委负责医院消防检查，6月底前完成。\n")
    assert owners(task_with(parsed, "校园安全")) == {"lead": ["县教育局"]}
    assert owners(task_with(parsed, "医院消防")) == {"responsible": ["县卫健委"]}


def test_a_table_line_of_rules_alone_is_no_table(tmp_path):
    parsed = parse(tmp_path, "一、工作安排\n|---|---|\n县应急局负责全县安全生产检查。\n")
    assert owners(task_with(parsed, "安全生产检查")) == {"responsible": ["县应急局"]}


def test_objects_of_a_verb_taking_part_are_no_co_units(tmp_path):
    parsed = parse(tmp_path, "一、隐患排查\n1.县应急局督促企业聘请行业专家、安全技术服务机构参与隐患排查。\n")
    assert owners(task_with(parsed, "隐患排查。")) == {"responsible": ["县应急局"]}


def test_a_notice_in_traditional_characters_keeps_them_in_its_tasks(tmp_path):
    parsed = parse(tmp_path, "一、重點任務\n1.開展燃氣安全排查。（牽頭單位：縣住建局；配合單位：縣市場監管局；完成時限：2024年6月底前）\n",
                   header="青石縣2024年安全生產工作要點\n")
    [task] = parsed.tasks
    assert task.text.startswith("1.開展燃氣安全排查")
    assert owners(task) == {"lead": ["縣住建局"], "co": ["縣市場監管局"]}
    assert (task.deadline, task.deadline_norm) == ("2024年6月底前", "2024-06")


# ---- tables written with "|": the task column in other words, targets, several tables -----------
def test_a_table_with_an_owner_column_names_its_task_column_in_its_own_words(tmp_path):
    parsed = parse(tmp_path, "一、年度目标\n序号 | 名 称 | 2024年目标 | 责任单位 | 备注 |\n"
                   "1 | 较大生产安全事故 | 控制在3起以内 | 县安委会各成员单位,各乡镇政府 | |\n"
                   "2 | 火灾亡人数 | 同比下降10% | 县消防救援大队 |\n"
                   "二、重要文件\n序号 | 名 称 | 2024年目标 | 责任单位 | 备注 |\n1 | 《青石县防汛应急预案》 | 修订 | 县应急局 | |\n")
    accidents = task_with(parsed, "较大生产安全事故")
    assert accidents.text.startswith("较大生产安全事故 | 控制在3起以内")
    assert owners(accidents) == {"responsible": ["县安委会各成员单位", "各乡镇政府"]}
    assert task_with(parsed, "火灾亡人数").metrics == ["同比下降10%"]
    plan = task_with(parsed, "防汛应急预案")
    assert owners(plan) == {"responsible": ["县应急局"]} and plan.section.startswith("二、重要文件")


def test_a_data_row_naming_member_units_is_no_header(tmp_path):
    parsed = parse(tmp_path, "序号 | 名 称 | 目标 | 责任单位 |\n1 | 道路交通事故 | 下降5% | 县安委会各成员单位 |\n"
                   "2 | 火灾事故 | 下降5% | 县安委会各成员单位 |\n3 | 溺水事故 | 下降5% | 县安委会各成员单位 |\n")
    assert [t.title for t in parsed.tasks] == ["道路交通事故", "火灾事故", "溺水事故"]


def test_year_columns_are_targets(tmp_path):
    parsed = parse(tmp_path, "一、主要指标\n指标 | 2024年 | 2025年 | 责任单位\n"
                   "应急避难场所覆盖率 | 60% | 80% | 县应急局\n")
    task = task_with(parsed, "应急避难场所")
    assert owners(task) == {"responsible": ["县应急局"]} and task.metrics == ["60%", "80%"]


def test_the_task_column_of_an_export_leaves_out_the_unit_and_deadline_cells(tmp_path):
    from kb.tables.export import task_cell
    parsed = parse(tmp_path, "一、整治安排\n整治行业 | 时间安排 | 责任单位 |\n烟花爆竹 | 1月份 | 安监站 安监所 |\n"
                   "危险化学品 | 2月份 | 安监站 |\n")
    task = task_with(parsed, "烟花爆竹")
    assert task.text == "烟花爆竹 | 1月份 | 安监站 安监所" and owners(task) == {"responsible": ["安监站", "安监所"]}
    assert task_cell({**task.to_dict(), "title": ""}) == "烟花爆竹"


@pytest.mark.parametrize("letter", ["现将《青石县防汛工作方案》印发给你们，请认真贯彻落实。", "请各单位结合实际认真遵照执行。特此通知。"])
def test_a_cover_letter_passing_the_notice_on_is_no_task(tmp_path, letter):
    parsed = parse(tmp_path, letter + "\n工作任务 | 责任单位\n清理河道障碍物 | 县水利局\n", header="")
    assert [t.title for t in parsed.tasks] == ["清理河道障碍物"]


# ---- duty lists: a line opening with a unit's name, then its duties ------------------------------
def test_a_duty_list_gives_each_unit_its_duties_and_a_joint_body_as_co(tmp_path):
    parsed = parse(tmp_path, "二、职责分工\n县住建局。负责指导各乡镇开展自建房安全排查。\n"
                   "团县委。组织青年志愿者参与排查，联合县消防救援大队对志愿者进行培训。\n"
                   "县民政局：负责养老机构的消防安全检查。\n")
    assert owners(task_with(parsed, "自建房")) == {"responsible": ["县住建局"]}
    assert owners(task_with(parsed, "志愿者进行培训")) == {"co": ["县消防救援大队"], "responsible": ["团县委"]}
    assert owners(task_with(parsed, "养老机构")) == {"responsible": ["县民政局"]}


def test_a_measure_ending_in_a_body_like_word_is_no_unit(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n（一）打造应急科普示范社区。依托社区服务中心建设科普场所。\n")
    assert owners(parsed.tasks[0]) == {}


def test_targets_with_bracketed_lead_and_an_elided_list_of_levels(tmp_path):
    parsed = parse(tmp_path, "一、规划目标\n1.较大事故起数下降10%(省应急厅牵头,省、中直有关部门按职责分工负责)。\n"
                   "2.火灾亡人数下降5%(省消防救援总队、省住建厅等按职责分工负责)。\n",
                   header="某省“十四五”安全生产规划目标分工方案\n")
    accidents = task_with(parsed, "较大事故")
    assert owners(accidents) == {"lead": ["省应急厅"], "co": ["省、中直有关部门"]}
    assert accidents.deadline_norm == ""  # the plan's name dates no target
    assert owners(task_with(parsed, "火灾亡人数")) == {"responsible": ["省消防救援总队", "省住建厅等"]}


def test_rows_of_a_web_table_with_cells_merged_down_take_them_from_the_row_above(tmp_path):
    parsed = parse(tmp_path, "类别 | 工作事项 | 任务清单 | 责任清单 | 时限清单 |\n"
                   "（一）组织保障 | 1.健全机构 | 1.明确防汛第一责任人; | 党政办 应急站 | 5月 |\n"
                   "2.建立防汛联络员制度; | 应急站 | 5月 |\n"
                   "3.补充设置山洪预警员、巡查员等责任人; | 农业办 村(社区) |\n")
    liaison = task_with(parsed, "防汛联络员")
    assert owners(liaison) == {"responsible": ["应急站"]} and liaison.deadline == "5月"
    assert liaison.section.endswith("（一）组织保障")
    assert owners(task_with(parsed, "山洪预警员")) == {"responsible": ["农业办", "村(社区)"]}


# ---- dates: dated steps, stage headings, ranges and periods -----------------------------------
def test_several_dated_steps_are_one_task_each_with_the_owners_named_once(tmp_path):
    parsed = parse(tmp_path, "四、工作安排\n1.县住建局牵头，各乡镇配合：年底前完成燃气管网排查；"
                   "2025年1月底前完成整改；2月中旬前组织验收。\n")
    steps = [(t.deadline_norm, owners(t)) for t in parsed.tasks]
    assert steps == [(norm, {"lead": ["县住建局"], "co": ["各乡镇"]}) for norm in ("2024-12", "2025-01", "2025-02")]


def test_a_short_title_dated_in_brackets_heads_the_work_after_it(tmp_path):
    parsed = parse(tmp_path, "五、保障措施\n（一）加强领导。各乡镇要高度重视。\n（二）督导检查（2024年11月）。县安委办牵头组织督导组，对各乡镇进行督导。\n")
    task = task_with(parsed, "督导检查")
    assert task.text.startswith("（二）督导检查") and "县安委办" in task.text
    assert owners(task) == {"lead": ["县安委办"]} and task.deadline_norm == "2024-11"


def test_a_stage_with_a_time_field_heads_the_work_under_it(tmp_path):
    parsed = parse(tmp_path, "三、工作步骤\n（二）全面禁烧阶段。时间：夏季麦收期间（6月5日一6月30日）、秋季秋收期间（10月1日一10月31日）。"
                   "镇政府、各行政村要按照分工，各负其责，进入实战状态。\n")
    [task] = parsed.tasks
    assert owners(task) == {"responsible": ["镇政府", "各行政村"]} and task.deadline_norm == "2024-10"


def test_an_excerpt_without_its_head_takes_the_year_it_is_signed_in(tmp_path):
    parsed = parse(tmp_path, "（十二）城区废品收购站清理 牵头单位:河东区 配合单位:县公安局、县商务局 主要任务:在10月20日前将收购站"
                   "迁到郊区。\n二、具体要求\n各单位要按时完成整改任务。\n二OO八年九月八日\n", header="")
    task = task_with(parsed, "废品收购站")
    assert (task.deadline, task.deadline_norm) == ("10月20日前", "2008-10") and task.deadline_inferred


def test_an_excerpt_without_date_takes_the_year_of_the_summary_it_asks_for(tmp_path):
    parsed = parse(tmp_path, "（一）动员部署阶段（5月）\n各县区领导小组制定具体实施方案。\n（二）总结阶段（11月）\n"
                   "各县区于10月30日前将《2024年专项整治工作总结》报市领导小组办公室。\n", header="")
    assert task_with(parsed, "实施方案").deadline_norm == "2024-05"
    since = parse(tmp_path, "（一）动员部署阶段（5月）\n各县区制定方案，总结2019年以来的经验，报送2021年工作总结。\n",
                  header="", name="since.txt")
    assert since.tasks[0].deadline_norm == "2021-05"  # a year the work dates from is no summary's
    two = parse(tmp_path, "（一）动员部署阶段（5月）\n各县区报送2020年工作总结和2021年工作总结。\n", header="", name="two.txt")
    assert two.tasks[0].deadline_norm == ""  # two summaries' years: neither is the document's


def test_an_excerpt_without_date_takes_the_year_its_dated_deadlines_share(tmp_path):
    parsed = parse(tmp_path, "（三）集中受理阶段（8月-9月）。各县区民政局要设立举报电话。\n（四）总结阶段（10-11月）。"
                   "于2018年11月20日前上报市民政局。\n", header="")
    assert task_with(parsed, "举报电话").deadline_norm == "2018-09"
    from ingest.meta import DocMeta
    from ingest.pipeline import document_year
    two_years = "于2018年11月20日前上报，2019年3月底前复查。各县区要认真组织，确保专项治理取得实效，不走过场，不搞形式。"
    assert document_year(DocMeta(title=""), two_years) is None  # deadlines in two years: neither is the document's


def test_a_sentence_giving_the_activitys_period_dates_its_tasks(tmp_path):
    parsed = parse(tmp_path, "一、时间安排和分工\n此次专项行动时间为2024年12月1日至2025年2月28日。县应急局牵头，负责危险化学品领域的整治；"
                   "县住建局负责建筑施工领域的整治。\n")
    assert [t.deadline_norm for t in parsed.tasks if t.units] == ["2025-02", "2025-02"]


def test_steps_of_a_year_run_forward_only_for_the_same_owners(tmp_path):
    parsed = parse(tmp_path, "四、工作安排\n1.县应急局牵头开展排查，12月底前完成企业自查；1月底前完成抽查。\n"
                   "2.县农业农村局于5月底前完成农机安全检查；县林业局于3月底前完成林区防火巡查。\n")
    assert [t.deadline_norm for t in parsed.tasks] == ["2024-12", "2025-01", "2024-05", "2024-03"]


def test_an_items_title_sentence_heads_its_first_dated_step(tmp_path):
    parsed = parse(tmp_path, "四、工作安排\n1.开展建筑施工安全大排查。县住建局负责，10月中旬前完成排查，11月底前完成整改。\n")
    assert [(t.text[:4], t.deadline_norm) for t in parsed.tasks] == [("1.开展", "2024-10"), ("11月底", "2024-11")]


def test_a_paragraph_before_the_dated_steps_is_a_task_of_its_own(tmp_path):
    parsed = parse(tmp_path, "由县应急局牵头，全面推进液化气瓶隐患清零。会上明确了时间节点：8月底前完成餐饮场所排查，"
                   "年底前完成居民用户入户检查。\n")
    assert [t.deadline_norm for t in parsed.tasks] == ["", "2024-08", "2024-12"]
    assert all(owners(t) == {"lead": ["县应急局"]} for t in parsed.tasks)


@pytest.mark.parametrize("stage, norm", [("（一）动员部署阶段（2024年7月底前）", "2024-07"),
                                         ("（二）集中整治阶段（8月—9月）", "2024-09"),
                                         ("（三）总结提升阶段（2024年10月1日至11月15日）", "2024-11")])
def test_a_stage_heading_dates_the_work_beneath_it(tmp_path, stage, norm):
    parsed = parse(tmp_path, f"三、实施步骤\n{stage}\n各乡镇组织开展自查自纠，建立问题清单。\n")
    [task] = parsed.tasks
    assert owners(task) == {"responsible": ["各乡镇"]} and task.deadline_norm == norm


@pytest.mark.parametrize("item, deadline, norm", [
    ("县交通局7月中旬至9月中旬开展超载治理。", "7月中旬至9月中旬", "2024-09"),
    ("县消防救援大队于3月7日-3月10日开展夜查行动。", "3月7日-3月10日", "2024-03"),
    ("各乡镇每月25日前报送整治进展。", "每月25日前", ""),
    ("县应急局负责；2025年7月中旬至9月中旬集中开展治理。", "2025年7月中旬至9月中旬", "2025-09"),
    ("县教育局三月底前完成校舍排查。", "三月底前", "2024-03"),
])
def test_ranges_and_periods(tmp_path, item, deadline, norm):
    parsed = parse(tmp_path, f"四、工作安排\n1.{item}\n")
    [task] = parsed.tasks
    assert (task.deadline, task.deadline_norm) == (deadline, norm) and owners(task)


# ---- groups, bracketed lists with trailing parts, membership -----------------------------------
def test_each_inspection_group_is_a_task_its_leading_body_lead_and_the_others_co(tmp_path):
    parsed = parse(tmp_path, "三、检查安排\n第一组：由县应急局局长带队，县住建局、县消防救援大队参加，负责城关镇的督导检查。\n"
                   "第二组：由县市场监管局带队，县公安局参加，负责其余乡镇的督导检查。\n")
    assert owners(task_with(parsed, "城关镇")) == {"lead": ["县应急局"], "co": ["县住建局", "县消防救援大队"]}
    assert owners(task_with(parsed, "其余乡镇")) == {"lead": ["县市场监管局"], "co": ["县公安局"]}


def test_groups_run_into_one_paragraph_are_a_task_each(tmp_path):
    # a web page that lost its line breaks; an official alone is no unit, the report goes to "各组"
    parsed = parse(tmp_path, "二、督查安排\n具体安排如下：第一组：王某局长带队，办公室、监管一处参加，督查东城镇；"
                   "第二组：李某副局长带队，应急中心、执法大队参加，督查西城镇。\n三、有关要求\n"
                   "督查结束后，各组要形成书面材料，于3月20日前送局办公室汇总。\n")
    assert owners(task_with(parsed, "东城镇")) == {"co": ["办公室", "监管一处"]}
    assert owners(task_with(parsed, "西城镇")) == {"co": ["应急中心", "执法大队"]}
    assert owners(task_with(parsed, "书面材料")) == {"responsible": ["各组"]}


@pytest.mark.parametrize("item, expected", [
    ("县消防救援大队为主责单位，县住建局、县市场监管局为协办单位，11月底前完成。",
     {"lead": ["县消防救援大队"], "co": ["县住建局", "县市场监管局"]}),
    ("[牵头：县公安局；参与：县教育局、县交通运输局]", {"lead": ["县公安局"], "co": ["县教育局", "县交通运输局"]}),
    ("具体负责：县应急局执法大队；协助：县司法局。", {"responsible": ["县应急局执法大队"], "co": ["县司法局"]}),
])
def test_roles_in_the_words_of_other_notices(tmp_path, item, expected):
    assert only_task_owners(tmp_path, f"四、重点任务\n1.整治电动自行车违规充电。{item}\n") == expected


def test_a_heading_naming_a_body_and_its_duty_word_owns_the_items_under_it(tmp_path):
    parsed = parse(tmp_path, "三、职责分工\n（一）县应急局负责：\n1.统筹协调全县安全生产大检查工作。\n"
                   "（二）县住建局负责：\n1.开展建筑施工安全检查。\n")
    assert owners(task_with(parsed, "统筹协调")) == {"responsible": ["县应急局"]}
    assert owners(task_with(parsed, "建筑施工")) == {"responsible": ["县住建局"]}


def test_a_title_set_off_by_a_space_before_its_labels(tmp_path):
    parsed = parse(tmp_path, "三、任务分工\n（七）道路改造任务 责任单位:县住建局,责任人:张某某 工作任务:改造城区道路3条。"
                   "（八）广告牌匾整治任务 牵头单位:县城管局 配合单位:县市场监管局、县公安局 工作任务:清理违规广告牌。\n")
    assert owners(task_with(parsed, "道路改造任务")) == {"responsible": ["县住建局"]}
    assert owners(task_with(parsed, "广告牌匾")) == {"lead": ["县城管局"], "co": ["县市场监管局", "县公安局"]}


def test_news_subheadings_run_into_one_paragraph_each_give_their_body(tmp_path):
    parsed = parse(tmp_path, "会议要求，各单位要按照职责分工落实措施。 县自然资源局:防范地质灾害 县自然资源局要重点做好山体滑坡的监测。"
                   " 县住建局:检查工地 县住建局要加强对在建工地塔吊、脚手架的检查。\n")
    assert owners(task_with(parsed, "山体滑坡")) == {"responsible": ["县自然资源局"]}
    assert owners(task_with(parsed, "脚手架")) == {"responsible": ["县住建局"]}


def test_a_short_title_set_off_by_a_space_before_the_body_that_acts(tmp_path):
    parsed = parse(tmp_path, "三、工作措施\n联合巡查 县自然资源局会同县公安局，组织相关力量开展巡查。\n"
                   "专案调查 县自然资源局会同县检察院，成立专案组立案调查。\n")
    assert owners(task_with(parsed, "开展巡查")) == {"lead": ["县自然资源局"], "co": ["县公安局"]}
    assert owners(task_with(parsed, "立案调查")) == {"lead": ["县自然资源局"], "co": ["县检察院"]}


def test_an_annotation_cut_by_the_end_of_an_excerpt_keeps_its_whole_names(tmp_path):
    parsed = parse(tmp_path, "二、重点任务\n1.督促企业主要负责人落实法定职责。（省应急厅、省住建厅分工负责）\n"
                   "2.督促企业每天进行现场安全检查。（省应急厅、省住建厅、省民航")
    task = task_with(parsed, "现场安全检查")
    assert owners(task) == {"responsible": ["省应急厅", "省住建厅"]} and task.owner_source == "cut"


def test_a_bracket_opened_long_before_the_end_is_no_cut_annotation(tmp_path):
    parsed = parse(tmp_path, "二、重点任务\n1.督促企业开展检查（县应急局、" + "县住建局负责督导检查，" * 30)
    assert all(task.owner_source != "cut" for task in parsed.tasks)


def test_a_table_row_without_a_deadline_column_is_due_when_its_words_say(tmp_path):
    parsed = parse(tmp_path, "| 序号 | 主要任务 | 牵头单位 | 配合单位 |\n"
                   "| 1 | 严控用水总量，到2020年全市用水总量控制在10亿立方米以内。 | 市水利局 | 市发改委 |\n"
                   "| 2 | 推进节水改造，2019年底前完成20家企业改造。 | 市工信委 | 市水利局 |\n")
    assert [t.deadline_norm for t in parsed.tasks] == ["2020", "2019-12"]


def test_a_duty_list_run_into_one_paragraph_gives_each_unit_its_duties(tmp_path):
    parsed = parse(tmp_path, "三、职责分工\n各成员单位职责如下：县环保局。负责全县秸秆禁烧的统一监督，承担禁烧办日常工作。"
                   "县交通局、县公路段。负责国道、省道两侧的巡查。县农机局。负责对收割机手进行宣传教育。\n")
    assert owners(task_with(parsed, "统一监督")) == {"responsible": ["县环保局"]}
    assert owners(task_with(parsed, "两侧的巡查")) == {"responsible": ["县交通局", "县公路段"]}
    assert owners(task_with(parsed, "收割机手")) == {"responsible": ["县农机局"]}


def test_sentences_naming_their_lead_after_what_is_done_are_one_task_each(tmp_path):
    parsed = parse(tmp_path, "三、整治内容\n此次整治分为三方面。校园内部整治主要由县教育局牵头，县公安局配合，排查校舍设施；"
                   "食堂卫生监管主要由县市场监管局牵头，县卫健局配合，检查学校食堂；周边环境整治主要由县公安局牵头，"
                   "县城管局配合，清理流动摊点。\n")
    assert owners(task_with(parsed, "排查校舍")) == {"lead": ["县教育局"], "co": ["县公安局"]}
    assert owners(task_with(parsed, "学校食堂")) == {"lead": ["县市场监管局"], "co": ["县卫健局"]}
    assert owners(task_with(parsed, "流动摊点")) == {"lead": ["县公安局"], "co": ["县城管局"]}


@pytest.mark.parametrize("sentence, unit", [
    # firms named beside the bodies a requirement is put to own nothing
    ("各有关部门、各煤矿企业要按照全省的要求，停产整顿重大安全隐患。", "各有关部门"),
    ("县假日旅游指挥中心各组员单位、各旅游经营单位要认真总结节日期间的工作。", "县假日旅游指挥中心各组员单位"),
    # a body a duty creates, made up of others, is no membership list
    ("各区县人民政府要全面落实属地责任，建立由政府领导、部门负责人、专家组成的检查组，开展全覆盖检查。", "各区县人民政府"),
    ("市人民政府成立由分管副市长带队、相关部门参加的3个督导组，对各区县开展督导。", "市人民政府"),
    ("镇政府准备足额的防汛抢险应急经费，储备抢险物资。", "镇政府"),
    ("各县、区政府要立即成立专门工作机构，落实巡查人员。", "各县、区政府"),
])
def test_a_subject_given_a_duty_in_other_verbs(tmp_path, sentence, unit):
    parsed = parse(tmp_path, f"二、工作措施\n（一）{sentence}\n")
    [task] = parsed.tasks
    assert owners(task) == {"responsible": [unit]}


GROUP_ROLE_EXAMPLES = {  # R.GROUP_ROLES row -> a group written with it
    "lead": "第一检查组：组长由县应急局分管负责同志担任，负责城东片区企业的检查。",
    "co": "第一检查组：组长由县应急局局长担任，成员由县住建局、县交通局派员组成，负责城东片区企业的检查。",
}


@pytest.mark.parametrize("role", [role for role, _ in R.GROUP_ROLES])
def test_a_group_leaders_body_leads_and_its_members_bodies_take_part(tmp_path, role):
    parsed = parse(tmp_path, f"三、检查安排\n{GROUP_ROLE_EXAMPLES[role]}\n")
    found = owners(task_with(parsed, "城东片区"))
    assert found["lead"] == ["县应急局"] and found.get("co", []) == (["县住建局", "县交通局"] if role == "co" else [])


def test_groups_written_as_field_lines_under_bare_group_names(tmp_path):
    parsed = parse(tmp_path, "三、督查安排\n第一督查组\n组长：县应急局分管负责同志\n成员：县住建局、县交通运输局各1名同志\n"
                   "督查范围：城关镇、河西镇。\n第二督查组\n组长：县市场监管局局长\n成员：县公安局、县消防救援大队相关人员\n"
                   "督查范围：其余乡镇。\n")
    assert owners(task_with(parsed, "城关镇")) == {"lead": ["县应急局"], "co": ["县住建局", "县交通运输局"]}
    assert owners(task_with(parsed, "其余乡镇")) == {"lead": ["县市场监管局"], "co": ["县公安局", "县消防救援大队"]}


def test_a_leading_group_of_a_membership_is_no_inspection_group(tmp_path):
    parsed = parse(tmp_path, "一、组织领导\n成立专项整治领导小组，组长由县长担任，成员由县应急局、县住建局主要负责人组成。\n")
    assert all(not task.units for task in parsed.tasks)


@pytest.mark.parametrize("bullet", list(LIST_BULLETS))
def test_a_list_bullet_is_not_part_of_the_unit(tmp_path, bullet):
    parsed = parse(tmp_path, f"三、职责分工\n{bullet}县应急管理局：牵头做好危化品企业隐患排查，11月底前完成。\n"
                   f"{bullet}县公安局：配合做好烟花爆竹“打非”工作。\n")
    assert owners(task_with(parsed, "危化品")) == {"lead": ["县应急管理局"]}
    assert owners(task_with(parsed, "烟花爆竹")) == {"responsible": ["县公安局"]}


@pytest.mark.parametrize("bracket, expected", [
    ("（县应急局、各行业主管部门分工负责；各乡镇）", {"responsible": ["县应急局", "各行业主管部门", "各乡镇"]}),
    ("（县住建局牵头，县市场监管局配合；各乡镇、各街道）",
     {"lead": ["县住建局"], "co": ["县市场监管局"], "responsible": ["各乡镇", "各街道"]}),
    ("〔县住建局牵头，县发改局、县供电公司分工负责〕", {"lead": ["县住建局"], "co": ["县发改局", "县供电公司"]}),
])
def test_bracketed_owner_lists_with_trailing_parts(tmp_path, bracket, expected):
    parsed = parse(tmp_path, f"四、重点任务\n1.开展专项检查{bracket}。\n")
    [task] = parsed.tasks
    assert owners(task) == expected


@pytest.mark.parametrize("sentence", ["领导小组由县应急局、县教育局、县文旅局负责人组成。", "成员单位：县应急局、县教育局、县文旅局。"])
def test_a_membership_list_is_no_duty(tmp_path, sentence):
    parsed = parse(tmp_path, f"一、组织领导\n成立安全生产宣传月活动领导小组。{sentence}\n")
    assert all(not owners(t) for t in parsed.tasks)


def test_lines_cut_at_a_fixed_width_are_rejoined_whatever_the_cut_leaves(tmp_path):
    body = ("一、重点任务\n" + "".join(
        f"{n}.开展第{n}批燃气用户安全隐患排查整治，建立隐患台账，逐项销号管理。（牵头单位：县住建局；配合单位：各乡镇）\n"
        for n in range(1, 7)))
    lines = [line[i:i + 30] for line in body.split("\n") for i in range(0, max(len(line), 1), 30)]
    cut = parse(tmp_path, "\n".join(lines), name="cut.txt")
    whole = parse(tmp_path, body, name="whole.txt")
    assert [owners(t) for t in cut.tasks] == [owners(t) for t in whole.tasks] == \
        [{"lead": ["县住建局"], "co": ["各乡镇"]}] * 6


def test_a_document_titled_as_one_bodys_duties_gives_it_the_duties(tmp_path):
    parsed = parse(tmp_path, "一、组织指挥全县森林火灾扑救工作。\n二、负责全县森林防火宣传教育。\n",
                   header="青石县森林防火指挥部办公室工作职责\n")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": ["青石县森林防火指挥部办公室"]}] * 2


def test_a_regulation_article_gives_a_leading_group_its_duty(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了加强安全生产工作，制定本细则。\n"
                   "第二条 县安全生产领导小组负责统筹协调全县安全生产工作。\n", header="青石县安全生产工作实施细则\n")
    assert owners(task_with(parsed, "统筹协调")) == {"responsible": ["县安全生产领导小组"]}


def test_a_group_row_that_lost_its_tabs_does_not_end_a_tab_table(tmp_path):
    parsed = parse(tmp_path, "序号\t工作任务\t责任单位\t完成时限\n一、隐患排查\n1\t排查燃气管网老化隐患\t县住建局\t6月底前\n"
                   "二、宣传培训\n2\t开展燃气安全进社区宣传\t县应急局\t9月底前\n")
    assert [(t.title, t.section, owners(t)) for t in parsed.tasks] == [
        ("排查燃气管网老化隐患", "一、隐患排查", {"responsible": ["县住建局"]}),
        ("开展燃气安全进社区宣传", "二、宣传培训", {"responsible": ["县应急局"]})]


def test_bodies_addressed_by_their_role_in_the_notice_own_what_they_are_told(tmp_path):
    parsed = parse(tmp_path, "三、工作要求\n各主要责任单位要切实加强组织领导，按时报送办理情况。\n")
    [task] = parsed.tasks
    assert owners(task) == {"responsible": ["各主要责任单位"]}


def test_an_activity_time_section_dates_the_activitys_tasks(tmp_path):
    parsed = parse(tmp_path, "二、活动内容\n1.县应急局组织开展安全生产咨询日活动。\n2.各乡镇开展应急演练。\n"
                   "三、活动时间\n本次活动于6月1日正式启动，持续至6月30日结束。\n")
    assert task_with(parsed, "咨询日").deadline_norm == task_with(parsed, "应急演练").deadline_norm == "2024-06"


@pytest.mark.parametrize("sentence, expected", [
    # in the subject's own sentence the body it joins takes part under it (as in X会同Y); in a later
    # sentence the subject stays responsible (test_subjects_that_organise_host_help_or_name_themselves)
    ("县公安局强化路面执法，联合县交通局检查客运车辆。", {"co": ["县交通局"], "lead": ["县公安局"]}),
    ("县应急局牵头，联合公安、消防、市场监管等部门联合执法，检查烟花爆竹销售点。",
     {"lead": ["县应急局"], "co": ["公安", "消防", "市场监管等部门"]}),
])
def test_bodies_an_owner_acts_jointly_with_are_co(tmp_path, sentence, expected):
    assert only_task_owners(tmp_path, f"二、主要措施\n{sentence}\n") == expected


def test_a_table_duty_working_with_others_names_them_co(tmp_path):
    parsed = parse(tmp_path, "序号\t涉及部门\t职责分工\n1\t县应急局\t负责烟花爆竹经营单位安全监管，会同有关部门依法查处非法储存。\n"
                   "2\t县公安局\t负责烟花爆竹运输安全管理。\n")
    assert owners(task_with(parsed, "非法储存")) == {"co": ["有关部门"], "responsible": ["县应急局"]}


def test_sentences_naming_their_owner_midway_are_tasks_of_their_own(tmp_path):
    parsed = parse(tmp_path, "二、整治安排\n本次整治从即日起开展，聚焦有较大风险的重点行业。其中，粉尘涉爆企业由县执法大队牵头开展排查。"
                   "危险化学品使用企业由各镇、街道安全管理中心负责排查。\n")
    assert owners(task_with(parsed, "粉尘涉爆")) == {"lead": ["县执法大队"]}
    assert owners(task_with(parsed, "危险化学品使用")) == {"responsible": ["各镇、街道安全管理中心"]}
    assert not owners(task_with(parsed, "即日起"))


@pytest.mark.parametrize("written, units", [("各镇、街道城市运行管理中心", ["各镇、街道城市运行管理中心"]),
                                            ("各镇、各街道", ["各镇", "各街道"]),
                                            ("各乡镇、县直各部门", ["各乡镇", "县直各部门"]),
                                            ("省、市、县人民政府", ["省、市、县人民政府"]),
                                            ("各县、区政府", ["各县、区政府"]),
                                            ("各县(市、区)、乡(镇)政府", ["各县(市、区)、乡(镇)政府"]),
                                            ("各县（市、区）、市直各部门", ["各县（市、区）", "市直各部门"]),
                                            ("县区、乡镇(街道)政府及有关部门", ["县区、乡镇(街道)政府", "有关部门"])])
def test_levels_written_before_the_body_they_share(written, units):
    from ingest.units import split_units
    assert split_units(written) == units


def test_points_numbered_inside_a_paragraph_are_tasks_with_their_own_or_the_prefaces_subject(tmp_path):
    parsed = parse(tmp_path, "会议要求，各乡镇、各部门要抓好以下工作：一是压实安全责任，县应急局要加强督导检查；"
                   "二是开展隐患排查，各乡镇要全面排查辖区企业；三是强化应急值守，做好节日备勤。\n", header="")
    assert owners(task_with(parsed, "二是开展隐患排查")) == {"responsible": ["各乡镇"]}  # the point with its subject
    assert owners(task_with(parsed, "压实安全责任")) == {"responsible": ["县应急局"]}
    assert owners(task_with(parsed, "节日备勤")) == {"responsible": ["各乡镇", "各部门"]}


def test_the_title_and_cover_letter_of_a_notice_without_headings_are_no_tasks(tmp_path):
    parsed = parse(tmp_path, "关于开展燃气安全检查的通知\n各有关单位：现将任务分工印发给你们，请认真落实。\n"
                   "工作任务 | 牵头单位\n排查餐饮场所燃气隐患 | 县住建局\n", header="")
    assert [t.title for t in parsed.tasks] == ["排查餐饮场所燃气隐患"]


@pytest.mark.parametrize("sentence, expected", [
    ("由各行业主管部门各司其职牵头组织本行业安全检查。", {"lead": ["各行业主管部门"]}),
    ("由各乡镇（街道）、有关单位对辖区企业开展自查自纠。", {"responsible": ["各乡镇（街道）", "有关单位"]}),
    ("四月上旬县安办调度汇总重大隐患情况。", {"responsible": ["县安办"]}),
])
def test_more_ways_prose_names_its_owner(tmp_path, sentence, expected):
    parsed = parse(tmp_path, f"二、工作安排\n{sentence}\n")
    [task] = parsed.tasks
    assert owners(task) == expected


@pytest.mark.parametrize("annotation, expected, deadline", [
    ("（县交通运输局牵头，县公安局、县应急局按职责配合）", {"lead": ["县交通运输局"], "co": ["县公安局", "县应急局"]}, ""),
    ("（县交通运输局负责，县公安局配合）", {"lead": ["县交通运输局"], "co": ["县公安局"]}, ""),
    ("（县应急局负责，县发改委、县自然资源局按职责分工负责）",
     {"responsible": ["县应急局", "县发改委", "县自然资源局"]}, ""),
    # a deadline after a semicolon inside the annotation
    ("（县应急局牵头，县安委会各成员单位参与；6月）", {"lead": ["县应急局"], "co": ["县安委会各成员单位"]}, "6月"),
    ("（县工信局、县应急局按职责负责；2025年10月底前）", {"responsible": ["县工信局", "县应急局"]}, "2025年10月底前"),
])
def test_annotations_with_two_role_clauses(tmp_path, annotation, expected, deadline):
    [task] = parse(tmp_path, f"二、主要任务\n（一）加强危险货物运输管理。{annotation}\n").tasks
    assert owners(task) == expected and task.deadline == deadline


@pytest.mark.parametrize("sentence, unit, deadline", [
    ("县安委会组成4个督导组，于12月下旬开展督导检查。", "县安委会", "12月下旬"),
    ("四月上旬，县安委办汇总各乡镇排查情况。", "县安委办", "四月上旬"),
    ("县应急局要于12月20日开展联合检查。", "县应急局", "12月20日"),
])
def test_the_time_work_is_set_for_is_its_deadline(tmp_path, sentence, unit, deadline):
    [task] = parse(tmp_path, f"二、工作安排\n（一）开展督导检查。{sentence}\n").tasks
    assert owners(task) == {"responsible": [unit]} and task.deadline == deadline


def test_a_stage_for_summing_up_dates_its_work(tmp_path):
    parsed = parse(tmp_path, "2025年燃气安全整治方案\n三、工作步骤\n（一）集中整治阶段（2025年5月16日—8月31日）。县应急局开展联合检查。\n"
                   "（二）总结提升阶段（9月上旬）。县应急局汇总整治情况报县政府。\n")
    assert [t.deadline_norm for t in parsed.tasks] == ["2025-08", "2025-09"]


def test_a_rectification_list_with_problem_and_person_columns(tmp_path):
    parsed = parse(tmp_path, "整改清单\n序号 存在问题 整改措施 责任单位 责任人 整改时限\n"
                   "1 部分企业隐患排查不彻底 开展全面复查 县应急局 张某 2025年3月底前\n"
                   "2 消防通道堵塞 集中清理占用物品 县消防救援大队 刘某 2025年4月15日前\n")
    assert [(owners(t), t.deadline_norm) for t in parsed.tasks if " | " in t.text] == [
        ({"responsible": ["县应急局"]}, "2025-03"), ({"responsible": ["县消防救援大队"]}, "2025-04")]


def test_a_duty_line_that_opens_with_its_role(tmp_path):
    parsed = parse(tmp_path, "三、职责分工\n（一）县住建局：牵头负责全县燃气安全专项整治，统筹推进。\n"
                   "（二）县市场监管局：负责燃气具产品质量监督抽查。\n（三）县消防救援大队：配合开展餐饮场所燃气使用检查。\n")
    assert [owners(t) for t in parsed.tasks] == [
        {"lead": ["县住建局"]}, {"responsible": ["县市场监管局"]}, {"responsible": ["县消防救援大队"]}]  # (配合: no body named)


def test_sectors_sharing_the_last_ones_department(tmp_path):
    [task] = parse(tmp_path, "二、主要任务\n1. 压实企业责任。交通运输、公安交管、应急管理部门要督促运输企业落实主体责任。\n").tasks
    assert owners(task) == {"responsible": ["交通运输", "公安交管", "应急管理部门"]}


@pytest.mark.parametrize("sentence, unit", [
    ("各基层单位组建安全巡逻队，对重点部位开展巡逻。", "各基层单位"),
    ("县住建局将组成督导检查组，严查企业主体责任落实情况。", "县住建局"),
])
def test_a_body_that_forms_a_team_owns_its_work(tmp_path, sentence, unit):
    [task] = parse(tmp_path, f"二、主要措施\n（四）开展巡查。{sentence}\n").tasks
    assert owners(task) == {"responsible": [unit]}


def test_the_bodies_a_group_is_made_of_own_nothing(tmp_path):
    [task] = parse(tmp_path, "一、组织领导\n成立由县应急局、县公安局等相关部门组成的专项整治领导小组，统筹推进整治工作。\n").tasks
    assert owners(task) == {}


def test_items_numbered_by_a_number_and_a_space(tmp_path):
    parsed = parse(tmp_path, "一、加强组织领导\n1 落实防汛责任。各乡镇要在5月底前明确防汛责任人。\n"
                   "2 开展隐患排查。县水利局负责水库山塘排查，6月10日前完成。\n"
                   "3 储备防汛物资。县应急局牵头，县粮食和物资储备中心配合，5月20日前完成物资储备。\n")
    assert [(owners(t), t.deadline) for t in parsed.tasks] == [
        ({"responsible": ["各乡镇"]}, "5月底前"), ({"responsible": ["县水利局"]}, "6月10日前"),
        ({"lead": ["县应急局"], "co": ["县粮食和物资储备中心"]}, "5月20日前")]


def test_a_number_opening_a_cut_line_is_no_item(tmp_path):
    parsed = parse(tmp_path, "一、开展隐患排查\n县应急局牵头开展排查，已发现隐患\n12 处，均已整改。县住建局要加强巡查。\n")
    assert all(not t.section.endswith(("12", "处")) for t in parsed.tasks)
    assert len([t for t in parsed.tasks if "12" in t.section]) == 0


def test_stages_dated_by_month_alone_take_the_year_of_the_stage_before(tmp_path):
    parsed = parse(tmp_path, "三、工作步骤\n（一）动员部署阶段（2025年4月1日至4月15日）\n各乡镇、各部门制定具体方案。\n"
                   "（二）排查整治阶段（2025年4月16日至10月31日）\n县住建局会同县城管局清理违规搭建。\n"
                   "（三）总结验收阶段（11月）\n县安委办组织验收，形成总结报告报县政府。\n")
    assert [(owners(t), t.deadline_norm) for t in parsed.tasks] == [
        ({"responsible": ["各乡镇", "各部门"]}, "2025-04"), ({"lead": ["县住建局"], "co": ["县城管局"]}, "2025-10"),
        ({"responsible": ["县安委办"]}, "2025-11")]


@pytest.mark.parametrize("item, expected", [
    # cooperating with each other is no co role: there is no lead to cooperate with
    ("县公安局、县交通局要相互配合，严厉打击非法营运。", {"responsible": ["县公安局", "县交通局"]}),
    ("宣传、教育、交通、公安等部门要加强协作配合，推进交通安全宣传。", {"responsible": ["宣传", "教育", "交通", "公安等部门"]}),
    # an adverb between the body and its role
    ("县交通局牵头，县公安局密切配合，严厉打击非法营运。", {"lead": ["县交通局"], "co": ["县公安局"]}),
])
def test_cooperating_with_each_other_or_with_a_lead(tmp_path, item, expected):
    [task] = parse(tmp_path, f"二、工作措施\n（一）加强联合执法。{item}\n").tasks
    assert owners(task) == expected


def test_a_team_led_by_a_units_official(tmp_path):
    parsed = parse(tmp_path, "五、督查分组\n（一）煤矿安全督查组。由县能源局1名县级领导带队，2名专业人员参加。\n")
    assert owners(task_with(parsed, "煤矿安全督查组")) == {"lead": ["县能源局"]}


def test_a_web_pages_footer_is_no_task(tmp_path):
    parsed = parse(tmp_path, "一、加强巡查。县住建局要加强工地巡查。\n主办：青石县住房和城乡建设局承办：青石县建设信息中心\n"
                   "地址：青石县建设路1号 邮编：000000\nCOPYRIGHT © 2018 青石县住房和城乡建设局\n")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": ["县住建局"]}]


def test_a_reports_own_day_dates_none_of_its_later_sentences(tmp_path):
    parsed = parse(tmp_path, "2020年5月20日上午，市住建局召开建筑施工安全工作会议。会议要求，各县区住建局要做好隐患排查，"
                   "加强督导检查。\n", header="")
    assert all(t.deadline == "" for t in parsed.tasks if "隐患排查" in t.text)


@pytest.mark.parametrize("junk", ["• 上一篇文章：\n• 下一篇文章：\n网站简介 广告合作 网站地图 版权声明",
                                  "更多资讯请扫描下方二维码免费阅读。\n新闻邮箱：news@example.com 有奖报料电话：0000-0000000"])
def test_a_news_pages_links_end_the_last_task(tmp_path, junk):
    parsed = parse(tmp_path, f"一、加强巡查。县住建局要加强工地巡查，严防事故发生。\n{junk}\n")
    [task] = parsed.tasks
    assert "严防事故发生" in task.text and not any(w in task.text for w in ("二维码", "邮箱", "上一篇", "版权"))


def test_two_tables_with_a_caption_between_them(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n表1 隐患排查任务\n| 序号 | 名 称 | 牵头单位 | 配合单位 | 完成时限 |\n"
                   "| 1 | 燃气管网排查 | 县住建局 | 县应急局 | 2025年6月底 |\n"
                   "| 2 | 校园周边整治 | 县教育局 | 县公安局、县市场监管局 | 2025年9月 |\n"
                   "表2 宣传培训任务\n| 序号 | 事项 | 责任单位 | 时限 |\n| 1 | 安全生产月活动 | 县应急局 | 6月 |\n"
                   "| 2 | 消防宣传进社区 | 县消防救援大队 | 11月底前 |\n")
    assert [(owners(t), t.deadline) for t in parsed.tasks] == [
        ({"lead": ["县住建局"], "co": ["县应急局"]}, "2025年6月底"),
        ({"lead": ["县教育局"], "co": ["县公安局", "县市场监管局"]}, "2025年9月"),
        ({"responsible": ["县应急局"]}, "6月"), ({"responsible": ["县消防救援大队"]}, "11月底前")]


def test_two_tables_one_right_after_the_other(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n| 序号 | 名 称 | 牵头单位 | 完成时限 |\n| 1 | 燃气管网排查 | 县住建局 | 2025年6月底 |\n"
                   "| 2 | 校园周边整治 | 县教育局 | 2025年9月 |\n| 序号 | 事项 | 责任单位 | 时限 |\n"
                   "| 1 | 安全生产月活动 | 县应急局 | 6月 |\n")
    assert [owners(t) for t in parsed.tasks] == [
        {"lead": ["县住建局"]}, {"lead": ["县教育局"]}, {"responsible": ["县应急局"]}]


def test_a_list_of_member_units_is_no_duty(tmp_path):
    parsed = parse(tmp_path, "一、组织机构\n组委会由县教育局、县体育局负责人组成。\n成员单位：县教育局、县公安局、县财政局。\n"
                   "二、职责分工\n县教育局负责赛事组织，县卫健局负责医疗保障。\n")
    assert [owners(t) for t in parsed.tasks if owners(t)] == [{"responsible": ["县教育局"]}, {"responsible": ["县卫健局"]}]


def test_a_heading_over_duty_lines_is_no_task_of_its_own(tmp_path):
    parsed = parse(tmp_path, "2.3 成员单位职责\n县应急局：负责组织编制防汛应急预案，指导协调抢险救援工作。\n"
                   "县水利局：负责水情监测预报。\n", header="青石县防汛应急预案\n")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": ["县应急局"]}, {"responsible": ["县水利局"]}]


def test_the_end_of_the_year_written_with_zhiqian(tmp_path):
    [task] = parse(tmp_path, "一、开展冬季消防检查。县消防救援大队负责，年底之前完成。\n").tasks
    assert task.deadline == "年底之前" and task.deadline_norm == "2024-12"


@pytest.mark.parametrize("sentence, norm", [
    ("县应急局负责，限期于3月底整改到位。", "2024-03"),
    ("县应急局负责，一季度末完成验收。", "2024-03"),
    ("县应急局负责，6月中下旬开展联合检查。", "2024-06"),
    ("县应急局负责，下月10日前报送台账。", ""),  # the month after the issue date: this notice gives none
])
def test_more_ways_to_write_when(tmp_path, sentence, norm):
    [task] = parse(tmp_path, f"一、开展隐患整改。{sentence}\n").tasks
    assert task.deadline and task.deadline_norm == norm


@pytest.mark.parametrize("sentence, expected", [
    ("一、各网格一定要对辖区出租房屋逐户再查一遍。", ["各网格"]),
    ("一、各单位一是要吸取近期事故教训，二是要加强日常巡查。", ["各单位"]),
    ("一、汛前排查要细，各镇、各相关部门近期要再组织一次拉网排查。", ["各镇", "各相关部门"]),
    ("一、县“多审合一”改革领导小组办公室要逐月通报进展。", ["县“多审合一”改革领导小组办公室"]),
    ("一、各二级单位、股室按照方案认真履行监管职责。", ["各二级单位", "股室"]),
    ("一、各村(社区)、镇级相关单位(部门)要明确联络人员。", ["各村(社区)", "镇级相关单位(部门)"]),
])
def test_subjects_after_a_point_number_a_time_word_or_with_a_quoted_slogan(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == {"responsible": expected}


@pytest.mark.parametrize("sentence", ["一、下一步，分局将结合全局今年的重点开展专项行动。",
                                      "一、会议分析了该镇当前森林防火形势。"])
def test_a_time_word_alone_after_words_ending_like_a_body_is_no_subject(tmp_path, sentence):
    assert all(not owners(task) for task in parse(tmp_path, sentence + "\n").tasks)


@pytest.mark.parametrize("sentence, expected", [
    ("一、由县文旅局承办，县教育局、县团委协办，举办安全知识竞赛。", {"lead": ["县文旅局"], "co": ["县教育局", "县团委"]}),
    ("一、安全知识竞赛由县文旅局承办。", {"responsible": ["县文旅局"]}),
    ("一、开展燃气管道排查。\n牵头负责领导：王某某。\n牵头责任单位：县住建局。", {"lead": ["县住建局"]}),  # a leader's line names a person
    ("一、6月1日，由县安委办主办、各成员单位协办的咨询活动在广场举行。", {}),  # an event reported, not assigned
])
def test_hosts_co_hosts_and_a_leaders_line(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == expected


def test_a_subject_after_a_quarter_it_starts_from(tmp_path):
    [task] = parse(tmp_path, "三、从2024年第二季度开始，各责任单位要按季度报送工作进展。\n").tasks
    assert owners(task) == {"responsible": ["各责任单位"]}


@pytest.mark.parametrize("item, expected", [
    ("一、推进重点项目建设（牵头单位：县发改委、县统计局）\n加快在建项目进度，年底前完成投资80亿元。",
     {"lead": ["县发改委", "县统计局"]}),
    ("（一）推进重点项目建设。（县发改委牵头，县统计局配合）\n加快在建项目进度，年底前完成投资80亿元。",
     {"lead": ["县发改委"], "co": ["县统计局"]}),
    ("一、推进重点项目建设（牵头单位：县发改委）\n▲加快在建项目进度，年底前完成投资80亿元。\n▲新开工项目20个。",
     {"lead": ["县发改委"]}),
])
def test_a_heading_line_with_its_owners_and_its_words_below_is_one_task(tmp_path, item, expected):
    [task] = parse(tmp_path, item + "\n").tasks
    assert owners(task) == expected and task.deadline_norm == "2024-12"


def test_a_paragraph_with_its_annotation_does_not_own_the_next_paragraph(tmp_path):
    item = ("一、稳就业。统筹安排专项资金用于稳定就业岗位，对吸纳就业困难人员的单位按规定给予社会保险补贴和岗位补贴"
            "（县人社局负责）\n各乡镇要对辖区内企业用工情况开展一次摸底调查。\n")
    parsed = parse(tmp_path, item)
    assert [owners(t) for t in parsed.tasks] == [{"responsible": ["县人社局"]}, {"responsible": ["各乡镇"]}]


def test_each_group_of_a_list_keeps_its_own_field_lines(tmp_path):
    groups = ("三、督导安排\n第一检查督导组；责任领导：王某某\n责任单位：县应急局、县消防救援大队\n检查范围：城关镇、东湖镇\n"
              "第二检查督导组；责任领导：李某某\n责任单位：县住建局、县市场监管局\n检查范围：西山乡、南岭乡\n")
    parsed = parse(tmp_path, groups)
    assert [(t.text.split("\n")[-1], owners(t)) for t in parsed.tasks[-2:]] == [
        ("检查范围：城关镇、东湖镇", {"responsible": ["县应急局", "县消防救援大队"]}),
        ("检查范围：西山乡、南岭乡", {"responsible": ["县住建局", "县市场监管局"]})]


def test_a_web_pages_information_box_names_no_owner(tmp_path):
    page = ("索引号：11341802/202006-00026 发布机构：青石县城关街道办事处\n"
            "阅读次数：来源：青石县城关街道办事处发布时间：2020-06-04 10:38\n"
            "现就2020年食品安全重点工作作出如下安排：\n一、加强食品安全监管\n县市场监管局负责开展校园食品安全专项检查。\n")
    assert [owners(t) for t in parse(tmp_path, page).tasks] == [{"responsible": ["县市场监管局"]}]


@pytest.mark.parametrize("sentence, expected", [
    ("一、各乡镇人民政府是本辖区燃气安全排查的责任主体，要逐户排查。", {"responsible": ["各乡镇人民政府"]}),
    ("一、县应急局作为牵头单位，要统筹推进专项整治。", {"lead": ["县应急局"]}),
    ("一、会上，县住建局作为县燃气专委会牵头单位，部署了排查整治任务。", {"lead": ["县住建局"]}),
    ("一、县公安局作为配合单位，做好道路管控。", {"co": ["县公安局"]}),
    ("一、县住建局为责任单位，负责老旧小区燃气管道改造。", {"responsible": ["县住建局"]}),
    ("一、县住建局作为行业主管部门要加强督导。", {"responsible": ["县住建局"]}),
    ("一、责成县市场监管局对全县电梯开展隐患排查。", {"responsible": ["县市场监管局"]}),
    ("一、县卫健委负总责，确保各项措施落地。", {"responsible": ["县卫健委"]}),
    ("一、各旗县区要加强巡查。", {"responsible": ["各旗县区"]}),
    ("一、企业是安全生产的责任主体，要落实全员安全生产责任制。", {}),  # a regulated party
    ("一、这一做法被县发改委作为典型案例推广。", {}),  # passive: the body is no subject
])
def test_bodies_named_by_the_part_they_play(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a subject given work and one asked to help: responsible and co (no lead named in words)
    ("一、全面联动。各职能部门要主动对接、做好服务，各村(社区)要积极配合、加强沟通。",
     {"responsible": ["各职能部门"], "co": ["各村(社区)"]}),
    # 负责 then 配合: the one that answers for it leads (unchanged)
    ("一、县交通运输局负责，县公安局按职责配合，开展客运站检查。", {"lead": ["县交通运输局"], "co": ["县公安局"]}),
])
def test_a_subject_with_a_helper_after_it(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == expected


def test_bodies_declared_once_for_every_task_after_are_not_added_to_them(tmp_path):
    # "以下均需X落实，不再列出": X stays with the annotation that says it; the later tasks keep the
    # owners they list (added to each, X became the answer to "由哪些单位负责" for every task)
    notice = ("一、开展专题宣传。组织观看警示教育片。（牵头责任单位：县委宣传部，协同责任单位：县安委会各成员单位。"
              "各镇(园区)落实属地管理责任，以下均需各镇(园区)落实属地管理责任，不再重复列出）\n"
              "二、开展隐患排查。全面排查燃气管道。（牵头责任单位：县住建局）\n")
    assert [owners(t) for t in parse(tmp_path, notice).tasks] == [
        {"lead": ["县委宣传部"], "co": ["县安委会各成员单位"], "responsible": ["各镇(园区)"]},
        {"lead": ["县住建局"]}]


def test_a_subject_asked_to_act_if_something_happens_starts_its_own_task(tmp_path):
    text = ("一、各乡镇企业由各乡镇安监站根据企业名单进行牵头排查，名单随通知下发。"
            "各乡镇安监站如在排查中发现企业关停，请及时上报更新。\n")
    tasks = parse(tmp_path, text).tasks
    assert [owners(t) for t in tasks] == [{"lead": ["各乡镇安监站"]}, {"responsible": ["各乡镇安监站"]}]


def test_a_title_cut_at_a_comma_inside_its_owner_bracket_ends_before_the_bracket(tmp_path):
    [task] = parse(tmp_path, "一、开展燃气排查（县住建局牵头，县公安局、县交通局按职责分工负责，2025年12月底前完成）\n").tasks
    assert task.title == "开展燃气排查" and owners(task) == {"lead": ["县住建局"], "co": ["县公安局", "县交通局"]}


def test_a_time_section_naming_the_day_dates_the_requirements(tmp_path):
    text = "一、检查内容\n检查燃气管道隐患。\n二、督查时间：2024年4月7日。\n三、几点要求\n1.县住建局提前准备汇报材料。\n"
    assert task_with(parse(tmp_path, text), "汇报材料").deadline_norm == "2024-04"


@pytest.mark.parametrize("sentence, expected", [
    ("一、乡政府办公室、乡派出所、乡应急办等部门负责人参加。", {}),  # 应急 is no 应 (should)
    ("一、市公安局、市住房和城乡建设局、市应急管理局等部门负责人参加会议。", {}),  # 建设局 is no 建设 (build)
    ("一、方案报县委审定。", {}),
    ("一、试点由县生态环境局会同县发改局、县财政局、县住房和城乡建设局等部门筛选确定。",
     {"lead": ["县生态环境局"], "co": ["县发改局", "县财政局", "县住房和城乡建设局等部门"]}),
    ("一、检查发现问题后，要求县住建局跟进督促落实。", {"responsible": ["县住建局"]}),
])
def test_words_that_look_like_a_duty_inside_a_body_name(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == expected


def test_a_cover_letter_ending_in_its_attachments_name_is_no_task(tmp_path):
    table = ("附件\n重点任务分工表\n| 序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"
             "| 1 | 开展燃气管道排查 | 县住建局 | 各乡镇 | 2025年6月底 |\n")
    [task] = parse(tmp_path, table).tasks
    assert owners(task) == {"lead": ["县住建局"], "responsible": ["各乡镇"]}


def test_a_body_doing_a_supervising_task_is_a_task_not_a_role(tmp_path):
    parsed = parse(tmp_path, "（二）集中整治\n各乡镇负责组织辖区排查。\n县应急局开展督导。\n")
    assert [owners(t) for t in parsed.tasks] == [{"responsible": ["各乡镇"]}, {"responsible": ["县应急局"]}]
    # a clause that only names a unit and its part still joins the task before it
    [task] = parse(tmp_path, "一、各乡镇要积极主动排查，县直相关部门做好协同配合。\n").tasks
    assert owners(task) == {"responsible": ["各乡镇"], "co": ["县直相关部门"]}


def test_an_annotation_opening_the_item_owns_its_words(tmp_path):
    parsed = parse(tmp_path, "1.【责任单位：县应急局】开展危化品企业专项检查，6月底前完成。\n2.【责任单位：县交通局】开展客运车辆检查。\n")
    assert [(owners(t), t.deadline_norm) for t in parsed.tasks] == [
        ({"responsible": ["县应急局"]}, "2024-06"), ({"responsible": ["县交通局"]}, "")]


def test_a_line_naming_a_body_over_numbered_duties_owns_them(tmp_path):
    text = "三、职责分工\n县应急局：\n1.负责综合协调；\n2.负责督导检查。\n县住建局职责：\n1.负责燃气行业监管。\n"
    parsed = parse(tmp_path, text)
    assert [(t.title, owners(t)) for t in parsed.tasks] == [
        ("负责综合协调", {"responsible": ["县应急局"]}), ("负责督导检查", {"responsible": ["县应急局"]}),
        ("负责燃气行业监管", {"responsible": ["县住建局"]})]


@pytest.mark.parametrize("cadence", ["每月", "每季度", "定期"])
def test_an_annotation_naming_a_unit_and_a_cadence(tmp_path, cadence):
    [task] = parse(tmp_path, f"一、建立调度机制（县应急局，{cadence}）。\n").tasks
    assert owners(task) == {"responsible": ["县应急局"]} and task.deadline == cadence and task.deadline_norm == ""


@pytest.mark.parametrize("item, expected", [
    # the bodies a subject joins or organises to act take part under it, as the Y of X会同Y
    ("县教育局联合县公安局、县市场监管局开展校园周边环境整治。", {"lead": ["县教育局"], "co": ["县公安局", "县市场监管局"]}),
    ("市三防指挥部组织气象、水文、水利等有关部门进行防风紧急会商。",
     {"lead": ["市三防指挥部"], "co": ["气象", "水文", "水利等有关部门"]}),
    ("市森防指将组织成员单位对各地森林防火工作进行督查。", {"lead": ["市森防指"], "co": ["成员单位"]}),
    # …only in its own sentence: a later sentence's 联合 leaves the subject responsible
    ("镇派出所强化执法力度，严查超载。联合交通部门检查执法机制执行情况。", {"responsible": ["镇派出所"], "co": ["交通部门"]}),
    # the bodies named right after 牵头 take part under it
    ("县住建局立刻开展燃气夜查行动，并牵头县应急管理局、消防大队等单位开展联合检查。",
     {"lead": ["县住建局"], "co": ["县应急管理局", "消防大队"]}),
    # the office a body hosts: the host owns its duty
    ("成立指挥部。指挥部下设办公室在县消防大队，具体负责专项行动日常事务。", {"responsible": ["县消防大队"]}),
    ("领导小组办公室设在县应急局，负责日常工作。", {"responsible": ["县应急局"]}),
    # who helps whom, the place between them
    ("县城管局协助县应急局在一中以东设置固定零售摊点，维持销售秩序。", {"lead": ["县应急局"], "co": ["县城管局"]}),
    # the issuer naming itself
    ("我局决定成立专项整治工作专班，负责统筹推进整治工作。", {"responsible": ["我局"]}),
    ("我厅将于11月对各地开展情况进行随机抽查。", {"responsible": ["我厅"]}),
])
def test_subjects_that_organise_host_help_or_name_themselves(tmp_path, item, expected):
    parsed = parse(tmp_path, "一、" + item + "\n")
    assert owners(task_with(parsed, item[2:10])) == expected


def test_an_articles_items_naming_their_own_subject_are_theirs(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了加强校园周边环境管理，制定本规定。\n"
                             "第二条 县级以上人民政府有关部门对校园周边环境管理的工作职责是：\n（一）教育行政部门负责指导学校开展安全教育；\n"
                             "（二）公安行政部门负责校园周边的治安管理。\n（三）负责校园周边巡查。\n",
                   header="青石县校园周边环境管理规定\n")
    assert owners(task_with(parsed, "安全教育")) == {"responsible": ["教育行政部门"]}
    assert owners(task_with(parsed, "治安管理")) == {"responsible": ["公安行政部门"]}
    assert owners(task_with(parsed, "周边巡查")) == {"responsible": ["县级以上人民政府有关部门"]}


def test_an_articles_fields_and_the_bodies_whose_duties_a_heading_lists(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了加强燃气安全管理，制定本规定。\n"
                             "第四条 应急管理、公安、市场监管等部门应当按照各自职责，做好燃气安全管理工作。\n"
                             "（一）应急管理部门职责：\n1、负责监督燃气经营单位落实安全生产责任；\n2、组织查处燃气安全事故。\n"
                             "（二）公安部门负责查处违法储存燃气的行为。\n",
                   header="青石县燃气安全管理规定\n")
    assert owners(task_with(parsed, "各自职责")) == {"responsible": ["应急管理", "公安", "市场监管等部门"]}
    assert owners(task_with(parsed, "安全生产责任")) == {"responsible": ["应急管理部门"]}
    assert owners(task_with(parsed, "燃气安全事故")) == {"responsible": ["应急管理部门"]}
    assert owners(task_with(parsed, "违法储存")) == {"responsible": ["公安部门"]}


def test_an_article_whose_items_name_the_bodies_and_subjects_a_rule_reads_as_bodies(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了防御气象灾害，制定本规定。\n第五条 有关单位的工作职责：\n"
                             "（一）气象部门负责灾害性天气的监测和预报；\n（二）县防汛指挥部负责组织防汛安全检查。\n"
                             "第六条 应急管理部门应会同有关部门开展防灾减灾宣传。\n第七条 具体办法由县财政部门另行制定。\n",
                   header="青石县防御气象灾害规定\n")
    assert owners(task_with(parsed, "监测和预报")) == {"responsible": ["气象部门"]}
    assert owners(task_with(parsed, "防汛安全检查")) == {"responsible": ["县防汛指挥部"]}
    assert owners(task_with(parsed, "防灾减灾宣传")) == {"lead": ["应急管理部门"], "co": ["有关部门"]}  # X会同Y
    assert not [t for t in parsed.tasks if "另行制定" in t.text]  # 由X: no subject at the article's start


def test_an_articles_paragraphs_each_naming_its_holder(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为了加强电动自行车充电安全管理，制定本条例。\n"
                             "第二条 市、县（区）人民政府应当加强对充电安全管理工作的领导。\n"
                             "住房和城乡建设部门是充电安全管理的主管部门，指导集中充电设施建设。\n"
                             "消防救援机构负责充电消防安全的监督管理。\n"
                             "公安、市场监督管理、供电等有关部门和单位按照各自职责，做好充电安全管理工作。\n",
                   header="青石市电动自行车充电安全管理条例\n")
    assert owners(task_with(parsed, "工作的领导")) == {"responsible": ["市、县（区）人民政府"]}
    assert owners(task_with(parsed, "集中充电设施")) == {"responsible": ["住房和城乡建设部门"]}
    assert owners(task_with(parsed, "消防安全的监督")) == {"responsible": ["消防救援机构"]}
    assert owners(task_with(parsed, "各自职责")) == {"responsible": ["公安", "市场监督管理", "供电等有关部门和单位"]}


def test_a_stage_named_at_the_start_of_its_line_dates_the_subject_after_it(tmp_path):
    parsed = parse(tmp_path, "四、实施步骤\n启动阶段（2024年5月1日前）：各区县住建部门要制定本地区整治方案。\n"
                             "自查阶段（2024年7月15日前）：各区县住建部门要督促在建项目开展自查。\n"
                             "检查阶段（2024年7月16日至10月30日）：各区县住建部门要对重点项目开展检查。\n")
    assert [task_with(parsed, w).deadline_norm for w in ("整治方案", "开展自查", "重点项目")] == \
        ["2024-05", "2024-07", "2024-10"]


@pytest.mark.parametrize("item, expected", [
    # a word before the comma is no place lending its name to the body after it
    ("行动中，青石镇组织应急、城建、消防等职能部门开展检查。", {"lead": ["青石镇"], "co": ["应急", "城建", "消防等职能部门"]}),
    ("3月20日上午九点，青石镇在综合楼召开安全生产例会，部署汛期检查工作。", {"responsible": ["青石镇"]}),
    # …but a mirror copy's commas beside 、 leave a list of fields whole
    ("目前，市文旅，、公安，、教育、民政，、卫健，、市场监管等部门开展人员密集场所排查整治。",
     {"responsible": ["市文旅", "公安", "教育", "民政", "卫健", "市场监管等部门"]}),
    # every level alone names no body ("各级…负责人要…")
    ("各级一定要做好安全隐患排查，加强督导检查。", {}),
    ("各县(市、区)民政局要联合相关部门，对辖区内所有养老机构开展排查。",
     {"lead": ["各县(市、区)民政局"], "co": ["相关部门"]}),
    # a body's name with its work run on (省工业和信息化厅对…): the body alone
    ("省工业和信息化厅对化工园区开展检查，省公安厅对民用爆炸物品使用管理开展检查。", {"responsible": ["省工业和信息化厅"]}),
])
def test_words_that_only_look_like_a_subjects_bodies(tmp_path, item, expected):
    parsed = parse(tmp_path, "一、" + item + "\n")
    assert owners(task_with(parsed, item[2:9])) == expected


def test_a_subjects_clause_taking_another_role_is_a_task_of_its_own(tmp_path):
    parsed = parse(tmp_path, "一、卫计部门负责制定煤气中毒应急预案，加强救治工作，并会同有关部门开展科普宣教工作；"
                             "公安部门负责流动人口防范工作，并配合县教育局做好校园周边巡查。\n")
    assert owners(task_with(parsed, "应急预案")) == {"responsible": ["卫计部门"]}
    assert owners(task_with(parsed, "科普宣教")) == {"lead": ["卫计部门"], "co": ["有关部门"]}
    assert owners(task_with(parsed, "流动人口")) == {"responsible": ["公安部门"]}
    assert owners(task_with(parsed, "校园周边")) == {"lead": ["县教育局"], "co": ["公安部门"]}


def test_every_role_clause_after_a_comma_or_semicolon_and_what_follows_it(tmp_path):
    parsed = parse(tmp_path, "一、区环保局要加强工业污染源管理，配合区农委指导整治农业废弃物，督查污水处理达标情况；"
                             "会同区城管局对违规倾倒开展执法。\n")
    assert owners(task_with(parsed, "工业污染源")) == {"responsible": ["区环保局"]}
    assert owners(task_with(parsed, "农业废弃物")) == {"lead": ["区农委"], "co": ["区环保局"]}
    assert owners(task_with(parsed, "污水处理")) == {"responsible": ["区环保局"]}
    assert owners(task_with(parsed, "违规倾倒")) == {"lead": ["区环保局"], "co": ["区城管局"]}
