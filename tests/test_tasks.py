"""Task extraction end to end on a notice written in a style the sample corpus does not use."""
from ingest.pipeline import parse_file

NOTICE = """某某市应急管理局文件
某应急发〔2023〕12号
关于印发《某某市2023年危险化学品安全专项整治工作方案》的通知
各区县应急局：
某某市应急管理局
2023年3月1日
一、工作目标
到2023年底，全市危险化学品事故起数同比下降10%。
二、重点任务
（一）开展重大危险源专项检查。对全市重大危险源企业每季度至少检查1次。牵头部门：市应急局；配合部门：市公安局、市生态环境局；完成时间：2023年6月30日前。
（二）推进化工园区安全整治提升。园区安全风险评估覆盖率达到100%。（市工信局牵头，市应急局、市自然资源局配合）
（三）加强危险货物道路运输监管。由市交通运输局负责，市公安局交警支队配合，全年查处违法行为不少于200起。
（四）开展隐患排查。本方案印发后1个月内完成自查。
"""


def test_other_notice_style(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    parsed = parse_file(path)
    doc = parsed.document
    assert (doc.title, doc.number, doc.issuer, doc.date) == (
        "某某市2023年危险化学品安全专项整治工作方案", "某应急发〔2023〕12号", "某某市应急管理局", "2023-03-01")
    tasks = {t.title: t for t in parsed.tasks}
    check = tasks["开展重大危险源专项检查"]
    assert (check.lead_units, check.co_units) == (["市应急局"], ["市公安局", "市生态环境局"])
    assert (check.deadline, check.deadline_norm) == ("2023年6月30日前", "2023-06")
    assert any("1次" in m for m in check.metrics)
    park = tasks["推进化工园区安全整治提升"]
    assert (park.lead_units, park.co_units) == (["市工信局"], ["市应急局", "市自然资源局"])
    assert any("100%" in m for m in park.metrics)
    transport = tasks["加强危险货物道路运输监管"]
    assert (transport.lead_units, transport.co_units) == (["市交通运输局"], ["市公安局交警支队"])
    assert tasks["开展隐患排查"].deadline_norm == "2023-04"  # one month after 2023-03-01
    # every task's span points at its words in the file
    for task in parsed.tasks:
        assert doc.text[task.start:task.end].replace("\n", "") == task.text.replace("\n", "")
