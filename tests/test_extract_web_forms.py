"""Forms real web copies of notices take (issue 19), each in words of our own: a mirror's
pinyin glosses, a 责任单位 label under words naming a lead or co, a name never running over a
line, bodies a lead organises, issuers of a document that lists what it requires."""
from ingest.normalize import normalize
from tests.notices import owners, parse, task_with

GLOSSED = ("（三）6月5日前，縣安監(jiān)局牽(qiān)頭，會(huì)同縣消防大隊開展檢查。\n"
           "責(zé)任單(dān)位：各鄉(xiāng)鎮(zhèn)政府。\n"
           "（四）6月9日前，各鄉(xiāng)鎮(zhèn)開展宣傳。\n")


def test_pinyin_glosses_are_read_through_and_kept_in_what_is_shown(tmp_path):
    parsed = parse(tmp_path, GLOSSED, header="青石縣安全生產(chǎn)月活動方案\n")
    task = task_with(parsed, "開展檢查")
    assert owners(task) == {"lead": ["縣安監(jiān)局"], "co": ["縣消防大隊"],
                            "responsible": ["各鄉(xiāng)鎮(zhèn)政府"]}
    assert "牽(qiān)頭" in task.text  # the words as the copy writes them
    assert owners(task_with(parsed, "開展宣傳")) == {"responsible": ["各鄉(xiāng)鎮(zhèn)"]}


def test_a_few_brackets_of_latin_letters_are_no_glosses():
    assert normalize("企业(ppp)项目和园区(a)与(b)").text == "企业(ppp)项目和园区(a)与(b)"


def test_a_responsible_label_under_words_naming_a_lead_and_co(tmp_path):
    parsed = parse(tmp_path, "（八）6月13日，县安委办牵头，会同有关单位开展安全咨询活动。\n责任单位：县安委办及安委会成员单位。\n"
                             "（九）县应急局开展隐患排查。\n责任单位：县应急局。\n")
    assert owners(task_with(parsed, "安全咨询")) == {"lead": ["县安委办"], "co": ["有关单位"],
                                                  "responsible": ["县安委办", "安委会成员单位"]}
    assert owners(task_with(parsed, "隐患排查")) == {"responsible": ["县应急局"]}


def test_a_name_never_runs_over_a_line(tmp_path):
    parsed = parse(tmp_path, "三、责任分工\n（二）燃气安全领域\n镇应急办牵头，开展燃气隐患排查。\n")
    assert owners(task_with(parsed, "燃气隐患排查")) == {"lead": ["镇应急办"]}


def test_bodies_the_lead_organises_are_co_and_persons_among_them_are_not(tmp_path):
    parsed = parse(tmp_path, "一、镇应急办牵头，组织各村（居）委会及网格员开展入户排查。\n")
    assert owners(task_with(parsed, "入户排查")) == {"lead": ["镇应急办"], "co": ["各村（居）委会"]}


def test_the_issuers_of_a_document_do_not_own_what_it_requires(tmp_path):
    parsed = parse(tmp_path, "近日，省住建厅、省公安厅等8部门联合出台《关于加强燃气安全的意见》，要求6月底前完成调查摸底。\n",
                   header="我省出台意见加强燃气安全\n")
    assert owners(task_with(parsed, "调查摸底")) == {}
    plan = parse(tmp_path, "一、县应急局6月底前印发《燃气整治方案》。\n", name="plan.txt")
    assert owners(task_with(plan, "燃气整治方案")) == {"responsible": ["县应急局"]}
