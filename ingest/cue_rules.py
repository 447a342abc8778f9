"""The words a notice uses to assign work and to date it, as data, for the coverage self-check
(``bench/coverage.py``): a text whose role cues and dates end up in no task shows where the
task extractor misses, without any gold.

- ``ROLE_CUES``: every role cue word (牵头, 配合, 负责, 责任单位 …), name -> exact word pattern.
- ``SET_ASIDE``: cue occurrences that are deliberately not owner assignments (a meeting's
  participants, a principle, a person's title …), as (name, pattern, why). Each row is a
  decision: a pattern set too wide would hide a miss, so each is kept as narrow as the shape.
- ``DATE_EXPRESSIONS``: every date form, name -> pattern; the deadline forms of
  ``ingest.deadline_rules`` are reused as they are, and only forms they lack are added here.
- ``DOCUMENT_DATES``: dates that belong to the document or to a reported event rather than to a
  task (its issue or publication date, a meeting's date, "截至…"), as (name, pattern, why).

Half- and full-width punctuation are accepted alike. A new row is one line here plus its
example in tests/test_cue_rules.py.
"""
from __future__ import annotations

import re

from ingest.deadline_rules import DEADLINE_FORMS, ONGOING_FORMS
from ingest.owner_rules import CONVENTIONS

# ---- role cues ---------------------------------------------------------------------------------
# name -> pattern. Where two cues overlap (分工负责 holds 负责) the longer one is the cue.
ROLE_CUES: dict[str, re.Pattern] = {name: re.compile(rx) for name, rx in (
    ("牵头", r"牵头"),
    ("配合", r"配合"),
    ("协同", r"协同"),
    ("协助", r"协助"),
    ("协办", r"(?<!政)协办"),  # not 政协办公厅
    ("参加", r"参加"),
    ("参与", r"参与"),
    ("负责", r"负责"),
    ("分工负责", r"(?:按照?职责)?分工负责"),
    ("责任单位", r"责任(?:单位|部门|主体|科室)"),
    ("会同", r"(?<![社与])会同(?!意|时|志)"),  # not 社会同步, 大会同意, 会同时, 与会同志
    ("带队", r"带队"),
    ("组织实施", r"组织实施"),
    ("主责", r"主责(?:单位|部门)"),
    ("主办", r"主办(?:单位|部门)"),
    ("承办", r"承办(?!要求|意见|事项)(?:单位|部门)?"),  # not 请根据承办要求 (a cover letter's words)
)}

# ---- cue occurrences that are not owner assignments --------------------------------------------
_MEETING = r"(?:会议|座谈会?|调研|活动|仪式|视察(?:活动)?|考察(?:活动)?|[\u4e00-\u9fff]{0,12}?(?:推进会|调度会|部署会|视频会|培训会|动员会|联席会|工作会|例会|专题会))"
_ROLE_NOUN = r"(?:牵头|责任|配合|协同配合|协同|协办|主责)(?:单位|部门|主体)"
SET_ASIDE: tuple[tuple[str, re.Pattern, str], ...] = tuple(
    (name, re.compile(rx), why) for name, rx, why in (
        # who was there
        ("meeting_participants", rf"(?:出席|参加|列席|参与)(?:了|本次|此次)?{_MEETING}"
                                 r"|(?:负责人|负责同志|有关领导|同志|[\u4e00-\u9fff]员)等?(?:参加|出席|列席)(?=[。，,；;、\s]|$)"
                                 r"|(?:[省市县区镇]|[省市县区]委|[省市县区]政府)?领导[^。；;\n]{0,40}?(?:参加|出席)(?=[。，,；;]|$)"
                                 r"|召集[^。；;\n]{0,20}?(?:参加|出席|列席)"
                                 r"|(?:参加|出席|列席)[^。；;\n]{0,16}?(?:组织|召开|主持)的[^。；;\n]{0,8}?(?:会商|会议)"
                                 r"|由[^。；;\n]{2,30}?(?:参加|出席|列席)的[^。；;\n]{0,30}?会",
         "who attended a meeting or a visit is reported, not given work (…负责人参加会议 / …负责人参加。)"),
        # persons
        ("person_title", r"负责(?:人|同志)|(?:主要|分管)负责(?=\s*$)|(?:专人|有人)负责|负责[\u4e00-\u9fff]{1,12}的(?:同志|人员|处室|科室)"
                         r"|负责[\u4e00-\u9fff]{1,12}(?:处室|科室)的|直接负责的主管人员",
         "a person's title (主要负责人, 负责同志; cut at the end of an excerpt), a person (明确专人负责 / 有人负责), "
         "or the office within a body that handles a field (负责食品安全工作的处室); 直接负责的主管人员 of a penalty article"),
        ("persons_take_part", r"专家(?:积极|广泛)?参与|参与[\u4e00-\u9fff]{0,6}?的?专家"
                              r"|\d+\s*(?:余|多)?(?:人|名)[^，,。；;\n]{0,4}?参加"
                              r"|(?:领导|负责人|书记|局长|县长|市长|主任)(?:同志)?(?:率队|带队)|率队会同|带队(?:领导|负责人|同志)"
                              r"|(?:负责人|人员|代表|委员)[^。；;\n]{0,6}?(?:参加|参与)[^。；;\n]{0,16}?(?:培训|学习|考试|考核|视察|活动|授课|研讨|讲座|直播)"
                              r"|(?:人员|工匠|志愿者|群众)(?:广泛|积极|主动)?参与|[，,]\s*(?:亲自)?带队(?:督导|检查|督查|调研|暗访|巡查)",
         "persons who take part or lead a team (专家参与 / 100余人参加 / 局领导带队), not units given work"),
        ("post_holder", r"(?:主任|组长|局长|书记|同志|专员)[，,]\s*(?:牵头|具体)?负责"
                        r"|(?:主任|组长|局长|书记|专员|站长|所长)[\u4e00-\u9fff]{2,3}(?:具体|牵头)负责"
                        r"|(?:责任人|网格员|协管员|信息员|联络员|安全员)(?:具体)?负责|(?:正副|副)?(?:主任|局长|组长)协助"
                        r"|(?:人员|管理员|照管员)[，,]?\s*(?:具体)?负责|(?:专职|专门|工作)?力量负责"
                        r"|牵头[\u4e00-\u9fff]{0,3}分管(?:领域|行业|部门|工作)",
         "a post and what its holder does (…兼任办公室主任，负责…): a person, not a unit"),
        ("lead_official", r"牵头(?:领导|市领导|县领导|区领导)|由(?:[镇乡县市区局]|分管|主要)?领导(?:同志)?牵头(?:负责)?",
         "a person who leads (牵头领导：分管副市长 / 由镇领导牵头负责), not a unit"),
        # principles, attitudes, slogans
        ("tiered_principle", r"(?:分级|属地|分类|逐级|层级|层层|分部门)+负责(?=[、，,。；;\s]|原则|制|$)"
                             r"|(?<=[、，,])(?:分级|属地)负责|守土负责"
                             r"|(?:[\u4e00-\u9fff]{2,8}、){2,}[\u4e00-\u9fff]{2,8}的?[\u4e00-\u9fff]{0,6}?(?:原则|格局|体制|体系|机制)",
         "a principle of the work (统一领导、分级负责 / 守土有责、守土负责 / 政府组织、部门分工负责、群众参与的原则), "
         "not an assignment"),
        ("whoever_principle", r"谁\s*[\u4e00-\u9fff]{1,4}\s*[、，,]?\s*谁\s*(?:负责|牵头)",
         "the principle 谁主管谁负责 / 谁审批谁负责"),
        ("leadership_formula", r"(?:党委|党政)(?:统一)?领导、政府负责|(?:生产经营单位|企业)负责、职工参与"
                               r"|(?<=、)企业负责(?=[、”\"]|$)"
                               r"|[“\"](?:[^”\"\n、，,。；;]{2,12}、){2,}[^”\"\n、，,。；;]{2,12}[”\"]",
         "a statutory formula (党委领导、政府负责 / 企业负责、职工参与、政府监管…), or any formula of three or more "
         "short parts quoted whole (“政府统一领导、部门依法监管、使用单位全面负责”)"),
        ("responsible_attitude", r"负责(?:任|的(?:态度|精神|作风))|高度负责(?=[，,。；;]|$)|责任主体意识",
         "an attitude (以高度负责的态度, 负责任), not a role"),
        ("named_system", r"负责制(?![订定作])",
         "the name of a system (总指挥负责制, 行政首长负责制)"),
        ("public_participation", r"(?:社会|社会各界|社会力量|全民|全员|群众|公众|人人)的?(?:共同|广泛|积极|主动)?参与"
                                 r"|参与(?:度|率|感|式|者)|营造[^。；;\n]{0,16}?参与[^。；;\n]{0,10}?氛围",
         "the public's or everyone's part (全社会共同参与), or a measure of it (参与度)"),
        ("encouraged_participation", r"(?:支持|鼓励|引导|吸引|动员)[^，,。；;\n]{0,30}?参与|企业(?:深度|积极|广泛|主动)?参与",
         "firms or the public encouraged to take part (鼓励企业参与): regulated parties are never owners"),
        ("eligibility", r"(?:均|即|皆|都)可(?:以)?(?:参加|参与)|参加企业|参加[\u4e00-\u9fff]{0,8}?(?:考试|考核|竞赛|比赛|检验|年检|年审|保险)",
         "who may take part (均可参加 / 参加企业), or persons or vehicles sitting an exam or an inspection "
         "(参加医师资格考试 / 按期参加年度检验)"),
        ("cooperate_closely", r"(?:(?:加强|密切|相互|通力|紧密)(?:部门间?|上下)?(?:协作|协调|协同)?|协调)配合(?=[，,。；;、\s]|$|机制)"
                              r"|的(?:沟通衔接|沟通|衔接|协调|协作)?和?配合(?=[，,。；;、与下])",
         "cooperation with no object (加强部门协调配合，/ 部门间的沟通和配合), or a mechanism's name"),
        ("cooperative_capability", r"协同(?:联动|会商|高效|共治|共管|作战|治理|发展|创新|育人|作用|能力|应用|办公|平台|机制|增效|支持|型|共享|联盟|效应)"
                                   r"|(?:上下|左右|横向|纵向|相|政策|多元主体|主体|资源|数据|信息|产学研)协同"
                                   r"|协同推进(?=[，,。；;、])|协同[\u4e00-\u9fff]{0,4}?的?(?:工作)?格局",
         "a capability, principle or goal (反应灵敏、协同联动 / 区域协同发展), not who does what"),
        ("quoted_slogan", r"[“\"][^”\"\n]{0,8}?(?:协同|配合|参与|负责)[^”\"\n]{0,8}?[”\"]",
         "a slogan or a platform's name in quotes (“一网协同”)"),
        ("cover_letter", r"请[^。；;\n]{0,12}?(?:认真)?组织实施",
         "the 印发 formula asks the addressees to carry out the attached plan as a whole"),
        ("carry_out_well", r"(?:严格|认真|精心|切实|抓好|狠抓|加强|统一)组织实施(?=[，,。；;、\s]|$)|组织实施到位|(?<=、)组织实施(?=、)"
                           r"|分[一二三四五六七八九十\d]+个?阶段(?:组织)?实施|方可(?:组织)?实施",
         "how the work is carried out (严格组织实施。/ 分三个阶段组织实施), with no object and no one named"),
        # talk about owners rather than an owner
        ("addressee_line", r"(?m)^(?=[^\n]*[，,、])[^\n。；;：:]{0,60}?(?:牵头|责任)(?:单位|部门)[^\n。；;：:]{0,40}?[：:][ \t]*$",
         "the addressees of a notice, several and ending in a colon (有关市…牵头部门，有关单位：)"),
        ("disclosure_box", r"公开责任部门|(?:^|(?<=\n))\s*责任部门\s*[:：][^\n]{2,30}?(?:发布|成文|生成)日期",
         "a field of a web page's 信息公开 box: who publishes, not who works"),
        ("membership_list", r"(?:为|作为|是)[\u4e00-\u9fff]{0,12}?成员单位|由[^。；;\n]{2,80}?(?:参加|参与)?组成"
                            r"|(?:选派|抽调|派出)[\u4e00-\u9fff]{0,6}?人员参加",
         "who makes up a body or team, not who does a task"),
        ("name_the_owner", rf"(?:明确|列出|列明|确定)[\u4e00-\u9fff]{{0,12}}?{_ROLE_NOUN}(?:[、和及与]{_ROLE_NOUN})*",
         "an instruction to name owners, or a report that they were named (明确整改责任单位 / 列出牵头单位、配合单位)"),
        ("report_heard", rf"听取[^。；;\n]{{0,12}}?{_ROLE_NOUN}",
         "a meeting heard the owners report (听取各责任单位汇报): past, not an assignment"),
        ("convention_note", "|".join(pattern.pattern for _, pattern in CONVENTIONS),
         "the document's convention for lists of owners (列第一位者为牵头单位), the owner_rules' own patterns"),
        ("leading_function", r"发挥[\u4e00-\u9fff]{0,6}?牵头[\u4e00-\u9fff]{0,4}?作用",
         "a body's standing function (发挥牵头抓总作用), not the owner of a task"),
        ("owners_in_general", rf"(?:各|有关|相关|主要)?{_ROLE_NOUN}的?(?:主要|分管|相关)?(?:负责人|负责同志|领导)"
                              rf"|(?:主要|牵头)?{_ROLE_NOUN}[^，,。；;：:\n]{{0,4}}?(?:与|和|同|及)(?:各|有关|相关|协同)?{_ROLE_NOUN}"
                              rf"|{_ROLE_NOUN}(?:和|与|及)(?:各|有关|相关)?(?:力量|方面)"
                              rf"|(?:督促|指导|要求|压实|推动|协调)[\u4e00-\u9fff]{{0,6}}?(?:各|有关|相关){_ROLE_NOUN}"
                              rf"|{_ROLE_NOUN}(?:和|及|与)?(?:责任人员|责任人|有关人员)[^。；;\n]{{0,12}}?(?:追究|问责|处理|处分)"
                              rf"|涉及的?{_ROLE_NOUN}|(?<=要)与(?:各|有关|相关)?{_ROLE_NOUN}|不力的(?:有关|相关)?{_ROLE_NOUN}|(?:参与|参加)[\u4e00-\u9fff]{{1,6}}?的(?:单位|部门)",
         "owners spoken of in general, no body named (各责任单位主要负责人 / 牵头单位与配合单位加强沟通 / "
         "督促各责任单位… / 参与检查的单位)"),
        ("everyone_joins", r"各(?:方|方面|部门|单位|地|级)[^，,。；;\n]{0,8}?(?:要|应)?(?:全力|积极|主动|密切|共同)?(?:协同配合|协同|配合|参与)"
                           r"|多方(?:共同|广泛)?参与",
         "everyone asked or reported to take part (各方要全力配合 / 各地积极参与), no body named"),
        ("cooperation_as_noun", r"协同性|(?:^|(?<=[，,；;。、\n]))协同(?:推进|发力)|加强协同(?=[，,。；;])|(?<=要)协同(?=做好|推进|发力)|(?:业务|医防|区域|部门|军地|政企|警地|多部门|跨部门)协同(?=[、，,。；;和与]|$)"
                                r"|与[^，,。；;\n]{1,12}?协同(?=[，,。；;])",
         "协同 as a manner or a noun with no owner (…，协同推进“四个全面” / 医防协同、 / 加强与专班协同，)"),
        ("reported_done", r"(?:带队|率队|会同|参与|参加|配合|牵头)[^。；;\n]{0,60}?(?<![为除])了(?!解)|(?:此次|本次)(?:参与|参加)",
         "a news report of work done (…带队督导检查了… / 会同安监办开展了…): past, not an assignment"),
        ("in_support_of", r"为(?:了)?(?:配合|协助)|配合上级",
         "the purpose of the work (为配合公安集中行动，…): whom it supports, not who is given it"),
        ("offence", r"(?:非法|违法|违规|擅自)(?:参与|参加)",
         "an offence described (船舶非法参与运营), not a role"),
        ("page_furniture", r"参与(?:评论|讨论|互动|投票|调查)|对其真实性负责|(?:主办|承办|协办)[：:][^\n]{0,30}?(?:电视台|网站|网|报社|中心)"
                           r"|公开形式[^\n]{0,20}?责任部门",
         "a web page's links (打开客户端，参与评论)"),
        ("step_title", r"(?m)^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*组织实施[\u4e00-\u9fff]{0,10}\s*$",
         "a step's title (（三）组织实施关闭) names what is done, no body: its owners are in its text"),
        ("regulated_organiser", r"(?:主办|承办)单位(?:应当|应|须|必须)|(?:主办|承办)单位的?(?:消防)?安全(?:责任|措施)",
         "the duties a rule gives an event's organiser (主办单位应当… / 检查主办单位消防安全责任落实): a regulated "
         "party, not a unit given work"),
        ("cut_head", r"\A[ \t]*[（(](?!一[)）])[二三四五六七八九十]{1,3}[)）][^\n]*\n+(?:[ \t]*[（(][二三四五六七八九十]{1,3}[)）][^\n]*\n+)*"
                     r"|\A[ \t]*(?!1[.、．])\d{1,2}[.、．][^\n]*\n+(?:[ \t]*\d{1,2}[.、．][^\n]*\n+)*",
         "an excerpt that opens inside a list (its first item 4. or （二）): the holder named above the list was cut "
         "off with the page's head, so its items' duties have no one to attach to"),
        ("manner_of_taking_part", r"(?:积极|主动|广泛|踊跃|共同)(?:参与|参加)(?=[，,。；;、\s]|$)",
         "taking part with nothing named to take part in (市政协积极参与，…): a manner, no work given"),
        ("table_header", r"(?:牵头|配合|协同|协办|责任|主责)(?:单位|部门)(?=[ \t\u3000]*(?:[|\t\n]|$|(?:牵头|配合|协同|协办|责任|主责)"
                         r"(?:单位|部门)|完成(?:时限|时间)|备注))",
         "a table's header row (…重点任务 牵头单位 配合单位): names of columns, the owners are in the rows"),
        ("refusal", r"(?:拒不|不予|不)(?:配合|协助)",
         "someone refusing to cooperate (对拒不配合的住户…): an offender, not an owner"),
        ("cited_division", r"按照[^。；;\n]{0,40}?的?分工(?:安排|方案|要求)",
         "a division of work cited as the basis of what was done (按照局领导负责、各科室配合的分工安排)"),
    ))

# ---- date expressions --------------------------------------------------------------------------
_PART = r"(?:上旬|中旬|下旬|初|底|末)"
_DASH = r"(?:—+|-+|－|–|~|～|至|到)"
_YMD = r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
# Forms the deadline rules have for labels and cells only (anchored to a whole value) are left out.
_DEADLINE_DATES = tuple((name, pattern) for name, _, pattern in DEADLINE_FORMS if name not in ONGOING_FORMS)
_ADDED_DATES = tuple((name, re.compile(rx)) for name, rx in (
    # 2024年3月5日 / 2024年3月 (with a year and a month; a bare year is a title's or a period's,
    # and numeric dates such as 2024-03-05 are a web page's publication stamp: neither counts)
    ("year_month_day", r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"),
    # 3月5日 / 3月5号
    ("month_day", r"(?<![\d年])\d{1,2}\s*月\s*\d{1,2}\s*[日号]"),
    # 3月上旬 / 5月中旬 / 6月初
    ("month_part", r"(?<![\d年])\d{1,2}\s*月" + _PART),
    # 3—5月 / 3至5月
    ("months_span", rf"(?<![\d年])\d{{1,2}}\s*{_DASH}\s*\d{{1,2}}\s*月"),
    # 第一阶段（3月1日—15日）: a stage's dates in its heading
    ("stage_period", rf"阶段\s*[（(：:]\s*{_YMD}(?:{_PART})?(?:\s*{_DASH}\s*{_YMD}(?:{_PART})?)?"),
    # 每季度末前 / 每半年末 / 每年年底前 (每月…前 and 每年3月底前 are deadline forms)
    ("every_period", r"每(?:季度|季|半年|旬|周)(?:末|底|初)?(?:\s*\d{1,2}\s*[日号])?(?:前|之前|以前)"
                     r"|每(?:季度|季|半年)(?:末|底)|每年(?:年底|年末|底)(?:前|之前|以前)?"),
))
DATE_EXPRESSIONS: dict[str, re.Pattern] = dict(_DEADLINE_DATES + _ADDED_DATES)

# ---- dates of the document or of a reported event, not of a task -------------------------------
_DATE = (rf"(?:(?:19|20)\d{{2}}\s*年(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?)?{_PART}?"
         rf"|\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?{_PART}?)")
# After a date that must be whole and neither a deadline nor the start of a range (6月20日前 is due).
_WHOLE = r"(?!\s*(?:\d|[日号月年]|前|之前|以前|起|至|到|底|末|初|上旬|中旬|下旬|[—\-－–~～]))"
_CLOCK = r"(?:\s*[零一二三四五六七八九十两\d]{1,3}\s*[点时](?:\s*(?:\d{1,2}|[一二三四五]十[一二三四五六七八九]?)\s*分|半|整)?)"  # 上午九点 / 下午3时30分
_EVENT = r"(?:召开|举行|举办|主持|推进会|部署会|调度会|视频会|动员会|电视电话会|率(?=队|领|团|[^，。；;\n]{0,40}?(?:一行|督导|检查|调研|组))|带队|深入|来到|前往|赴|调研|走访|视察|会议|座谈)"
DOCUMENT_DATES: tuple[tuple[str, re.Pattern, str], ...] = tuple(
    (name, re.compile(rx, re.M), why) for name, rx, why in (
        ("date_line", r"^[ \t]*(?:[\u4e00-\u9fff（）()]{2,40}[ \t]*)?(?:19|20)\d{2}[ \t]*年[ \t]*\d{1,2}[ \t]*月"
                      r"(?:[ \t]*\d{1,2}[ \t]*日)?(?:印发|发布)?[。.]?[ \t]*$",
         "a line that is only a date (with a signature): the issue date"),
        ("signature", r"(?:人民政府|办公室|委员会|办事处|指挥部)[ \t]+(?:19|20)\d{2}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日(?=[ \t])",
         "a signature and its date run into the next line's words (…镇人民政府 2020年10月22日 …预案)"),
        ("published", rf"(?:发布|发表|成文|印发|发文|更新|生成|公开|实施|施行)(?:时间|日期)[\s|：:]{{0,8}}?{_DATE}"
                      rf"|(?:发布机构|发布日期|来源|作者)[：:][^\n]*\n(?:[ \t]*\n)*[ \t]*{_DATE}[ \t]*$",
         "a page's or a document's own date (发布日期：…)"),
        ("published_on", rf"{_DATE}{_WHOLE}\s*(?:正式)?(?:发布|印发|公布)(?![^。；;，,\n]{{0,8}}?(?:方案|通知|计划|办法|意见|要求|前))",
         "the day a body published the document (市科学技术局2026年5月25日发布)"),
        ("adopted", rf"{_DATE}{_WHOLE}[^。\n（()）]{{0,40}}?(?:印发|发布)的《|{_DATE}{_WHOLE}\s*经[^。\n]{{0,50}}?(?:通过|批准)|[（(]\s*{_DATE}[^。\n（()）]{{0,60}}?(?:通过|批准|发布|印发)"
                    rf"|{_DATE}{_WHOLE}[^。\n（()）]{{0,40}}?(?:发布|印发)\s*[）)]",
         "when the document was adopted or published (…经省委常委会会议审议通过)"),
        ("in_force", rf"{_DATE}\s*(?:起|开始)\s*(?:即将|正式)?\s*(?:施行|生效|(?:实施|执行)(?=[。；;，,\s]|$))"
                     rf"|{_DATE}\s*(?:\d{{1,2}}\s*时\s*)?起[，,]?\s*(?:启动|解除|终止|结束|调整)",
         "when a document takes effect"),
        ("valid_until", rf"有效期(?:至|到|为|截至)\s*{_DATE}",
         "how long the measures are valid (有效期至2027年12月31日): not work due"),
        ("comment_period", rf"(?:征求意见|征集|反馈)[^。\n]{{0,12}}?(?:截止|截至)(?:时间|日期)?(?:为|是|至|到)?\s*{_DATE}",
         "the end of a public consultation on a draft"),
        ("plan_period", r"[（(《]\s*(?:19|20)\d{2}\s*年?\s*[—\-－–~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[）)》]"
                        r"|(?:实施|规划|执行)期(?:限)?为\s*(?:19|20)\d{2}\s*年?\s*[—\-－–~～至到]+\s*(?:19|20)\d{2}\s*年",
         "the period a plan covers, in brackets after its title"),
        ("dateline", rf"{_DATE}\s*(?:\d{{1,2}}\s*[时:：]\s*\d{{1,2}}\s*分?)?\s*(?:讯|电(?=[\s(（?？]|$))"
                     rf"|(?:讯|消息[：:])\s*(?:[(（][^()（）\n]{{0,30}}[)）])?\s*{_DATE}",
         "a news report's dateline (海口2月27日讯) or the date its lead opens with (…讯(记者…)8月31日，/ 某某网消息：9月14日…)"),
        ("starts_on", rf"(?:自|从)\s*{_DATE}\s*(?:起|开始)(?![^。；;\n]{{0,40}}?(?:至|到|截止|为止|结束|—|－|~|～))",
         "the day work starts, with no end in its sentence (会议要求，自11月8日起，面向全市发放…): a start, not a deadline"),
        ("clock_time", rf"{_DATE}\s*\d{{1,2}}\s*时(?:\s*\d{{1,2}}\s*分)?(?!\s*(?:前|之前|以前))",
         "a day with its hour (预警时段：9月5日17时至9月6日17时): a forecast's or an event's time, not work due"),
        ("event_date", rf"(?<![到至争])(?<!力争到){_DATE}{_WHOLE}\s*(?:上午|下午|晚上|晚间|晚)?{_CLOCK}?\s*[，,]?\s*[^。；;，,\n]{{0,30}}?{_EVENT}",
         "the date of a meeting or visit (3月5日，县政府召开…), reported or announced: not a deadline"),
        ("as_of", rf"截(?:至|止)(?:到)?\s*{_DATE}|{_DATE}\s*(?:以来|至今)|自\s*{_DATE}[^。；;，,\n]{{0,30}}?以来"
                  rf"|(?:从|自)\s*{_DATE}\s*起[，,]?[^。；;\n]{{0,40}}?(?<![为除])了(?!解)",
         "a progress count as of a date, or a period up to now: past, not due"),
        ("news_lead", rf"^[ \t]*{_DATE}(?:\s*{_DASH}\s*\d{{1,2}}\s*[日号])?{_WHOLE}\s*(?:上午|下午|晚上|晚间)?\s*[，,]"
                      r"[^。\n]{0,80}?(?:召开|举行|举办|会议|会上|主办|承办|暗访|获悉|记者|常委|书记|(?<!全)[县区市镇乡]长(?!效|期|远|足)|(?<![为除])了(?!解))"
                      rf"|^[ \t]*(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}(?:\s*、\s*\d{{1,2}})+\s*日",
         "a report's paragraph opening with the day it happened (2023年5月12日，县应急局组织…参加…会议)"),
        ("done_on", rf"已于\s*{_DATE}|于\s*{_DATE}{_WHOLE}\s*(?:如期|顺利)",
         "the day something was done (已于3月5日完成 / 于9月1日如期投入使用): past, not due"),
        ("incident_date", rf"(?:对|针对|就)\s*{_DATE}{_WHOLE}[^。；;，,\n]{{0,40}}?(?:事故|火灾|爆炸|坍塌|险情)"
                          rf"|{_DATE}{_WHOLE}[^。；;，,\n]{{0,30}}?发生",
         "the day an accident happened (对4月2日…坍塌事故进行通报 / 5月3日…发生火灾)"),
        ("meeting_name", r"(?:(?:19|20)\d{2}\s*年)?第?[一二三四1-4]季度(?:(?!召开|举行|组织|开展|完成)[\u4e00-\u9fff]){0,14}?(?:会议|会)(?=[\s，,。暨]|$)",
         "a quarter naming a meeting (第二季度工作部署会), not work due in it"),
        # (总结 without 了 only right before its period: 总结提升阶段（9月上旬） is a stage to come)
        ("reported_period", rf"(?:(?:听取|通报|点评|回顾)了?|总结了)[^。；;\n]{{0,30}}?(?:{_DATE}|[上下]半年|\d{{1,2}}\s*月份)"
                            rf"|总结\s*(?:{_DATE}|[上下]半年)"
                            rf"|(?:部署|布置|安排)了[^。；;\n]{{0,6}}?(?:[上下]半年|{_DATE})"
                            r"|就[^。；;\n]{0,6}?[上下]半年[^。；;\n]{0,20}?进行了(?:布置|部署)",
         "a period in what a meeting heard or laid out (通报了上半年…情况 / 部署了下半年的工作): reported, not due"),
        ("season_runs", rf"{_DATE}\s*(?:起|开始)\s*(?:到|至)\s*{_DATE}\s*(?:结束|止)",
         "the span a season or campaign runs (春运从1月13日起到2月21日结束): its calendar, not a deadline"),
    ))
