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
    forwarded = parse(tmp_path, "一、县应急局负责全县防汛检查。\n", name="forwarded.txt",
                      header="某某信息网--法规检索\n青石市人民政府办公厅转发青石市2001年道路畅通工程实施意见的通知\n")
    assert (forwarded.document.title, forwarded.document.issuer) == ("青石市2001年道路畅通工程实施意见", "青石市人民政府办公厅")


def test_a_lead_in_naming_its_duties_in_several_words_passes_its_subject_on(tmp_path):
    parsed = parse(tmp_path, "第三条 县教育局负责联动机制的日常工作，履行以下综合协调、督促指导等职责：\n"
                             "（一）建立健全校园防溺水管理制度；\n（二）牵头开展防溺水督导检查。\n")
    assert owners(task_with(parsed, "督导检查")) == {"responsible": ["县教育局"]}


def test_an_articles_caption_in_brackets_does_not_hide_its_subject(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条（目的）为了加强自建房安全管理，制定本细则。\n"
                             "第二条（属地责任）县级以上人民政府应当加强自建房安全管理的组织领导，负责组织实施应急处置。\n"
                             "第三条（施行）本细则自印发之日起施行。\n", header="青石县自建房安全管理实施细则\n")
    assert owners(task_with(parsed, "应急处置")) == {"responsible": ["县级以上人民政府"]}


def test_a_duty_line_held_by_levels_and_an_industrial_zone(tmp_path):
    parsed = parse(tmp_path, "7、区市场监管局。负责市场巡查。\n8、各镇、街道、青石工业区。负责将平安市场创建纳入社区管理。\n")
    # levels with nothing shared after the last are several units (labellers differ; the later one splits)
    assert owners(task_with(parsed, "平安市场")) == {"responsible": ["各镇", "街道", "青石工业区"]}


def test_a_two_column_duty_table_left_one_row_per_line(tmp_path):
    # the unit cell parted from its duty by a space, whatever verb the duty opens with
    parsed = parse(tmp_path, "四、成员单位职责\n市民政局 负责受灾群众生活救助工作。\n"
                             "市财政局 综合协调事故应急救援资金的保障工作。\n"
                             "市住建局、市城管局 制订工地起重机械的应急救援制度。\n"
                             "市新闻办 会同有关部门做好事故信息发布工作。\n"
                             "市安监局 参与事故应急救援工作。\n")
    assert owners(task_with(parsed, "救援资金")) == {"responsible": ["市财政局"]}
    assert owners(task_with(parsed, "起重机械")) == {"responsible": ["市住建局", "市城管局"]}
    assert owners(task_with(parsed, "信息发布")) == {"lead": ["市新闻办"], "co": ["有关部门"]}
    assert owners(task_with(parsed, "参与事故")) == {"responsible": ["市安监局"]}  # a part of its own (two labellers)
    assert len([t for t in parsed.tasks if "生活救助" in t.text]) == 1 and "救援资金" not in task_with(parsed, "生活救助").text


def test_a_cell_of_two_names_is_no_duty_row(tmp_path):
    parsed = parse(tmp_path, "一、开展燃气安全检查，县应急局牵头。\n二、检查组成员\n县应急管理局 县消防救援大队\n")
    assert not [t for t in parsed.tasks if t.text.startswith("县应急管理局 县消防")]


def test_a_duty_line_that_organises_bodies_or_helps_after_what_it_goes_by(tmp_path):
    parsed = parse(tmp_path, "（三）防御台风。\n市三防指挥部：总指挥长坐镇市三防指挥部，组织气象、水文、水利等有关部门进行防风会商。\n"
                             "县海事处：根据指挥部的要求，协助组织救助力量搜救遇险船只。\n"
                             "县教育局：组织领导相关部门做好校园防风工作。\n")
    assert owners(task_with(parsed, "防风会商")) == {"responsible": ["市三防指挥部"], "co": ["气象", "水文", "水利等有关部门"]}
    assert owners(task_with(parsed, "遇险船只")) == {"responsible": ["县海事处"]}  # helping no body it names: its own duty
    assert owners(task_with(parsed, "校园防风")) == {"responsible": ["县教育局"]}


def test_a_duty_table_row_opening_with_its_row_number(tmp_path):
    parsed = parse(tmp_path, "各成员单位应急职责如下。\n12 县交通运输局 负责组织应急救援所需的运输保障。\n"
                             "13 县商务局 负责事故处置过程中生活必需品的供应。\n")
    assert owners(task_with(parsed, "运输保障")) == {"responsible": ["县交通运输局"]}
    assert owners(task_with(parsed, "生活必需品")) == {"responsible": ["县商务局"]}


def test_a_clause_of_a_duty_line_that_gives_its_unit_another_role_is_a_task_of_its_own(tmp_path):
    parsed = parse(tmp_path, "四、工作职责\n各部门要各司其职。派出所：配合有关部门开展水域排查；研究制定事故处置预案；"
                             "会同有关部门对非法取土进行整治。\n县教育局：负责学生安全教育；配合县公安局做好校园周边治安整治。\n")
    assert owners(task_with(parsed, "水域排查")) == {"lead": ["有关部门"], "co": ["派出所"]}
    assert owners(task_with(parsed, "处置预案")) == {"responsible": ["派出所"]}
    assert owners(task_with(parsed, "非法取土")) == {"lead": ["派出所"], "co": ["有关部门"]}
    assert owners(task_with(parsed, "学生安全教育")) == {"responsible": ["县教育局"]}
    assert owners(task_with(parsed, "周边治安")) == {"lead": ["县公安局"], "co": ["县教育局"]}


def test_a_role_clause_after_a_comma_in_a_duty_line_is_a_task_of_its_own(tmp_path):
    parsed = parse(tmp_path, "六、成员单位职责\n县粮食和物资储备局：负责落实救灾储备粮源，配合民政部门做好口粮的调运工作。\n"
                             "县工信局：负责协调应急通信保障。\n")
    assert owners(task_with(parsed, "储备粮源")) == {"responsible": ["县粮食和物资储备局"]}
    assert owners(task_with(parsed, "口粮的调运")) == {"lead": ["民政部门"], "co": ["县粮食和物资储备局"]}


def test_a_subject_that_leads_part_of_its_duty_or_works_with_others_on_it(tmp_path):
    parsed = parse(tmp_path, "二、县林业局负责暂停审批林区采伐许可，牵头负责东部林场所有违规用火点的清理工作。\n"
                             "三、县经信局要加强对企业用电的监管，会同有关部门认定不符合规划的小作坊，依法督促整改。\n"
                             "四、县国资办负责会同有关部门针对隐患突出的国有企业提出整治意见。\n")
    assert owners(task_with(parsed, "采伐许可")) == {"responsible": ["县林业局"]}
    assert owners(task_with(parsed, "违规用火点")) == {"lead": ["县林业局"]}
    assert owners(task_with(parsed, "不符合规划")) == {"lead": ["县经信局"], "co": ["有关部门"]}
    assert owners(task_with(parsed, "隐患突出")) == {"lead": ["县国资办"], "co": ["有关部门"]}


def test_a_duty_list_run_into_one_paragraph_with_a_colon_after_each_unit(tmp_path):
    parsed = parse(tmp_path, "各成员单位职责如下：\n[接上页] 县交通局：负责抢险物资的公路运输，抢修受损道路。 "
                             "县水务局：掌握、发布雨情水情，组织指导全县防汛抢险。 县物价局：加强价格监测，稳定市场价格。\n")
    assert owners(task_with(parsed, "公路运输")) == {"responsible": ["县交通局"]}
    assert owners(task_with(parsed, "雨情水情")) == {"responsible": ["县水务局"]}
    assert owners(task_with(parsed, "价格监测")) == {"responsible": ["县物价局"]}


def test_a_body_named_after_an_act_word_is_still_a_body(tmp_path):
    [task] = parse(tmp_path, "一、县生态环境局要会同县水文监测站开展水质抽检，督促整改到位。\n").tasks
    assert owners(task) == {"lead": ["县生态环境局"], "co": ["县水文监测站"]}


def test_items_opening_with_their_year_each_with_the_bodies_whose_leaders_answer(tmp_path):
    parsed = parse(tmp_path, "附件1\n主要目标任务及责任分解\n一、消防站点建设\n1.2025年底前，完成城东消防站建设，并配套车辆装备。\n"
                             "责任单位及责任人：城东区政府、市发改委、市消防救援支队主要领导。\n"
                             "2.2026年底前，完成城西消防站营房改造。\n责任单位及责任人：城西区政府主要领导。\n")
    east, west = task_with(parsed, "城东消防站"), task_with(parsed, "城西消防站")
    assert owners(east) == {"responsible": ["城东区政府", "市发改委", "市消防救援支队"]} and east.deadline_norm == "2025-12"
    assert owners(west) == {"responsible": ["城西区政府"]} and west.deadline_norm == "2026-12"


def test_a_duty_line_ending_in_a_semicolon_goes_on_below_until_the_next_body(tmp_path):
    parsed = parse(tmp_path, "三、部门职责\n区住建局:负责组织燃气企业制定安装流程;\n负责督促液化气企业停止供应大钢瓶. "
                             "区应急局:负责综合监督和协调工作;\n配合财政部门研究落实补助资金;\n"
                             "对隐患突出的餐饮场所挂牌督办. 区商务局:配合做好瓶改管工作.\n")
    assert owners(task_with(parsed, "大钢瓶")) == {"responsible": ["区住建局"]}
    assert owners(task_with(parsed, "补助资金")) == {"lead": ["财政部门"], "co": ["区应急局"]}
    assert owners(task_with(parsed, "挂牌督办")) == {"responsible": ["区应急局"]}
    assert owners(task_with(parsed, "瓶改管")) == {"responsible": ["区商务局"]}  # helping no body it names: its own duty


def test_a_body_after_a_space_that_ends_a_title(tmp_path):
    parsed = parse(tmp_path, "（三）部门监管责任 区住建局：负责组织燃气企业制定安装流程。\n")
    assert owners(task_with(parsed, "安装流程")) == {"responsible": ["区住建局"]}


def test_a_subject_after_what_it_goes_by_or_with_a_verb_of_its_own(tmp_path):
    parsed = parse(tmp_path, "二、巡查工作\n1、视天气情况，区政府颁发禁火令。\n2、区森林警察大队加大火案查办力度。\n"
                             "三、值班\n节日期间，各文旅局（委）要坚持值班制度。\n")
    assert owners(task_with(parsed, "禁火令")) == {"responsible": ["区政府"]}
    assert owners(task_with(parsed, "火案查办")) == {"responsible": ["区森林警察大队"]}
    assert owners(task_with(parsed, "值班制度")) == {"responsible": ["各文旅局（委）"]}


def test_a_sentence_opening_with_whom_it_works_with_goes_with_the_subject_before_it(tmp_path):
    parsed = parse(tmp_path, "一、部门职责\n县自然资源局负责灾害防治综合协调。会同气象、水利部门做好灾害预警预报工作。\n"
                             "二、考评\n县生态环境局于年终对各乡镇工作进行考评。同时，会同县财政局按照火点数核定奖补资金。\n")
    assert owners(task_with(parsed, "综合协调")) == {"responsible": ["县自然资源局"]}
    assert owners(task_with(parsed, "预警预报")) == {"lead": ["县自然资源局"], "co": ["气象", "水利部门"]}
    assert owners(task_with(parsed, "奖补资金")) == {"lead": ["县生态环境局"], "co": ["县财政局"]}


def test_a_body_set_up_by_a_subject_and_an_office_named_after_its_duty(tmp_path):
    parsed = parse(tmp_path, "三、工作措施\n我镇还成立了烟花爆竹巡逻队，负责定期巡查。\n"
                             "四、组织领导\n成立专项整治领导小组，领导小组下设办公室，负责日常组织协调工作。办公室设在县应急管理局。\n")
    assert owners(task_with(parsed, "定期巡查")) == {"responsible": ["烟花爆竹巡逻队"]}
    assert owners(task_with(parsed, "日常组织协调")) == {"responsible": ["县应急管理局"]}


def test_a_semicolon_clause_taking_another_role_goes_with_the_sentences_subject(tmp_path):
    parsed = parse(tmp_path, "三、县公安局负责停供采石企业的民爆物品，严厉打击违法行为；坚决阻止运石车辆进入矿区；"
                             "配合乡镇做好关停矿区人员的清理工作。\n")
    assert owners(task_with(parsed, "清理工作")) == {"lead": ["乡镇"], "co": ["县公安局"]}


def test_a_sentence_that_cooperates_and_goes_on_with_work_of_its_own_is_a_task(tmp_path):
    parsed = parse(tmp_path, "一、县供电公司负责终止关闭矿井的供用电合同。其他相关部门要积极配合，各司其职，加大联合执法力度。\n")
    assert owners(task_with(parsed, "供用电合同")) == {"responsible": ["县供电公司"]}
    assert owners(task_with(parsed, "联合执法")) == {"co": ["其他相关部门"]}


def test_a_role_clause_after_what_it_goes_by(tmp_path):
    parsed = parse(tmp_path, "五、成员单位职责\n（5）县自然资源局：提供灾害易发区分布图，根据气象条件会同气象部门发布灾害风险预报。\n")
    assert owners(task_with(parsed, "风险预报")) == {"lead": ["县自然资源局"], "co": ["气象部门"]}


def test_a_sharing_sites_paragraph_mark_parts_the_items(tmp_path):
    parsed = parse(tmp_path, "二、工作措施\n1、乡政府每年与各村签订责任状。Р2、乡农机站每季度开展一次隐患排查。Р3、乡政府定期开展专项整治。\n")
    assert owners(task_with(parsed, "隐患排查")) == {"responsible": ["乡农机站"]}
    assert owners(task_with(parsed, "专项整治")) == {"responsible": ["乡政府"]}


def test_a_role_clause_joined_by_bing_without_a_comma(tmp_path):
    parsed = parse(tmp_path, "一、县自然资源局要做好地质灾害的防范工作，做好危房排查并配合乡镇政府做好群众的紧急转移。\n")
    assert owners(task_with(parsed, "紧急转移")) == {"lead": ["乡镇政府"], "co": ["县自然资源局"]}


def test_items_under_a_lead_in_naming_the_following_work_are_its_subjects(tmp_path):
    parsed = parse(tmp_path, "3 预防准备\n3.2 各级政府应当组织实施下列防火基础设施建设：\n（1）建设火情监测瞭望设施；\n（2）修筑防火道路。\n")
    assert owners(task_with(parsed, "瞭望设施")) == {"responsible": ["各级政府"]}
    assert owners(task_with(parsed, "防火道路")) == {"responsible": ["各级政府"]}


def test_who_does_it_named_after_you(tmp_path):
    parsed = parse(tmp_path, "一、增设消火栓。由县消防救援大队会同青石镇人民政府联合编制预算，专题请示县人民政府；"
                             "二、供水。由县水务局指导优化供水压力，确保消防用水。\n"
                             "三、集中整治。对不配合的对象，由县城管局、县自然资源局及相关乡镇联合采取集中整治措施。\n"
                             "四、规划分局负责规划布点村庄的确定，牵头审核村庄整治规划，指导村庄按规划实施。\n")
    assert owners(task_with(parsed, "编制预算")) == {"lead": ["县消防救援大队"], "co": ["青石镇人民政府"]}
    assert owners(task_with(parsed, "供水压力")) == {"responsible": ["县水务局"]}
    assert owners(task_with(parsed, "采取集中整治")) == {"responsible": ["县城管局", "县自然资源局", "相关乡镇"]}
    assert owners(task_with(parsed, "审核村庄")) == {"lead": ["规划分局"]}


def test_a_group_named_for_its_field_led_by_the_body_its_leader_comes_from(tmp_path):
    parsed = parse(tmp_path, "三、督查安排\n1、燃气安全督查组，由县住建局王某任组长，成员由县住建局、县市场监管局有关人员组成。\n"
                             "2、道路交通安全督查组，由县公安局副局长李某任组长，成员由县公安局、县交通局有关人员组成。\n")
    assert owners(task_with(parsed, "燃气安全督查组")) == {"lead": ["县住建局"], "co": ["县市场监管局"]}
    assert owners(task_with(parsed, "道路交通安全督查组")) == {"lead": ["县公安局"], "co": ["县交通局"]}


def test_a_task_that_opens_its_item_keeps_the_items_number(tmp_path):
    # people quote a task with its number ("1.市公安部门要…", "第四条…"): the span starts there
    parsed = parse(tmp_path, "三、部门职责\n1.县公安局要加强治安管理。\n2.县应急局要发挥综合协调作用。\n")
    assert [t.text[:6] for t in parsed.tasks] == ["1.县公安局", "2.县应急局"]
    assert owners(parsed.tasks[0]) == {"responsible": ["县公安局"]}


def test_subjects_after_when_with_more_verbs_and_fields(tmp_path):
    parsed = parse(tmp_path, "二、工作提示\n必要时，县公安、消防等部门要做好保障工作。\n县消防救援大队保持待命状态。\n"
                             "交通运输、公安交管部门关注山区道路结冰。\n建设等部门加强在建工地塔吊的检查。\n"
                             "供电、供水、供气等部门要做好设施检修。\n该县公安部门派出值勤队维护秩序。\n")
    assert owners(task_with(parsed, "保障工作")) == {"responsible": ["县公安", "消防等部门"]}
    assert owners(task_with(parsed, "待命状态")) == {"responsible": ["县消防救援大队"]}
    assert owners(task_with(parsed, "道路结冰")) == {"responsible": ["交通运输", "公安交管部门"]}
    assert owners(task_with(parsed, "塔吊")) == {"responsible": ["建设等部门"]}
    assert owners(task_with(parsed, "设施检修")) == {"responsible": ["供电", "供水", "供气等部门"]}
    assert owners(task_with(parsed, "值勤队")) == {"responsible": ["该县公安部门"]}


def test_each_clause_naming_who_does_it_is_a_task(tmp_path):
    parsed = parse(tmp_path, "一、由县公安局负责做好烟花爆竹的管控，由县交警大队负责车辆限行的宣传工作。\n")
    assert owners(task_with(parsed, "烟花爆竹")) == {"responsible": ["县公安局"]}
    assert owners(task_with(parsed, "车辆限行")) == {"responsible": ["县交警大队"]}


def test_a_heading_naming_two_bodies(tmp_path):
    parsed = parse(tmp_path, "三、成员单位职责\n（四）县检察院、县人民法院\n负责森林火灾案件的诉讼和审理工作。\n")
    assert owners(task_with(parsed, "诉讼和审理")) == {"responsible": ["县检察院", "县人民法院"]}


def test_a_subject_setting_up_a_body_whose_members_follow_keeps_its_duty(tmp_path):
    parsed = parse(tmp_path, "（一）加强领导。\n各乡镇人民政府要成立防灾救灾指挥部，由乡镇长担任总指挥，成员由派出所、司法所负责人组成。\n"
                             "（二）领导小组由县应急局、县住建局负责人组成。\n")
    assert owners(task_with(parsed, "防灾救灾指挥部")) == {"responsible": ["各乡镇人民政府"]}


def test_bodies_joined_by_many_and_helpers_named_after_you(tmp_path):
    parsed = parse(tmp_path, "一、县应急局联合公安、市场监管等多家部门单位，对全县加油站开展联合执法检查。\n"
                             "二、由县总工会、团县委配合县教育局开展校园安全宣传活动。\n")
    assert owners(task_with(parsed, "加油站")) == {"lead": ["县应急局"], "co": ["公安", "市场监管等多家部门单位"]}
    assert owners(task_with(parsed, "校园安全宣传")) == {"lead": ["县教育局"], "co": ["县总工会", "团县委"]}


def test_a_label_line_repeated_under_every_item_is_no_cut_width(tmp_path):
    """Five items each followed by the same 主要协作单位 line: equal lengths of one repeated line do not make the
    text "cut at a fixed width", so an item is not run into the label line above it."""
    co_line = "主要协作单位:各乡镇人民政府、县开发区管委会,县政府有关部门、有关直属单位"
    items = ["做好疫情常态化防控", "创建国家卫生县城", "推广家庭医生签约服务,提升基层服务能力", "补齐公共卫生设施短板",
             "加快县人民医院改扩建项目建设进度"]
    body = "".join(f"{n}.{item}。\n牵头责任单位:县卫健委\n{co_line}\n" for n, item in enumerate(items, 1))
    parsed = parse(tmp_path, body)
    assert [owners(task_with(parsed, item)) for item in items] == [
        {"lead": ["县卫健委"], "co": ["各乡镇人民政府", "县开发区管委会", "县政府有关部门", "有关直属单位"]}] * 5
