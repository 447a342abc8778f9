"""How notices write a deadline, as data: one named pattern per form, with its kind.

Kinds decide precedence (``ingest.dates``): an *explicit* deadline ("…前", "…内", a range's
end) beats a *loose* one ("到2026年", "2024年，…"); a *recurring* one ("每年3月底前") counts
only when nothing else is given, as its first due date; an *ongoing* one ("长期坚持") is kept
as written with no date. A form without a year takes the document's year, and the task says
that the year was inferred. A new form is one line here and one example in tests/test_dates.py.
"""
from __future__ import annotations

import re

_Y = r"(?P<y>(?:19|20)\d{2})\s*年"
_CN_N = r"\d+|[一二两三四五六七八九十]+"
_BEFORE = r"(?:前|之前|以前)"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"  # 3 / 03 / 三 / 十二
_PART = r"(?:底|末|初|上中旬|中下旬|上旬|中旬|下旬)"
_DONE = r"\s*(?:全面|全部|基本|正式)?(?:完成|结束|办结|建成|完工|到位|投用|投入使用)"  # words saying work is done

# (name, kind, pattern). Tried together; where matches overlap the earlier-starting and then
# the longer one wins, so a range is read as a range, not as its two ends.
DEADLINE_FORMS: tuple[tuple[str, str, re.Pattern], ...] = tuple(
    (name, kind, re.compile(rx)) for name, kind, rx in (
        # 2024年5月底前 / 2021年12月31日前 / 2024年4月初之前 / 2024年4月10前 / 2024年底前 / 2022年年底前 / 2025年前 / 到2025年12月底前
        # (with its 到, so the words are taken whole rather than as the loose 到2025年12月底)
        ("year_month_before", "explicit",
         rf"(?<!每)(?:(?<!截)(?:到|至)\s*)?{_Y}(?:(?P<m>\d{{1,2}})\s*月份?(?:\s*(?P<d>\d{{1,2}})\s*日?)?{_PART}?|(?P<ye>年?[底末]))?{_BEFORE}"),
        # 于2024年6月30日完成 / 截止2024年9月 (a date the work is due on; 截至 is progress)
        ("due_on", "explicit",
         rf"(?:于|在|定于|截止到?)\s*{_Y}\s*(?P<m>\d{{1,2}})\s*月(?:\s*\d{{1,2}}\s*日)?(?!\s*\d)(?!\s*{_PART}?\s*(?:前|之前|以前|起|至|到))"),
        # 2019年1月1日至12月31日 / 2024年3月—2024年6月 / 2021年9月至11月底 / 2025年7月中旬至9月中旬
        # (2016年11月1日起至3月底: a range past the year's end ends in the next)
        ("range_end", "explicit",
         rf"{_Y}\s*(?P<m1>\d{{1,2}})\s*月(?:\s*\d{{1,2}}\s*日)?{_PART}?\s*起?\s*(?:—+|-+|－|–|~|～|至|到)\s*"
         rf"(?:(?P<y2>(?:19|20)\d{{2}})\s*年)?\s*(?P<m>\d{{1,2}})\s*月(?:\s*\d{{1,2}}\s*日)?{_PART}?"),
        # 从2019年1月1日起，实施三年 (the end: 2021-12-31)
        ("run_for_years", "explicit",
         rf"{_Y}\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?起[，,]?\s*(?:实施|执行|试行|有效期)(?P<n>{_CN_N})年"),
        # 本方案印发后10日内 / 印发之日起3个月内
        ("after_issue", "explicit",
         rf"(?:本方案|本通知|本意见|本规划|本办法|本计划|文件)?(?:印发|发布|下发|实施)(?:后|之日起)\s*"
         rf"(?P<n>{_CN_N})\s*(?P<unit>个工作日|个月|日|天|月|周)内"),
        # 5年内 / 2012年起5年内 (not a benefit's length: 享受3年内…; not a time since an event
        # that makes someone eligible: 离校5年内的毕业生, 注册3年内的企业)
        ("within_years", "explicit",
         rf"(?<!享受)(?<!享有)(?<!给予)(?<!最长)(?<!连续)(?<!期限)(?<!离校)(?<!毕业)(?<!成立)(?<!注册)"
         rf"(?<!设立)(?<!创办)(?<!入驻)(?<!落户)(?<!结案)(?<!之后)(?<!以后)(?:{_Y}起[，,]?)?(?<!\d)(?P<n>\d{{1,2}}|[一二两三四五六七八九十]+)年内(?!容)"),
        # 2025年内 / 2025年以内 (within that year: its end)
        ("within_year", "explicit", rf"{_Y}(?:年)?(?:内|以内)(?!容)"),
        # 6月1日至30日 / 6月1日—7月15日 (an activity's period: its end; no year: the document's)
        ("month_range_end", "explicit",
         r"(?<![\d年])(?P<m1>\d{1,2})\s*月\s*\d{1,2}\s*日\s*起?\s*(?:—+|-+|－|–|~|～|至|到)\s*(?:(?P<m>\d{1,2})\s*月)?\s*\d{1,2}\s*日"),
        # 今年11月1日起至明年3月底 / 11月至次年3月 (a period running into the next year)
        ("named_year_range_end", "explicit",
         rf"(?:(?:今年|本年度?|当年)|(?<![\d年]))(?P<m1>{_MONTH})\s*月(?:\s*\d{{1,2}}\s*日)?{_PART}?\s*起?\s*(?:—+|-+|－|–|~|～|至|到)\s*"
         rf"(?P<rel>次年|明年|翌年)(?P<m>{_MONTH})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?"),
        # 7月中旬至9月中旬 / 8月—9月 / 8月至9月底 (a period of months: its end; no year: the document's;
        # 11月1日至3月31日 runs into the next year)
        ("month_span_end", "explicit",
         rf"(?<![\d年每.．/])(?P<m1>\d{{1,2}})\s*(?:月(?:{_PART}|份)?)?\s*(?:起\s*)?(?:—+|-+|－|–|~|～|至|到)\s*(?P<m>\d{{1,2}})\s*月{_PART}?"),
        # 2025年11月完成 / 11月上旬完成 / 2025年底建成 (the date the work is done, with no 前)
        ("done_in_year_month", "explicit",
         rf"(?<!每){_Y}(?:(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?|(?P<ye>[底末]))(?={_DONE})"),
        ("done_in_month", "explicit", rf"(?<![\d年每])(?P<m>\d{{1,2}})\s*月份?(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?(?={_DONE})"),
        # 于12月下旬开展督导 / 四月上旬，区安办汇总 / 次年3月中旬 (a ten-day part of a month is when the
        # work is scheduled; not a start or a range's left end)
        ("month_part_scheduled", "explicit",
         rf"(?<![\d年每〇一二三四五六七八九十])(?P<rel>今年|本年度?|当年|次年|明年|翌年)?(?P<m>{_MONTH})\s*月份?(?:上中旬|中下旬|上旬|中旬|下旬)"
         r"(?!\s*(?:前|之前|以前|起|开始|以来|至|到|—|-|－|–|~|～))"),
        # 总结验收阶段（11月） / （2025年11月底） (a bracket holding only a month is when its work is due)
        ("bracketed_month", "explicit",
         rf"(?<=[（(])\s*(?:{_Y})?(?P<m>{_MONTH})\s*月份?(?:\s*\d{{1,2}}\s*日)?{_PART}?{_BEFORE}?(?=\s*[）)])"),
        # 于12月20日开展 / 定于6月完成 (a date the work is set for, with no year: the document's)
        ("due_on_month", "explicit",
         rf"(?<=于)\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*\d{{1,2}}\s*日)?{_PART}?"
         r"(?=\s*(?:前)?\s*(?:完成|开展|组织|进行|报送|上报|实施|整改|建成|落实))"),
        # 本月底前 / 下月10日前 / 次月5日前 (months named from the issue date)
        ("named_month_before", "explicit", rf"(?<!每月)(?<!每)(?P<rel>本月|当月|下月|次月)(?:(?P<d>\d{{1,2}})\s*日|底|末)?{_BEFORE}"),
        # 持续至6月30日 / 延续到2024年9月底 (the end of a period under way)
        ("lasting_until", "explicit",
         rf"(?:持续|延续|延长|进行)(?:到|至)\s*(?:{_Y})?(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?"),
        # 每月25日前 / 每月底前 (recurring, kept as written with no date)
        ("every_month_before", "recurring", rf"每(?:个)?月(?:(?P<d>\d{{1,2}})\s*日|底|末)?{_BEFORE}"),
        # 三月底前 / 十二月中旬前 (months in Chinese numerals; no year: the document's)
        ("cn_month_before", "explicit", rf"(?<![\d年每〇一二三四五六七八九十])(?P<m>{_MONTH})月{_PART}?{_BEFORE}"),
        # 即日起至9月底 / 自通知印发之日起至2024年6月30日 (the end of a period that starts now)
        ("from_now_until", "explicit",
         rf"(?:即日|今日|现在|[^，,。；;]{{0,8}}之日)起?\s*(?:至|到)\s*(?:{_Y})?(?P<m>\d{{1,2}})\s*月"
         rf"(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?"),
        # 2019年起，每年2月底前 / 每年3月底前 (the first due date)
        ("every_year_before", "recurring",
         rf"(?:{_Y}起[，,]?\s*)?每年(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?{_BEFORE}"),
        # 今年10月底前 / 本年度6月前 (this year: the document's) / 次年3月底前 / 明年1月前 (the next)
        ("named_year_month_before", "explicit",
         rf"(?P<rel>今年|本年度?|当年|次年|明年|翌年)(?P<m>{_MONTH})月(?:\s*(?P<d>\d{{1,2}})\s*日)?{_PART}?{_BEFORE}"),
        # 6月1日前 / 3月底前 / 9月20前 (no year: the document's)
        ("month_before", "explicit",
         rf"(?<![\d年每])(?P<m>\d{{1,2}})\s*月份?(?:\s*(?P<d>\d{{1,2}})\s*日?)?{_PART}?{_BEFORE}"),
        # 至10月中旬，全面完成… (the work runs until a month's part: its due time)
        ("until_month_part", "explicit",
         rf"(?<![\d年每])(?:至|到)\s*(?P<m>\d{{1,2}})\s*月{_PART}(?![^，,。；;]{{0,6}}?(?:起|开始))"),
        # 2025.6.30前 / 2025-06-30之前 / 2025/6前 (a date written in figures, in running text)
        ("numeric_date_before", "explicit",
         r"(?<![\d.．/／\-－])(?P<y>(?:19|20)\d{2})\s*[./／\-－]\s*(?P<m>1[0-2]|0?[1-9])(?:\s*[./／\-－]\s*[0-3]?\d)?"
         rf"(?![\d.．/／\-－])\s*{_BEFORE}"),
        # 2024年上半年 / 下半年
        ("half_year", "explicit", rf"(?:{_Y})?(?P<h>上半年|下半年)(?:{_PART}?{_BEFORE})?"),
        # 2024年第三季度 / 第二季度 / 2025年一季度 (一季度 alone may be a cadence: 一季度一检验)
        ("quarter", "explicit", rf"(?:{_Y}第?|第)(?P<q>[一二三四1-4])季度(?:{_PART})?{_BEFORE}?"),
        # 二季度末前 / 三季度前
        ("quarter_before", "explicit", rf"(?<![\d年第一二三四每])(?P<q>[一二三四1-4])季度(?:{_PART}?{_BEFORE}|[末底])"),
        # 年底前 / 年内 / 今年底 (not 每年年底)
        ("year_end", "explicit", r"(?<![\d每一二三四五六七八九十两])(?<!每年)(?:(?:今年|本年度?)(?:年底|年末)|年[底末](?:前|之前|以前)|年内)"),
        # 3月份 (a table's time column)
        ("month_of", "explicit", r"(?<![\d年每])(?P<m>\d{1,2})\s*月份"),
        # 力争2025年 / 力争到2026年底
        ("strive_for", "loose", rf"力争(?:在|到|于)?{_Y}(?:(?P<m>\d{{1,2}})\s*月)?(?P<ye>底|末)?{_BEFORE}?"),
        # 到2025年 / 至2027年底 / 从现在起到2026年 (截至 is progress, not a deadline)
        ("until", "loose",
         rf"(?<!截)(?<!有效期)(?:从现在起)?(?:到|至)\s*{_Y}(?:(?P<m>\d{{1,2}})\s*月(?:\s*\d{{1,2}}\s*日)?)?(?P<ye>底|末)?"),
        # 2024—2026年 (a period's end)
        ("year_span", "loose", r"(?P<y1>(?:19|20)\d{2})\s*年?\s*(?:—+|-+|－|–|~|～|至|到)\s*(?P<y>(?:19|20)\d{2})\s*年"),
        # a clause opening with a bare year: "2024年，按照…"
        ("year_clause", "loose", rf"(?:^|(?<=[。；;！\n]))\s*{_Y}\s*[，,]"),
        # 6月16日 / 2024年6月 on their own (only where a deadline is expected: a label or a cell)
        ("date_alone", "explicit", rf"^(?:{_Y})?(?P<m>\d{{1,2}})\s*月(?:\s*\d{{1,2}}\s*日)?(?:{_PART})?$"),
        # 2025.12 / 2025/12/31 / 2025-12-31 / 2025年 / 2025年度 / 年底 (only where a deadline is expected)
        ("numeric_date", "explicit", r"^(?P<y>(?:19|20)\d{2})\s*[./／\-－]\s*(?P<m>1[0-2]|0?[1-9])(?:\s*[./／\-－]\s*\d{1,2})?$"),
        ("year_alone", "explicit", rf"^{_Y}(?:度|全年)?(?:底|末)?$"),
        ("year_end_alone", "explicit", r"^(?:年底|年末|年内|本年度|今年)$"),
        # 长期坚持 / 持续推进 / 常态化 (only where a deadline is expected: a label or a cell)
        # 每月 / 每季度 / 定期 (a cadence: kept as written with no date)
        ("ongoing", "ongoing", r"^(?:长期坚持|长期|持续推进|持续开展|常态化推进|常态化开展|常态化|持续"
                               r"|每周|每旬|每月|每季度|每半年|每年|按月|按季度?|定期)$"),
    ))

# Where a deadline is expected (a label's value, a table cell), the ongoing forms count too.
ONGOING_FORMS = {"ongoing", "date_alone", "numeric_date", "year_alone", "year_end_alone"}
