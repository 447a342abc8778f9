"""Duty lists the parser missed on a page set read this round (issue 19), each in a sentence of our own:
a regulation's detailed rules printed without articles (1、 over ⑴ ⑵), numbering typed as single glyphs,
a lead-in that sets a body up and gives "its duties", and a place named by a building beside it."""
from tests.notices import owners, parse, task_with

RULES_HEADER = "青石市人民政府关于印发《青石市困难群众救助办法实施细则》的通知\n"


def test_detailed_rules_without_articles_are_read_as_items(tmp_path):
    parsed = parse(tmp_path, "1、市民政部门设立救助机构,其职责是:\n⑴制定救助工作规划;\n⑵负责救助资金的预算;\n"
                             "2、街道办事处设立审核小组,其职责是:\n⑴负责救助对象的调查;\n", header=RULES_HEADER)
    assert parsed.document.kind == "regulation"
    assert owners(task_with(parsed, "救助工作规划")) == {"responsible": ["市民政部门"]}
    assert owners(task_with(parsed, "救助资金的预算")) == {"responsible": ["市民政部门"]}
    assert owners(task_with(parsed, "救助对象的调查")) == {"responsible": ["街道办事处"]}


def test_a_building_beside_a_body_is_a_place_not_its_subject(tmp_path):
    parsed = parse(tmp_path, "（三）旧城改造\n1.县医院对面门店拆除改造；\n2.县应急局对辖区加油站开展检查。\n")
    assert owners(task_with(parsed, "门店拆除")) == {}
    assert owners(task_with(parsed, "加油站")) == {"responsible": ["县应急局"]}


def test_an_articles_number_run_into_its_subject_is_no_part_of_a_name():
    from ingest.units import split_units
    assert split_units("第五条市、县(区)爱卫会") == ["市、县(区)爱卫会"]
    assert split_units("第十六条(检查)市爱卫办、各县爱卫办") == ["市爱卫办", "各县爱卫办"]


def test_a_time_cell_on_its_own_line_closes_the_row_above(tmp_path):
    parsed = parse(tmp_path, "一、市场整治\n区城管局负责,区商务局配合,取缔占道经营。\n2024年5月1日前\n"
                             "区商务局负责督促业主改造公厕。\n2024年6月30日前完成\n区城建局负责清除菜地。\n2024年4月10前\n")
    assert task_with(parsed, "占道经营").deadline_norm == "2024-05"
    assert task_with(parsed, "改造公厕").deadline_norm == "2024-06"
    assert task_with(parsed, "清除菜地").deadline_norm == "2024-04"


def test_dates_opening_each_row_stay_with_the_row_below(tmp_path):
    parsed = parse(tmp_path, "一、市场整治\n2024年5月1日前\n区城管局负责取缔占道经营。\n2024年6月30日前\n区商务局负责督促业主改造公厕。\n")
    assert task_with(parsed, "占道经营").deadline_norm == "2024-05"
    assert task_with(parsed, "改造公厕").deadline_norm == "2024-06"


def test_a_place_with_its_focus_is_its_governments_task(tmp_path):
    parsed = parse(tmp_path, "（一）各县区政府要组织集中整治。青山县以城区、铁路沿线为重点；白水市以老城区为重点。\n")
    assert owners(task_with(parsed, "青山县以")) == {"responsible": ["青山县"]}
    assert owners(task_with(parsed, "白水市以")) == {"responsible": ["白水市"]}


def test_in_a_bodys_duty_line_another_bodys_sentence_is_its_own(tmp_path):
    parsed = parse(tmp_path, "（二）市直部门职责分工\n市城市管理局:负责道路清扫保洁和垃圾清运。环卫部门要在限定时间内清除积存垃圾;\n")
    assert owners(task_with(parsed, "道路清扫")) == {"responsible": ["市城市管理局"]}
    assert owners(task_with(parsed, "积存垃圾")) == {"responsible": ["环卫部门"]}


def test_a_chapter_names_a_topic_and_an_articles_lead_in_names_the_holder(tmp_path):
    parsed = parse(tmp_path, "第五章 殡葬管理机构\n第三十条 市、县设立殡葬管理所,负责本辖区殡葬管理的具体事宜。\n殡葬管理所的职责是:\n"
                             "(一)宣传殡葬管理法规;\n(二)对违法行为涉及其他部门的,会同有关单位进行处理;\n"
                             "第三十一条 乡(镇)人民政府要指定专人负责,依靠村(居)民委员会做好殡葬管理工作。\n"
                             "第三十二条 各级公安、交通、工商行政管理、农林等有关部门,要配合民政部门切实做好殡葬管理工作。\n",
                   header="青石市殡葬管理规定实施意见\n")
    assert owners(task_with(parsed, "宣传殡葬")) == {"responsible": ["殡葬管理所"]}
    assert owners(task_with(parsed, "指定专人")) == {"responsible": ["乡(镇)人民政府"]}
    assert owners(task_with(parsed, "配合民政部门")) == \
        {"lead": ["民政部门"], "co": ["各级公安", "交通", "工商行政管理", "农林等有关部门"]}


def test_lists_of_bodies_written_in_other_ways():
    from ingest.units import split_units
    assert split_units("县政府及其有关部门") == ["县政府", "有关部门"]  # 其 is the government's
    assert split_units("县应急局和其他有关部门") == ["县应急局", "其他有关部门"]
    assert split_units("各县(市)、区") == ["各县(市)、区"]  # 各县(市、区) typed apart


def test_fields_ending_in_a_bureau_and_their_duty_by_remit(tmp_path):
    parsed = parse(tmp_path, "（十三）市发改、经贸等局依职责做好治超配套工作。\n（十四）11月底各县(市)、区组织自验，写出自验报告。\n")
    assert owners(task_with(parsed, "治超配套")) == {"responsible": ["市发改", "经贸等局"]}
    assert owners(task_with(parsed, "自验报告")) == {"responsible": ["各县(市)、区"]}


def test_bodies_named_the_main_office_for_the_work_and_those_giving_support(tmp_path):
    parsed = parse(tmp_path, "1、县水利局、采砂办是负责我县河道采砂管理的主要职能部门,具体制定采砂规划。\n"
                             "2、地名标志的管理工作统一归口由县民政局负责,市政、市容、土地、房管等部门给予支持和配合。\n")
    assert owners(task_with(parsed, "采砂规划")) == {"responsible": ["县水利局", "采砂办"]}
    assert owners(task_with(parsed, "地名标志")) == {"lead": ["县民政局"], "co": ["市政", "市容", "土地", "房管等部门"]}


def test_a_holders_duty_that_opens_by_working_with_another_body(tmp_path):
    parsed = parse(tmp_path, "（二）卫生部门\n1.负责学校食堂卫生监督。\n2.协助教育部门对校医开展业务培训。\n"
                             "3.会同有关部门组织开展食物中毒事故调查。\n4.将执法中发现的问题车辆通报有关部门。\n")
    assert owners(task_with(parsed, "食堂卫生")) == {"responsible": ["卫生部门"]}
    assert owners(task_with(parsed, "校医")) == {"lead": ["教育部门"], "co": ["卫生部门"]}
    assert owners(task_with(parsed, "食物中毒")) == {"lead": ["卫生部门"], "co": ["有关部门"]}
    assert owners(task_with(parsed, "问题车辆")) == {"responsible": ["卫生部门"]}  # what is passed on names no co


def test_a_chapter_titled_by_bodies_duties_names_their_holders(tmp_path):
    parsed = parse(tmp_path, "第三章 市安委会成员单位工作职责\n第十一条 在安全生产工作方面的共同职责:\n"
                             "(一)组织安全生产专项检查;\n(二)开展安全生产宣传教育;\n", header="")
    assert owners(task_with(parsed, "专项检查")) == {"responsible": ["市安委会成员单位"]}
