"""The words of questions in the documents' own words, as data: the domain lexicon English
questions are read with (before the bilingual dictionary of kb/answers/translate.py; the words of
the things documents are about in kb/answers/topicwords.py), durations
written in English, and the colloquial Chinese a question uses for a regulation's wording
(没有许可证 is 无许可证). tests/test_qa_rules.py and tests/test_translate.py
have one example per entry."""
from __future__ import annotations

import re

from kb.answers.plainenglish import PLAIN_ENGLISH
from kb.answers.topicwords import TOPIC_WORDS

# Domain terms of English questions, longest first; the bilingual dictionary (kb/answers/translate.py)
# covers the rest. These win over the dictionary: its senses are general, these are the
# documents' own words.
LEXICON: tuple[tuple[str, str], ...] = (
    ("national health commission", "国家卫生健康委 卫生健康委"), ("state council", "国务院"),
    ("tertiary", "三级"), ("small and micro enterprises", "小微企业"), ("small or micro enterprise", "小微企业"),
    ("construction projects", "建设工程"), ("construction project", "建设工程 建设项目"), ("fire protection law", "消防法"),
    ("fire protection", "消防"), ("work safety licence", "安全生产许可证"), ("work safety license", "安全生产许可证"),
    ("emergency response", "应急"), ("production safety accidents", "生产安全事故"),
    ("production safety accident", "生产安全事故"), ("accident reporting", "事故报告"), ("town gas", "城镇燃气"),
    ("urban gas", "城镇燃气"), ("gas supply", "燃气"),
    ("monitoring", "监测"), ("indicator", "指标"), ("indicators", "指标"), ("national", "国家 全国"),
    ("start-up", "创业"), ("startup", "创业"), ("guaranteed loan", "担保贷款"), ("employment", "就业"),
    ("work safety committee", "安委会"), ("safety committee", "安委会"),
    ("member units", "成员单位"), ("member unit", "成员单位"),
    ("hazardous chemicals", "危险化学品"), ("dangerous chemicals", "危险化学品"),
    ("special equipment", "特种设备"), ("road traffic", "道路交通"), ("traffic", "交通"),
    ("fire safety", "消防安全"), ("fire", "消防 火灾"), ("rectification", "整治"),
    ("periodic inspection", "定检"), ("inspection rate", "检验率"), ("inspection", "检查 检验 巡查"),
    ("drills", "演练"), ("drill", "演练"), ("emergency plan", "应急预案"), ("emergency", "应急 急救"),
    ("deaths", "死亡"), ("death", "死亡"), ("population", "人口"), ("accident", "事故"),
    ("accidents", "事故"), ("mine", "矿山"), ("mining", "矿山"), ("coal", "煤矿"),
    ("construction", "建筑施工"), ("gas", "燃气"), ("outsourced", "外包"), ("outsourcing", "外包"),
    ("training", "培训"), ("insurance", "保险"), ("hidden dangers", "隐患"), ("hazards", "隐患"),
    ("risk", "风险"), ("report", "报告"), ("same level", "同级"), ("annual", "年度"),
    ("target", "目标"), ("share", "占比"), ("rate", "率"), ("four-no", "四不"), ("unannounced", "四不 暗查暗访 暗访"),
    ("work safety", "安全生产"), ("safety", "安全"), ("production", "生产"),
    ("emergency management bureau", "应急管理部门 应急局"), ("emergency management", "应急管理"),
    ("fire brigade", "消防救援"), ("fire rescue", "消防救援"), ("market supervision", "市场监督管理"),
    ("education", "教育"), ("transport", "交通运输"), ("half a year", "半年"), ("quarter", "季度"),
    ("how often", "每"), ("district", "区"), ("county", "县"), ("city", "市"), ("province", "省"),
    ("elevator", "电梯"), ("elevators", "电梯"), ("fine", "罚款"), ("fined", "罚款"), ("penalty", "罚款 处罚"),
    ("investigate", "调查"), ("investigation team", "调查组"), ("team leader", "组长"), ("leader", "组长"), ("investigation", "调查"), ("investigated", "调查"), ("production safety", "安全生产"),
    ("responsible person", "负责人"), ("principal", "主要负责人"), ("employer", "生产经营单位"),
    ("business", "生产经营单位"), ("businesses", "生产经营单位"), ("enterprise", "企业"), ("enterprises", "企业"),
    ("license", "许可证"), ("permit", "许可"), ("fireworks", "烟花爆竹"), ("explosives", "爆炸"),
    ("pipeline", "管道"), ("pipelines", "管道"), ("hotline", "热线 电话"), ("rescue", "救援"),
    ("government", "人民政府"), ("people's government", "人民政府"), ("above the county level", "县级以上"),
    ("county level or above", "县级以上"), ("office", "办公室"), ("dangerous goods", "危险货物"),
    ("storage", "储存"), ("warning signs", "警示标志"), ("evacuation", "疏散"), ("liquefied petroleum gas", "液化石油气"),
    # the words of task tables and campaign notices
    ("draw up", "制定"), ("formulate", "制定"), ("task lists", "任务清单"), ("task list", "任务清单"),
    ("tasks", "任务"), ("task", "任务"), ("sector-level", "行业领域"), ("sectors", "行业领域"), ("sector", "行业领域"),
    ("three-year campaign", "三年行动"), ("three-year", "三年行动"), ("campaign", "行动 专项整治"),
    ("100-day action", "百日行动"), ("100-day campaign", "百日行动 百日攻坚"), ("100-day", "百日"), ("hundred-day", "百日"),
    ("special rectification", "专项整治"), ("crack down on", "严管 严查 打击"), ("crack down", "严管 严查 打击"),
    ("residential", "民用 居民"), ("industrial fuel", "工业燃料"), ("industrial and trade enterprises", "工贸企业"),
    ("industrial", "工业"), ("bureau", "局"), ("safety facilities", "安全设施"), ("safety-facility", "安全设施"),
    ("reviews", "审查"), ("review", "审查"), ("design", "设计"), ("larger-scale", "较大"),
    ("14th five-year", "十四五"), ("year-end", "岁末年初 年底"), ("two sessions", "两会"),
    ("cut", "下降"), ("reduce", "下降"), ("aim for", "目标"), ("aim", "目标"), ("aims", "目标"), ("publicity", "宣传"), ("consultation", "咨询"),
    ("budget", "预算"), ("funding", "经费 资金"), ("finish", "完成"), ("finished", "完成"), ("complete", "完成"),
    ("completed", "完成"), ("completion", "完成"),
    # the words of regulations' duties and permits
    ("highly toxic chemicals", "剧毒化学品"), ("explosive precursor chemicals", "易制爆危险化学品"),
    ("sales records", "销售记录"), ("public security", "公安"), ("fireworks and firecrackers", "烟花爆竹"),
    ("gas facilities", "燃气设施"), ("appliances", "燃气器具 用气设备 燃气用具"), ("rent out", "出租"), ("take over", "接管"),
    ("head of the unit", "单位负责人"), ("contractor", "施工单位"), ("full-time safety officers", "专职安全生产管理人员"),
    ("safety officers", "安全生产管理人员"), ("safety managers", "安全生产管理人员"), ("full-time", "专职"),
    ("safety management personnel", "安全生产管理人员"),
    ("employees", "从业人员"), ("years of service", "使用年限"), ("safety assessment", "安全评估"),
    ("user unit", "使用单位"), ("construction companies", "建筑施工企业"), ("construction company", "建筑施工企业"),
    ("permit to buy", "购买许可证"), ("issues", "颁发 核发"), ("public security bureau", "公安机关"),
    ("public security organs", "公安机关"), ("application", "申请"), ("applications", "申请"), ("decide", "决定"),
    ("produce", "生产"), ("producing", "生产"), ("produced", "生产"), ("without a", "未取得"),
    ("kept", "保存"), ("be kept", "保存"), ("retained", "保存"), ("person responsible", "责任人"),
    ("persons responsible", "责任人"), ("organisation", "单位 组织"), ("organization", "单位 组织"), ("gas supplier", "燃气供应企业"), ("gas suppliers", "燃气供应企业"),
    ("take effect", "实施 施行"), ("takes effect", "实施 施行"), ("come into force", "施行 实施"), ("trading", "经营"),
    ("fire hydrants", "消火栓"), ("fire hydrant", "消火栓"), ("blocking", "堵塞"), ("block", "堵塞"), ("qualification", "资格"),
    ("special equipment operators", "特种设备 作业人员"), ("qualifications", "资格"), ("legal", "法律"), ("audit", "审计"),
    ("voucher", "券"), ("vouchers", "券"), ("intellectual property", "知识产权"), ("ip", "知识产权"), ("refuse", "拒绝"),
    ("nuclear safety", "核安全"), ("nuclear", "核"), ("drafts", "制定 拟定"), ("drafted", "制定 拟定"), ("online", "网上 线上"),
    ("hazardous goods", "危险物品"), ("hazardous", "危险"), ("residential area", "居民区"), ("too close", "安全距离 距离"),
    ("public data", "公共数据"), ("gas meter", "燃气计量表 燃气计量装置"), ("gas meters", "燃气计量表 燃气计量装置"), ("verification", "检定"),
    # the words of any regulation's procedure and penalties (the dictionary's senses miss them:
    # approve → 同意 认证, handle → 符合, charges → 责令, passed on → 经过)
    ("approve", "批准 审批"), ("approves", "批准 审批"), ("approved", "批准 审批"), ("approval", "批准 审批"),
    ("competent department", "主管部门"), ("competent authority", "主管部门"), ("rectify", "改正 整改"),
    ("illegal gains", "违法所得"), ("illegal income", "违法所得"), ("detention", "拘留"), ("criminal liability", "刑事责任"),
    ("compensation", "赔偿 补偿"), ("operator", "经营者 经营单位 运营单位 运营人"), ("operators", "经营者 经营单位 运营单位 运营人"),
    ("seller", "销售者"), ("sellers", "销售者"), ("handle", "处理"), ("handles", "处理"), ("handled", "处理"),
    ("handling", "处理"), ("pass on", "移交 转交"), ("passed on", "移交 转交"), ("transfer", "移交"),
    ("publish", "发布 公布"), ("publishes", "发布 公布"), ("published", "发布 公布"), ("charges", "收费 费用"),
    ("fees", "收费 费用"), ("customer", "用户"), ("customers", "用户"), ("time limit", "期限 限期"), ("overdue", "逾期"),
    ("retroactively", "补办"), ("spot check", "抽查"), ("spot checks", "抽查"), ("re-test", "复检"), ("retest", "复检"),
    ("work starts", "开工"), ("start work", "开工"), ("starts work", "开工"), ("construction starts", "开工"),
    # the bodies regulations name, and the things of the other regulations a KB holds
    ("residents' committee", "居民委员会"), ("villagers' committee", "村民委员会"), ("village committee", "村民委员会"),
    ("sub-district office", "街道办事处"), ("subdistrict office", "街道办事处"), ("street office", "街道办事处"),
    ("sub-district", "街道 街道办事处"), ("subdistrict", "街道 街道办事处"),
    ("market regulation", "市场监督管理"), ("housing and urban-rural development", "住房和城乡建设"),
    ("ecology and environment", "生态环境"), ("ecological environment", "生态环境"), ("civil affairs", "民政"),
    ("finance", "财政"), ("health commission", "卫生健康"), ("navigation marks", "航标"), ("navigation mark", "航标"),
    ("navigation aids", "航标"), ("navigable", "通航"), ("cleanliness", "环境卫生 市容"), ("sanitation", "环境卫生"),
    ("city appearance", "市容"), ("excavation", "发掘"), ("archaeological", "考古"), ("emergency call", "急救呼叫 呼救"),
    ("emergency calls", "急救呼叫 呼救"), ("emergency medical", "急救医疗 急救"), ("energy-saving", "节能"),
    ("energy saving", "节能"), ("energy conservation", "节能"), ("yearly energy use", "年综合能源消费 能源消费"), ("annual energy use", "年综合能源消费 能源消费"),
    ("energy use", "能源利用 用能"), ("energy-using", "用能"),
    ("residence permit", "居留证件"), ("sewage outlet", "排污口"), ("product quality", "产品质量"),
    ("geological disasters", "地质灾害"), ("geological disaster", "地质灾害"), ("geological environment", "地质环境"),
    ("weather station", "气象台站 气象站"), ("weather stations", "气象台站 气象站"), ("recordings", "录音"),
    # enforcement, complaints and procedure (seal up → 查封, not 印章; detained goods → 扣留, not 拘留)
    ("seal up", "查封 封存"), ("sealed up", "查封 封存"), ("seize", "扣押 查封"), ("seized", "扣押 查封"),
    ("detain", "扣押 扣留"), ("detained", "扣押 扣留"), ("goods", "商品 物品 货物"), ("commodities", "商品"),
    ("complain", "投诉 申诉"), ("complaints", "投诉 举报"), ("in writing", "书面"),
    # a warning in these texts is first an alert issued (预警信号), then the lightest penalty (警告)
    ("warnings", "预警 警告 警示"), ("warning", "预警 警告 警示"),
    ("accepting", "接受 受理"), ("accepted", "接受 受理"), ("accept", "接受 受理"),
    ("fines", "罚款"), ("relocation", "迁移 搬迁"), ("relocating", "迁移 搬迁"), ("pollution", "污染"),
    ("reconsideration", "复议"), ("landlord", "出租人"), ("people's congress", "人民代表大会"),
    ("law enforcement officers", "执法人员"), ("enforcement officers", "执法人员"), ("protection zone", "保护范围 保护区"),
    ("look after", "管理 维护"), ("looks after", "管理 维护"), ("set up", "设立 建立"), ("sets up", "设立 建立"),
    ("sets", "制定 确定 规定"), ("quota", "定额"), ("quotas", "定额"), ("appraisal", "鉴定 评估"),
    ("government offices", "机关"), ("government agencies", "机关"), ("state organs", "机关"),
    ("state-owned assets", "国有资产"), ("public institutions", "事业单位"), ("villagers' assembly", "村民会议"),
    ("maternal and infant health", "母婴保健"), ("maternal and child health", "母婴保健"),
    ("home-based elderly care", "居家养老"), ("elderly care", "养老"), ("elderly", "老年人 养老"),
    ("weather", "气象 天气"), ("meteorological", "气象"), ("observation", "探测 观测"), ("relics", "文物"),
    ("filming", "拍摄"), ("film", "拍摄"), ("photograph", "拍摄"), ("sand mining", "采砂"), ("vessels", "船舶"),
    ("ships", "船舶"), ("industrial park", "工业园区 园区"), ("industrial parks", "工业园区 园区"),
    ("patient", "患者 病人"), ("patients", "患者 病人"), ("treat", "救治 治疗"), ("treatment", "救治 治疗"),
    ("announce", "公告 公布"), ("announced", "公告 公布"), ("in advance", "提前 事先"),
    ("supply cut", "暂停供气 停止供应"), ("supply cuts", "暂停供气 停止供应"), ("interruption", "中断 暂停"),
    ("nuclear facility", "核设施"), ("nuclear facilities", "核设施"), ("operating licence", "运行许可证"),
    ("operating license", "运行许可证"), ("extension", "延期 延续"), ("extend", "延期 延长"), ("case-filing", "立案"),
    ("file a case", "立案"), ("criteria", "条件 标准"), ("conditions", "条件"), ("condition", "条件"),
    ("industry and commerce", "工商"), ("setting up", "设立 建立"), ("establish", "设立 建立"),
    ("established", "设立 建立"), ("establishment", "设立"), ("homestead", "宅基地"), ("homesteads", "宅基地"),
    ("rural", "农村 乡村"), ("embassy", "驻外外交机构 使馆"), ("embassies", "驻外外交机构 使馆"),
    ("consulate", "驻外外交机构 领馆"), ("auxiliary", "辅助 附属"), ("hire", "聘用 雇用"), ("on trains", "列车"),
    ("railway station", "车站"), ("railway stations", "车站"), ("public order", "治安秩序 公共秩序"),
    ("public comment", "公开征求意见 征求意见"), ("public comments", "公开征求意见 征求意见"), ("comments", "意见"),
    ("legality review", "合法性审查"), ("legality", "合法性"), ("administrative decision", "行政决策"),
    ("administrative decisions", "行政决策"), ("decision-making", "决策"),
    ("manage", "管理"), ("manages", "管理"), ("managed", "管理"), ("managing", "管理"),  # not 符合
    ("residential areas", "居住区 居民区"), ("radio", "无线电"), ("national security", "国家安全"), ("bring into", "运进 进境"), ("lanes", "街巷"), ("clean", "清扫 保洁 清洁"),
    ("heavy pollution", "重污染"), ("heavy-pollution", "重污染"), ("publicise", "宣传"), ("publicising", "宣传"),
    ("publicize", "宣传"), ("publicizing", "宣传"), ("model workers", "劳动模范"),
    # the asked role, no topic (its "charge" is not 责令 or 收费): the intent reads it
    ("in charge of", ""),
    # the words of courts, contracts and families (the KB's judicial interpretations and civil code)
    ("burden of proof", "举证责任"), ("labour dispute", "劳动争议"), ("labour disputes", "劳动争议"),
    ("labor dispute", "劳动争议"), ("labor disputes", "劳动争议"), ("dismissal", "辞退 开除 解除劳动合同"),
    ("payment order", "支付令"), ("debtor", "债务人"), ("creditor", "债权人"), ("served on", "送达"),
    ("maritime", "海事"), ("limitation fund", "责任限制基金"), ("adopt", "收养"), ("adopts", "收养"),
    ("adopted", "收养"), ("adoption", "收养"), ("adopter", "收养人"), ("age gap", "年龄 相差"),
    ("age difference", "年龄 相差"), ("single man", "无配偶"), ("single woman", "无配偶"), ("unmarried", "无配偶 未婚"),
    ("divorce", "离婚"), ("withdraw", "撤回"), ("illegal medical practice", "非法行医"), ("practising medicine", "行医"),
    ("countermeasure", "反制措施"), ("countermeasures", "反制措施"), ("sanctions", "制裁"), ("freeze", "冻结"),
    ("frozen", "冻结"), ("interpret", "解释"), ("interpreting", "解释"), ("interpretation", "解释"),
    # the words of public administration, science and the AI start-up notices
    ("official reception", "公务接待"), ("official receptions", "公务接待"), ("reception", "接待"),
    ("official vehicles", "公务用车"), ("official cars", "公务用车"), ("statistics", "统计"), ("provincial", "省级 省"),
    ("layout design", "布图设计"), ("layout designs", "布图设计"), ("integrated circuit", "集成电路"),
    ("commercial use", "商业利用"), ("commercially", "商业"), ("commercial", "商业"),
    ("register", "登记 注册"), ("registered", "登记 注册"), ("registration", "登记 注册"),
    ("company", "企业 公司"), ("companies", "企业 公司"), ("cultivate", "培育 培养"), ("cultivated", "培育 培养"),
    ("cultivating", "培育 培养"), ("university", "高校 大学"), ("universities", "高校 大学"), ("colleges", "高校"),
    ("capability", "能力"), ("opportunity", "机会"), ("opportunities", "机会"), ("computing power", "算力"),
    ("procurement", "采购"), ("drugs", "药品"), ("drug", "药品"), ("contracted volume", "合同用量"),
    ("sidewalk", "人行道"), ("pavement", "人行道"), ("riverside park", "滨河公园"), ("riverside parks", "滨河公园"),
    ("occupy", "占用"), ("bonded", "保税"), ("bonded zone", "保税区"), ("bonded zones", "保税区"),
    ("imported cars", "进口汽车"), ("standing committee", "常务委员会"),
    # words the dictionary reads in another sense or not at all (liability → 债务, carries out → 运输, tests → 检验):
    # the regulations' and notices' own words for them
    ("resident id card", "居民身份证"), ("id card", "居民身份证 身份证"), ("identity card", "居民身份证 身份证"),
    ("serving soldier", "现役军人"), ("serving soldiers", "现役军人"), ("on their behalf", "代为"), ("on behalf of", "代为"),
    ("countermeasure list", "反制清单"), ("liability limitation", "责任限制"), ("limitation of liability", "责任限制"),
    ("first", "首先 首次 第一"),
    ("liability", "责任"), ("liabilities", "责任"), ("escape liability", "免责 免除责任"), ("avoid liability", "免责 免除责任"),
    ("exempt from liability", "免责 免除责任"), ("annual inspection", "年检"), ("audit report", "审计报告 报告"),
    ("carry out", "实施 开展"), ("carries out", "实施 开展"), ("carried out", "实施 开展"),
    ("proficiency test", "水平测试"), ("proficiency tests", "水平测试"), ("proficiency", "水平"),
    ("geopark", "地质公园"), ("geoparks", "地质公园"), ("avoid", "避开 避免"),
    ("application scenario", "应用场景 场景"), ("application scenarios", "应用场景 场景"), ("scenario", "场景"),
    ("scenarios", "场景"), ("farm machinery", "农机 农业机械"), ("agricultural machinery", "农机 农业机械"),
    ("total power", "总动力"), ("electric power", "电力"),
    ("applies to", "适用"), ("applicable", "适用"), ("dam height", "坝高"),
    ("storage capacity", "库容"),
    ("seal off", "封闭 封锁"), ("fire scene", "火灾现场"), ("cause", "原因"), ("caused", "原因 造成"),
    ("put right", "改正 整改"), ("commander-in-chief", "总指挥"), ("work teams", "作业班组 班组"),
    ("work team", "作业班组 班组"), ("appoint", "指定 任命"), ("appoints", "指定 任命"), ("appointed", "指定 任命"),
    ("safety conditions review", "安全条件审查"), ("safety condition review", "安全条件审查"), ("safe-use permit", "安全使用许可证"),
    ("safe use permit", "安全使用许可证"),
    ("interest subsidy", "贴息"), ("interest subsidies", "贴息"), ("loan", "贷款"), ("loans", "贷款"),
    ("copying", "复制 复制推广"), ("replicate", "复制 复制推广"), ("replicating", "复制 复制推广"),
    ("free trade zone", "自贸试验区 自由贸易试验区"), ("free trade zones", "自贸试验区 自由贸易试验区"),
    ("representative assembly", "代表会议"), ("villagers", "村民"), ("women", "妇女"),
    ("responsibility system", "责任制 负责制"), ("refuses", "拒绝 拒不"), ("refused", "拒绝 拒不"),
    ("intelligent computing centre", "智算中心"), ("intelligent computing centres", "智算中心"),
    ("intelligent computing center", "智算中心"), ("intelligent computing centers", "智算中心"),
    ("draws up", "制定 编制"), ("drew up", "制定 编制"), ("drawn up", "制定 编制"), ("development plan", "发展规划"),
    ("civil explosives", "民用爆炸物品"), ("makers", "生产企业 生产者"), ("manufacturers", "生产企业 生产者"),
    ("after-sales", "售后服务 售后"), ("distribution", "流通 配送"),
    ("pool of experts", "专家库"), ("expert pool", "专家库"), ("experts", "专家"), ("expert", "专家"),
    ("computing service", "算力服务 算力"), ("computing services", "算力服务 算力"),
    ("apply for", "申请"), ("applies for", "申请"), ("applied for", "申请"), ("applying for", "申请"),
    ("renew", "换领 换发 延续"), ("renews", "换领 换发 延续"), ("renewal", "换领 换发 延续"),
    ("payment", "费用 付款"), ("applies", "适用"), ("rescue team", "救援队伍"), ("rescue teams", "救援队伍"), ("together", "联合 共同"), ("jointly", "联合 共同"),
    # a duty's negation and everyday verbs of questions whose dictionary sense is not the documents' (must not → 必须 不
    # read apart, checked → 制止 查询, buys → 代购, premium → 首选 奖金, stamp out → 盖章, practices → 实践): probe15's twins
    ("must not", "不得 禁止"), ("shall not", "不得 禁止"), ("may not", "不得"),
    ("checked", "检查 排查"), ("checking", "检查 排查"), ("buy", "购买 办理"), ("buys", "购买 办理"), ("bought", "购买 办理"),
    ("premium", "保险费 保费"), ("liability insurance", "责任保险"), ("illegal", "违法 非法 违章 违规"),
    ("stamp out", "杜绝 遏制"), ("put an end to", "杜绝"), ("practices", "行为 做法"),
    ("rule-breaking", "违章 违规 违法"), ("eliminate", "杜绝 消除"), ("eliminated", "杜绝 消除"), ("authorise", "批准 授权"),
    ("authorize", "批准 授权"), ("authorised", "批准 授权"), ("authorized", "批准 授权"), ("partnered with", "联合 会同"),
    ("partner with", "联合 会同"), ("in partnership with", "联合 会同"), ("dispatch", "派出 派遣"), ("dispatched", "派出 派遣"),
    ("working groups", "工作组"), ("working group", "工作组"), ("suspension", "暂停 中止"), ("suspended", "暂停 中止"),
    ("ahead of", "前 之前 前夕"), ("call on", "动员 号召"), ("called on", "动员 号召"),
    ("parents", "家长 父母"), ("parent", "家长 父母"), ("leaflets", "宣传单 传单 宣传资料"), ("leaflet", "宣传单 传单"),
    ("hand out", "发放"), ("handed out", "发放"), ("give out", "发放"), ("given out", "发放"), ("distribute", "发放 分发"),
    ("distributed", "发放 分发"), ("violations", "违法行为 违章 违规"), ("violation", "违法行为 违章 违规"),
    ("at all costs", "坚决"), ("in the wild", "野外"), ("use of fire", "用火"), ("fire use", "用火"),
    ("groups of people", "群体 人群"), ("special groups", "特殊群体"),
) + TOPIC_WORDS + PLAIN_ENGLISH
# a hyphen and a space part words alike: "flood-season" is the entry "flood season", "work safety month" "work-safety month"
WORD_GAP = re.compile(r"[\s-]+")
_LEXICON_RX = re.compile(r"\b(?P<term>" + "|".join(WORD_GAP.sub(lambda _: r"[\s-]+", re.escape(en).replace("\\-", "-").replace("\\ ", " "))
                                                    for en, _ in sorted(LEXICON, key=lambda p: -len(p[0])))
                         + r")(?:s|es)?\b", re.I)  # an entry's plural is the entry
_LEXICON = {WORD_GAP.sub(" ", en.lower()): zh for en, zh in LEXICON}

CJK = re.compile(r"[\u3400-\u9fff]")


def is_english(question: str) -> bool:
    return len(CJK.findall(question)) < len(question) * 0.2


ENGLISH_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                   "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60}
ENGLISH_TIME_UNITS = {"hour": "小时", "day": "日", "working day": "个工作日", "month": "个月", "year": "年", "minute": "分钟"}
ENGLISH_DURATION = re.compile(r"\b(\d+|" + "|".join(ENGLISH_NUMBERS) + r")\s+(working day|hour|day|month|year|minute)s?\b", re.I)


def durations(question: str) -> list[str]:
    """"within one hour" → 1小时, "30 days" → 30日: a duration as the documents write it."""
    return [f"{ENGLISH_NUMBERS.get(n.lower(), n)}{ENGLISH_TIME_UNITS[unit.lower()]}"
            for n, unit in ENGLISH_DURATION.findall(question)]


def lexicon_terms(question: str) -> tuple[str, str]:
    """(the Chinese words the domain lexicon knows in an English question, the question with
    those phrases removed)."""
    found, rest = lexicon_groups(question)
    return " ".join(" ".join(group) for group in found), rest


# The verb of a question asking a span ("When does the campaign run?", "How long does the check last each year?") only
# asks for it: the documents write no 运行 or 持续 beside the span, so it is no word searched.
SPAN_VERB = re.compile(r"\b((?:when|how long) (?:does|do|did|will) .{1,100}?)\s+(?:run|last)s?\b"
                       r"(?=\s*(?:each\b|every\b|for\b|from\b|\?|$))", re.I)
# "Which dams does the regulation apply to?": what a rule covers (适用), said as "applies to"; "apply to open a
# shop" asks where to apply (申请) and is left as it is.
APPLY_TO_END = re.compile(r"\bapply to(?=\s*(?:[,?.;]|$))", re.I)


def lexicon_groups(question: str) -> tuple[list[list[str]], str]:
    """(the Chinese words the lexicon knows, one group of alternatives per English phrase; the
    question with those phrases removed)."""
    question = APPLY_TO_END.sub("applies to", SPAN_VERB.sub(r"\1", question))
    found = [[d] for d in durations(question)] + [_LEXICON[WORD_GAP.sub(" ", m.group("term").lower())].split()
                                                 for m in _LEXICON_RX.finditer(question)]
    return found, _LEXICON_RX.sub(" ", ENGLISH_DURATION.sub(" ", question))


# Colloquial wordings of a Chinese question and the words a regulation writes for them, searched
# with: "没有取得许可证" is 未取得许可证, "没有许可证" 无许可证.
LEGAL_WORDING: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(rx), zh) for rx, zh in (
    (r"没有?(?=取得|办理|按照|按|依法|经过?|进行|设置|配备|建立|履行|落实|采取|报告|登记|申请)", "未"),
    (r"没有", "无"),
    # where people live, one building: 居住场所, 同一建筑物
    (r"住人的(?:房子|地方|房间)|住的地方|住人的", "居住场所"),
    (r"同一(?:栋|幢|座)楼|一(?:栋|幢|座)楼", "同一建筑物"),
))


def legal_wording(question: str) -> str:
    """The question with its colloquial words in a regulation's wording."""
    for pattern, words in LEGAL_WORDING:
        question = pattern.sub(words, question)
    return question
