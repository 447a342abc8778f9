"""A web page's information box and title (ingest/readers/html.py, ingest/meta.py): a cell holding
several fields is cut at each label, the site's name is no part of the title, and the title's kind
word is found. Pages of our own in the form government sites use."""
import pytest

from ingest.meta import extract_meta, title_kind
from ingest.models import RawDocument
from ingest.pipeline import parse_file, parse_raw
from ingest.readers import read_file
from ingest.readers.html import META_LABELS, OTHER_LABELS, TITLE_SITE_SEPARATOR

BODY = ("<p>各区县人民政府，市政府各部门：</p><p>现将《青石市2025年安全生产工作要点》印发给你们，请认真贯彻落实。</p>"
        "<p>青石市2025年安全生产工作要点</p><p>一、重点任务</p>"
        "<p>（一）开展燃气隐患排查。市住建局牵头，2025年10月底前完成。</p>")


def page(tmp_path, box: str, title: str = "青石市人民政府办公室关于印发青石市2025年安全生产工作要点的通知--青石市人民政府"):
    path = tmp_path / "notice.html"
    path.write_text(f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
                    f"<div class='nav'>首页 &gt; 政策文件</div><table class='xxgk'>{box}</table>"
                    f"<div class='content'>{BODY}</div></body></html>", encoding="utf-8")
    return path


def test_an_issuer_and_a_date_in_one_cell_are_two_fields(tmp_path):
    path = page(tmp_path, "<tr><td>发文机关：青石市人民政府办公室　成文日期：2025年4月10日</td></tr>"
                          "<tr><td>发文字号：青政办发〔2025〕3号　发布日期：2025年4月15日</td></tr>")
    assert read_file(path).meta == {"issuer": "青石市人民政府办公室", "date": "2025-04-10", "number": "青政办发〔2025〕3号"}
    document = parse_file(path).document
    assert (document.issuer, document.date, document.title) == \
        ("青石市人民政府办公室", "2025-04-10", "青石市2025年安全生产工作要点")
    assert title_kind(document.title) == "要点"


def test_a_publication_date_dates_the_page_only_without_a_written_date(tmp_path):
    path = page(tmp_path, "<tr><td>发布机构：青石市应急管理局</td><td>发布日期：2025-05-06</td></tr>")
    assert read_file(path).meta == {"issuer": "青石市应急管理局", "date": "2025-05-06"}


@pytest.mark.parametrize("label", [label for labels in META_LABELS.values() for label in labels] + list(OTHER_LABELS))
def test_every_label_of_the_box_ends_the_value_before_it(tmp_path, label):
    path = page(tmp_path, f"<tr><td>发文机关：青石市安全生产委员会办公室 {label}：某某</td></tr>")
    assert read_file(path).meta["issuer"] == "青石市安全生产委员会办公室"


@pytest.mark.parametrize("title, kept", [
    ("青石市安全生产工作要点_青石市人民政府", "青石市安全生产工作要点"),
    ("青石市安全生产工作要点 - 青石市应急管理局", "青石市安全生产工作要点"),
    ("青石市安全生产工作要点--青石市人民政府", "青石市安全生产工作要点"),
    ("青石市安全生产工作要点——青石市人民政府", "青石市安全生产工作要点"),
    ("青石市安全生产行动方案（2024—2026年）", "青石市安全生产行动方案（2024—2026年）"),  # a year span's dash stays
])
def test_the_site_name_after_a_page_title_is_left_out(title, kept):
    assert TITLE_SITE_SEPARATOR.split(title)[0] == kept


def test_an_information_box_copied_with_the_text(tmp_path):
    """索引号/发文机关 lines above the title: no title of their own; the issuer is cut at 成文日期."""
    preamble = ("索引号：113703000000/2025-00012\n发文机关：青石市应急管理局　成文日期：2025年4月10日\n"
                "标题：青石市城镇燃气安全专项整治方案\n")
    meta = extract_meta(preamble, preamble + "一、工作目标\n")
    assert (meta.title, meta.issuer, meta.date) == ("青石市城镇燃气安全专项整治方案", "青石市应急管理局", "2025-04-10")
    assert title_kind(meta.title) == "方案"


@pytest.mark.parametrize("box, date", [
    ("发布时间:2023-05-18 09:40  来源：青石县人民政府办公室  浏览次数:120\n", "2023-05-18"),
    ("发布日期：2023/5/8\n", "2023-05-08"),
    ("发布日期：2023年05月18日\n", "2023-05-18"),
    ("发布日期：2023-06-01\n成文日期：2023-05-28\n", "2023-05-28"),  # the day it was signed, not the day it went up
])
def test_a_page_date_copied_with_the_text_dates_the_notice(box, date):
    """A page's box copied as text dates the notice, so "9月底前" in a news item gets its year."""
    text = box + "青石县召开燃气安全工作推进会。会议要求，由县住建局牵头，县应急局配合，在9月底前完成排查。\n"
    assert extract_meta(text, text).date == date
    tasks = parse_raw(RawDocument(path="news.txt", fmt="txt", text=text)).tasks
    assert [(t.lead_units, t.deadline_norm) for t in tasks] == [(["县住建局"], date[:4] + "-09")]
