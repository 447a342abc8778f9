"""Tables copied out one cell per line (a web page's table pasted as text), in the shapes the
invariance check found: each with a small table of our own."""
from ingest.normalize import normalize
from ingest.text_tables import find_text_tables
from tests.notices import owners, parse, task_with


def rows(text: str) -> list[list[str]]:
    [table] = find_text_tables(normalize(text).text)
    return table.table.rows[1:]


def test_a_group_row_over_more_rows_does_not_end_the_table():
    found = rows("工作任务\n责任单位\n完成时限\n一、隐患排查\n排查燃气管网\n县住建局\n6月底前\n"
                 "二、宣传教育\n开展燃气安全宣传\n县应急局\n7月底前\n")
    assert [r[0] for r in found] == ["一、隐患排查", "排查燃气管网", "二、宣传教育", "开展燃气安全宣传"]


def test_a_long_cell_ending_a_sentence_is_a_cell_when_its_owners_follow():
    long_cell = "组织对辖区内全部餐饮场所的燃气管道、阀门、软管和报警装置开展一次全面排查，建立问题清单并逐项整改到位。"
    found = rows(f"工作任务\n责任单位\n完成时限\n{long_cell}\n县住建局\n6月底前\n")
    assert found == [[long_cell, "县住建局", "6月底前"]]


def test_columns_named_as_lists_and_a_years_target():
    assert rows("任务清单\n责任清单\n时限清单\n排查燃气管网\n县住建局\n6月底前\n") == [["排查燃气管网", "县住建局", "6月底前"]]
    assert rows("序号\n名 称\n2025年目标\n责任单位\n1\n较大事故起数\n0\n县安委会各成员单位\n") == \
        [["1", "较大事故起数", "0", "县安委会各成员单位"]]  # 0 is the target, not row 0


def test_names_parted_by_a_space_in_one_cell_are_two_units(tmp_path):
    parsed = parse(tmp_path, "一、任务分工\n工作任务\n责任单位\n完成时限\n检查加油站\n安监站 派出所\n5月份\n")
    assert owners(task_with(parsed, "检查加油站")) == {"responsible": ["安监站", "派出所"]}


def test_a_full_row_of_cells_is_read_in_column_order():
    # 市供销社 is no name the body grammar knows: the row has one line per column, so it is the unit
    assert rows("序号\n涉及部门\n职责分工\n1\n市供销社\n负责本系统企业的安全管理。\n") == \
        [["1", "市供销社", "负责本系统企业的安全管理。"]]


def test_a_merged_cell_written_again_in_each_row_starts_the_next_row():
    found = rows("建设任务\n工作事项\n责任清单\n时限清单\n（一）组织指挥\n明确防汛责任人\n党政办\n4月\n"
                 "（一）组织指挥\n健全应急指挥机制\n")
    assert [r[:2] for r in found] == [["（一）组织指挥", "明确防汛责任人"], ["（一）组织指挥", "健全应急指挥机制"]]


def test_a_caption_and_a_second_tables_header_end_a_table():
    text = ("序号\n涉及部门\n职责分工\n1\n市公安局\n负责运输通行证发放。\n相关依据：\n1.《烟花爆竹安全管理条例》\n")
    assert rows(text) == [["1", "市公安局", "负责运输通行证发放。"]]
    two = normalize("序号\n名 称\n责任单位\n1\n事故起数\n县应急局\n二、立法事项\n序号\n名 称\n责任单位\n1\n修订条例\n县司法局\n").text
    assert [len(t.table.rows) for t in find_text_tables(two)] == [2, 2]


def test_a_short_cell_the_kinds_do_not_know_completes_its_row():
    found = rows("整治行业\n时间安排\n责任单位\n林产品加工\n11月份\n林站\n交通运输\n12月份\n公路站\n")
    assert found == [["林产品加工", "11月份", "林站"], ["交通运输", "12月份", "公路站"]]


def test_columns_named_in_words_of_their_own_before_the_owner_columns():
    found = rows("演练科目 |\n情景构建 |\n牵头单位 |\n责任单位 |\n时限要求 |\n燃气泄漏 |\n某小区燃气管道泄漏，需疏散居民。 |\n"
                 "县住建局 |\n县消防救援大队、县公安局 |\n5月底前完成演练 |\n防汛 |\n自行构建演练情景 |\n县水利局 |\n"
                 "各乡镇 |\n6月中旬完成演练 |\n")
    assert found == [["燃气泄漏", "某小区燃气管道泄漏，需疏散居民。", "县住建局", "县消防救援大队、县公安局", "5月底前完成演练"],
                     ["防汛", "自行构建演练情景", "县水利局", "各乡镇", "6月中旬完成演练"]]


def test_a_title_above_a_header_is_no_column_of_its_own():
    assert rows("工作安排\n安全检查\n责任单位\n完成时限\n排查燃气管网\n县住建局\n6月底前\n") == \
        [["排查燃气管网", "县住建局", "6月底前"]]


def test_a_column_of_its_own_between_known_ones_and_one_unit_per_line_in_a_cell():
    found = rows("序号\n民生实事\n责任单位\n完成时限\n1\n启动东河综合治理工程。\n县水务局\n县住建局\n12月底前\n"
                 "2\n迁建县政务服务中心。\n县政务服务中心\n9月底前\n")
    assert found == [["1", "启动东河综合治理工程。", "县水务局\n县住建局", "12月底前"],
                     ["2", "迁建县政务服务中心。", "县政务服务中心", "9月底前"]]


def test_a_header_on_one_line_over_cells_one_per_line(tmp_path):
    """"序号 涉及部门 职责分工" on one line, then each row's number, unit and duty on lines of their own."""
    text = ("三、部门职责\n序号 涉及部门 职责分工\n1\n县教育局\n负责校园安全管理工作。指导学校落实安全主体责任。\n"
            "2\n县市场监督管理局\n负责学校食堂的监督检查，查处违法行为。\n")
    assert rows(text) == [["1", "县教育局", "负责校园安全管理工作。指导学校落实安全主体责任。"],
                          ["2", "县市场监督管理局", "负责学校食堂的监督检查，查处违法行为。"]]
    parsed = parse(tmp_path, text)
    assert owners(task_with(parsed, "食堂的监督检查")) == {"responsible": ["县市场监督管理局"]}


def test_a_web_table_copied_with_a_pipe_opening_each_cell(tmp_path):
    """"分 组" ⏎ "| 牵头单位" …, then each row's first cell bare and the rest after pipes: one row a line."""
    parsed = parse(tmp_path, "附件：督查组分组表\n分 组\n| 督查组牵头单位\n| 督查对象\n| 备 注\n|\n"
                             "第一组\n| 县应急局\n| 城关镇\n|\n|\n第二组\n| 县住建局\n| 河西镇\n|\n|\n")
    assert owners(task_with(parsed, "第一组")) == {"lead": ["县应急局"]}
    assert owners(task_with(parsed, "第二组")) == {"lead": ["县住建局"]}


def test_a_two_column_table_of_bodies_and_their_duties_one_cell_per_line():
    """A page of a department's duty boundaries: 相关部门 | 职责分工, a body over its duties, a blank line
    between cells, the page's captions written twice above and below it."""
    page = ("管理事项 中考保障\n职责分工 职责分工\n\n相关部门\n\n职责分工\n\n县公安局\n\n维护考点周边治安秩序。\n\n"
            "县教育局\n\n负责考试的组织、实施和协调工作。\n\n相关依据 相关依据\n\n《关于做好考试安全工作的通知》。\n")
    assert rows(page) == [["县公安局", "维护考点周边治安秩序。"], ["县教育局", "负责考试的组织、实施和协调工作。"]]


def test_a_pages_field_and_its_value_is_no_column_name():
    assert not find_text_tables(normalize("管理事项 中考保障\n职责分工\n县公安局\n维护治安秩序。\n").text)


def test_cells_between_lines_that_hold_only_a_pipe(tmp_path):
    """A web table copied with each cell between lines of a lone pipe, a row ending in two of them."""
    table = ["序号", "工作任务", "执行单位", "完成时限", "|", "1", "开展燃气管网隐患排查", "县住建局", "2024年6月底前", "|",
             "2", "开展消防通道专项整治", "县消防救援大队", "2024年9月底前"]
    parsed = parse(tmp_path, "附件\n重点任务清单\n|\n" + "\n|\n".join(table) + "\n|\n")
    task = task_with(parsed, "燃气管网")
    assert (owners(task), task.deadline_norm) == ({"responsible": ["县住建局"]}, "2024-06")
    assert owners(task_with(parsed, "消防通道")) == {"responsible": ["县消防救援大队"]}


def test_a_task_title_and_its_demands_with_a_number_the_header_does_not_name(tmp_path):
    """The first cell has no pipe line above it; 工作任务 is a short title and 具体要求 what it asks; each row
    has a 序号 cell the header leaves out, and a row sharing the title above (merged down) starts at its number."""
    table = ["工作任务", "具体要求", "责任科室", "时限要求", "做好信息公开", "1", "全面清理并公布现行有效文件目录。", "办公室", "2024年12月底前",
             "深化政策解读", "2", "丰富政策解读形式。", "各科室", "持续推进", "3", "编制发布年度报告。", "办公室", "2024年3月底前"]
    parsed = parse(tmp_path, "\n|\n".join(table) + "\n|\n", header="")
    task = task_with(parsed, "文件目录")
    assert (owners(task), task.deadline_norm) == ({"responsible": ["办公室"]}, "2024-12")
    assert owners(task_with(parsed, "解读形式")) == {"responsible": ["各科室"]}
    task = task_with(parsed, "年度报告")
    assert (owners(task), task.deadline_norm) == ({"responsible": ["办公室"]}, "2024-03")


def test_rows_picked_out_of_a_longer_table_keep_their_numbers_and_empty_groups():
    """Rows 3, 68, 69 of a longer table, one cell per line, with the group rows whose own rows were left out."""
    found = rows("序号\n重点工作任务\n主要责任单位\n协同配合单位\n一、发展目标\n3\n固定资产投资增长7%左右。\n区发改委\n区工信局\n"
                 "二、扩大投资\n三、产业体系\n四、社会事业\n68\n推进学前教育普及普惠。\n区教育局\n各乡镇人民政府\n"
                 "69\n引进优质教育资源。\n区教育局\n区投资促进中心\n")
    assert [(r[1], r[2]) for r in found if r[0].isdigit()] == \
        [("固定资产投资增长7%左右。", "区发改委"), ("推进学前教育普及普惠。", "区教育局"), ("引进优质教育资源。", "区教育局")]


def test_a_header_name_over_two_lines_and_rows_that_lost_their_merged_cells():
    """责任股室 ⏎ (单位) is one column; a row whose 指标 cell was merged down from the row above has only its task."""
    found = rows("序号\n指标\n工作任务\n完成时限\n责任股室\n(单位)\n1\n公共文化\n全年开展惠民演出不少于50场。\n12月底前\n文化股\n"
                 "2\n推进县图书馆总分馆建设。\n图书馆\n3\n文物保护\n完成古桥修缮方案设计。\n文物股\n")
    assert [(r[1], r[2], r[4]) for r in found] == [("公共文化", "全年开展惠民演出不少于50场。", "文化股"),
                                                   ("", "推进县图书馆总分馆建设。", "图书馆"),
                                                   ("文物保护", "完成古桥修缮方案设计。", "文物股")]
