"""Notices read back from a scan or a copy that lost its line breaks and spaces: the items run on
in one line after any mark, and a label's colon may have become a stop (issue 19). Sentences of
our own in the same form."""
import pytest

from tests.notices import owners, parse, task_with

RUN_ON = ("青石县燃气安全整治方案,为抓好燃气安全,制定本方案,一,工作目标到2025年底燃气事故明显下降,"
          "用户安全意识普遍增强,监管体系基本健全,各项整治措施落实到位.二、整治任务全面排查餐饮场所燃气管线,"
          "县住建局负责,各乡镇配合,2025年9月底前完成。三,组织保障成立县燃气安全整治工作专班,专班办公室设在县住建局,"
          "抽调人员集中办公,每周调度一次工作进展情况并通报全县,对工作推进不力的乡镇和部门由县政府督查室督办。")


def test_items_that_count_on_in_one_line_are_items(tmp_path):
    parsed_items = [t.text[:4] for t in parse(tmp_path, RUN_ON + "\n").tasks]
    assert parsed_items[-3:] == ["一、工作", "二、整治", "三、组织"]  # each with its number


def test_an_item_run_into_one_line_keeps_its_owners_and_deadline(tmp_path):
    task = task_with(parse(tmp_path, RUN_ON + "\n"), "全面排查餐饮场所")
    assert owners(task) == {"lead": ["县住建局"], "co": ["各乡镇"]}
    assert task.deadline_norm == "2025-09"


@pytest.mark.parametrize("line", [
    # numbers that do not count on (一 then 三) are words, not items
    "全县开展一次大排查,一、二级水源地全部纳入,三,四类风险点逐一建档,确保隐患整改到位,排查结果按月报送县应急局,"
    "对整改不力的单位进行通报,对重大隐患实行挂牌督办,直至整改销号为止,并将结果纳入年度考核。" * 2,
    # a table of contents run into one line: titles and page numbers
    "目录(一)发展形势3(二)总体要求6(三)主要任务9(四)重点工程15(五)保障措施21" + "十四五期间全县安全生产形势总体平稳," * 6,
])
def test_numbers_that_do_not_count_on_or_a_contents_line_split_nothing(tmp_path, line):
    assert len(parse(tmp_path, line + "\n").tasks) <= 1


@pytest.mark.parametrize("sentence, expected", [
    # the colon of a label read as a stop, the space before the next label lost
    ("一、建立联席会议制度,定期研究整治中的问题。牵头单位。县应急局责任单位。县住建局、县市场监管局\n",
     {"lead": ["县应急局"], "responsible": ["县住建局", "县市场监管局"]}),
    ("一、建立联席会议制度,定期研究整治中的问题.牵头单位,县应急局\n", {"lead": ["县应急局"]}),
])
def test_a_label_whose_colon_became_a_stop_still_names_the_owners(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence).tasks
    assert owners(task) == expected


def test_a_label_word_ending_a_sentence_is_prose(tmp_path):
    parsed = parse(tmp_path, "一、各乡镇要逐项明确责任单位。各村要落实网格员,做好日常巡查。\n")
    assert [owners(task) for task in parsed.tasks] == [{"responsible": ["各乡镇"]}, {"responsible": ["各村"]}]

