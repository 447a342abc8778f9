"""How a regulation's article names the holder of its duty, as data: the body a clause opens with and the words
that give it the duty. A new way of writing a holder is a line here (with its example in the tests).
"""
from __future__ import annotations

import re

# Regulations: a clause whose subject is a government body and that assigns a duty (after an
# article's caption in brackets, 第四条（属地责任）…, or an opener naming whose leadership it works
# under: 在省委领导下，…领导小组负责…).
# (no 由 inside: "公园绿地由绿化主管部门负责" names its subject after 由)
# (a level in brackets inside the name: 乡（镇）人民政府, 建设（园林）行政主管部门)
_NAME_CHAR = r"(?:(?!由)[\u4e00-\u9fff]|[（(][\u4e00-\u9fff、]{1,6}[）)])"  # (港航（务）监督机关)
_BODY = (rf"(?:{_NAME_CHAR}{{0,16}}?(?:部门|机构|人民政府|委员会|办公室|街道办事处|管委会|领导小组|指挥部)"
         rf"|{_NAME_CHAR}{{2,16}}?(?:机关|局))")  # (公安机关, 县交通局; not 机关 alone before 企事业单位)
_OTHER_BODY = r"(?:(?!由)[\u4e00-\u9fff]){2,16}?(?:部门|机构|人民政府|委员会|办公室|办事处|管委会|企业|单位|机关|站)"
# (or fields listed before the bodies they share: 安全生产监督管理、公安、城市管理等部门应当…)
_FIELDS_THEN_BODIES = r"(?:[\u4e00-\u9fff]{2,10}、){1,12}[\u4e00-\u9fff]{2,12}?等(?:有关|相关)?(?:行政)?(?:主管)?部门(?:和单位)?"
# (or levels sharing one government: 市、县（区）人民政府应当…)
_LEVEL = r"[省市县区乡镇]级?(?:[（(][省市县区乡镇、]{1,6}[）)])?"
_LEVELS = rf"(?:{_LEVEL}[、和])+{_LEVEL}"  # (市、县（区）; 市和区、县: the first joined by 和)
# (市和区、县价格主管部门: levels sharing one kind of department)
_LEVELS_GOVERNMENT = (rf"{_LEVELS}(?:人民政府(?:[\u4e00-\u9fff]{{2,12}}?(?:部门|机构))?"  # (…人民政府水行政主管部门)
                      r"|[\u4e00-\u9fff]{2,12}?(?:主管部门|行政部门|管理部门))")
DUTY_SUBJECT = re.compile(
    r"(?:^|[。；;]|(?<=的)[，,])\s*(?:[（(][\u4e00-\u9fff]{2,10}[）)])?(?:在[^，,。；;]{1,12}?(?:领导|指导|统筹)下[，,]?)?(?!由)(?P<responsible>(?:[省市县乡镇]级以上|(?:[省市县乡镇](?:[（(][市县区][）)])?以下)?各级|地方各级"
    rf"|{_LEVELS}(?=人民政府))?(?:地方)?(?:人民政府)?"
    rf"(?:(?P<fields>{_FIELDS_THEN_BODIES}|{_LEVELS_GOVERNMENT})|{_BODY}(?:(?:和|及|以及|、|与){_OTHER_BODY})*))"
    r"(?P<other>[（(](?P<other_name>[^（）()]{2,12})[）)])?"  # (its other name in brackets: 乡镇人民政府（街道办事处）)
    # (after a colon too, as an item lists who does what: "（一）公安部门：负责…", "（二）宣传部门：统筹…")
    # (…or after the bounds it acts in: "国务院有关部门在各自职权范围内负责…", "X根据各自职责，协同…")
    # (…or after whose leadership it works under, or a comma: "督导机构在本级人民政府领导下负责…", "X，负责…")
    r"(?:(?:[：:]\s*)?(?:(?:在|按照?|根据|依照)[^，,。；;]{0,10}?(?:(?:职责|职权|职能)(?:范围内|分工)?|领导下|指导下)[，,]?\s*"
    r"|[，,](?=负责|协助|配合))?(?:应当|应(?!急|用)|要(?!求|素|点)|负责|依法|按照|依照|对|统一|组织|会同|做好|协助|配合|主管(?=本|全)|是(?=[^，,。；;]{0,30}?(?:主管|管理)(?:部门|机关|机构)))"
    r"|(?P<colon>[：:])(?=\s*[\u4e00-\u9fff]))"
)
DUTY_VERB = re.compile(r"负责|应当|组织|监督|管理|主管|负(?:总|主要|全面|直接|技术|领导)责")  # (…对辖区内水库的安全负总责)
# What the bodies a holder works with do together, in a regulation's words (会同Y|核定…, 会同Y|划定…).
_JOINT_ACT = (r"(?:组织|根据|依照|按照|依据|负责|共同|制定|制订|拟定|拟订|编制|商定|确定|划定|核定|审定|审核|认定|批准|公布|发布"
              r"|考试|考核|检查|调查|处理|进行|开展|提出|做好|研究|实施|建立|设置|规划|参照|实行|约谈|审批|办理|查处|责令|协调|指导)")
# The holder after 由 ("小型水库由镇政府负责", "…由X组织实施：（一）…"; not 由X负责解释).
BY_BODY = re.compile(r"由(?P<body>[^，,。；;由]{2,30}?)(?:统一|具体|共同|分别)?(?:负责(?!人|同志|的|解释)|组织实施(?=[：:，,。；;]))")
# …and the bodies it works with ("…由住房城乡建设主管部门会同有关部门组织评选"): it leads, they take part.
BY_BODY_WITH = re.compile(rf"由(?P<lead>[^，,。；;由]{{2,30}}?)(?:会同|协同|联合)(?P<co>[^，,。；;由]{{2,60}}?){_JOINT_ACT}")
# …or the bodies the holder after 由 helps ("由体育行政部门协助公安机关责令停止…"): they lead, it takes part.
BY_BODY_HELPS = re.compile(rf"由(?P<co>[^，,。；;由]{{2,30}}?)(?:协助|配合)(?P<lead>[^，,。；;由]{{2,40}}?){_JOINT_ACT}")
# A holder working with others right after its name ("X应当会同Y，严格按照…审批"): it leads, they take part.
WITH_AFTER_SUBJECT = re.compile(rf"\s*(?:应当|应|依法|负责)?\s*(?:会同|联合)(?P<co>[^，,。；;由]{{2,60}}?)(?=[，,]|{_JOINT_ACT}|对)")
