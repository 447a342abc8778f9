"""A report of a meeting assigns work only in what it asks for (ingest/reports.py): the lead,
the attendance, what was heard and the review of the past are no tasks; each sentence asking
for work, naming its owner, or dating it is one. Sentences of our own in the usual form."""
import pytest

from ingest.reports import asked_spans, reads_as_report
from tests.notices import owners, parse, task_with

REPORT = (
    "5月8日上午，青石县召开全县汛期安全生产工作推进会。副县长李某出席会议并讲话，县直有关部门主要负责同志参加会议。\n"
    "会议通报了一季度全县安全生产形势，听取了各乡镇隐患排查工作汇报。\n"
    "会议强调，要压紧压实防汛责任，严防山洪地质灾害。要加强值班值守，严格执行领导带班制度。\n"
    "会议明确各部门职责：县水利局统筹做好水库安全度汛；县住建局负责在建工地防汛检查；由县应急局牵头组织防汛演练。\n"
    "会上还明确，6月底前完成全部危险区域人员转移预案修订。\n"
)


def test_a_meeting_report_is_read_as_one():
    assert reads_as_report(REPORT)
    assert not reads_as_report("一、工作目标\n全面完成隐患排查整治。\n")


def test_only_what_the_report_asks_for_is_a_task(tmp_path):
    parsed = parse(tmp_path, REPORT, header="")
    texts = " ".join(t.text for t in parsed.tasks)
    assert "出席会议" not in texts and "通报了一季度" not in texts
    assert task_with(parsed, "压紧压实防汛责任") is not task_with(parsed, "加强值班值守")


def test_a_reports_duties_keep_their_owners_and_dates(tmp_path):
    parsed = parse(tmp_path, REPORT, header="")
    assert owners(task_with(parsed, "水库安全度汛")) == {"responsible": ["县水利局"]}
    assert owners(task_with(parsed, "在建工地防汛检查")) == {"responsible": ["县住建局"]}
    assert owners(task_with(parsed, "防汛演练")) == {"lead": ["县应急局"]}
    assert task_with(parsed, "预案修订").deadline == "6月底前"
    assert parsed.document.title == "notice"  # its opening sentences are no title


@pytest.mark.parametrize("sentence, asks", [
    ("会议要求，各乡镇要立即开展自查。", True),
    ("会议决定在全县开展为期一个月的专项整治。", True),
    ("即日起至5月31日，全县将集中排查瓶装燃气隐患。", True),
    ("县领导和各部门负责人共40余人参加了会议。", False),
    ("会议学习了上级文件精神。", False),
])
def test_which_sentences_ask_for_work(sentence, asks):
    assert bool(asked_spans(sentence, 0, len(sentence))) is asks
