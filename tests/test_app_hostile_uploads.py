"""The app survives an upload of each hostile file (issue 21): a far cell, thousands of blank
pages, images past the pixel limit, a page nested thousands deep, a zip bomb. Each is read in
bounded time and memory; the refused ones leave the KB as it was and say why in plain words."""
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from kb import KnowledgeBase
from tests import hostile_inputs
from tests.test_app import APP, button, open_page, plain

# maker -> (what the page says, documents added)
EXPECTED = {
    "far_cell_xlsx": ("已导入", 1),
    "one_line_pages_pdf": ("ocr_max_pages", 0),
    "blank_frames_tiff": ("ocr_max_pages", 0),
    "huge_png": ("image_max_pixels", 0),
    "huge_tiff": ("image_max_pixels", 0),
    "deep_html": ("已导入", 1),
    "docx_bomb": ("拒绝解析", 0),
}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {name: hostile_inputs.MAKERS[name](folder) for name in EXPECTED}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_app_survives_an_upload_of(name, hostile_files, seeded_home, tmp_path, monkeypatch):
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    monkeypatch.setenv("KB_HOME", str(home))
    at = AppTest.from_file(APP, default_timeout=120).run()
    said, added = EXPECTED[name]
    path = hostile_files[name]
    open_page(at, "导入")
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    button(at, "导入").click().run()
    assert not at.exception
    shown = " ".join(plain(element.value) for element in [*at.success, *at.error, *at.warning])
    assert said in shown, shown
    with KnowledgeBase(home) as kb:
        assert len(kb.documents()) == 5 + added
    open_page(at, "检索")  # the app goes on answering
    at.text_input(key="search_query").input("外包工程").run()
    assert not at.exception
