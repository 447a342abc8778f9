"""The plain English a county clerk or a foreign consultant types, in the documents' own words (data): the
offices and posts of a local administration, the levels a body or fund belongs to, sizes and areas, certificates
issued and sanctions faced, when a rule came into force, and the asked manner or case, which is no topic ("on what
basis", "in which cases" asks for the 情形 a clause lists). Read with kb/answers/lexicon.py's domain lexicon (these
are appended to it, so a longer phrase of either wins); tests/test_answer_english_breadth.py has one example each."""
from __future__ import annotations

PLAIN_ENGLISH: tuple[tuple[str, str], ...] = (
    # offices, posts and staff (the dictionary gives 办公室 for any office, 主任 / 总监 for a director, 官员 for an official)
    ("industry and commerce office", "工商所"), ("deputy director", "副所长 副主任 副局长"),
    ("deputy head", "副所长 副主任 副局长"), ("official", "工作人员"), ("staffing", "人员编制 编制"), ("directly", "直接"),
    ("one-stop", "一站式"),
    # the level a body, a fund or a platform belongs to
    ("district-level", "区级"), ("county-level", "县级"), ("city-level", "市级"), ("municipal-level", "市级"),
    ("provincial-level", "省级"), ("village-level", "村级"), ("citywide", "全市"), ("city-wide", "全市"),
    ("countywide", "全县"), ("county-wide", "全县"), ("province-wide", "全省"), ("nationwide", "全国"),
    # money and sizes as the notices write them (a fund's 规模, a space's 面积, 扶持资金 not 支持 经费)
    ("size", "规模 面积"), ("floor space", "面积 平方米"), ("floor area", "面积 平方米"), ("square metres", "平方米"),
    ("square meters", "平方米"), ("industry fund", "产业基金"), ("industrial fund", "产业基金"),
    ("support funds", "扶持资金 资金"), ("support fund", "扶持资金 资金"), ("top", "最高"), ("award", "奖励"),
    ("super individual", "超级个体"),
    # what the AI start-up notices fund, in their words (研发 not "R" and "D", 成本, 垂直 not 纵向, 先进 not 推进, 算力
    # not 计算, 首期, 揭榜, 单个项目; a cap or ceiling is the asked shape (the largest sum), no word: not 加盖, and the KB
    # writes it 最高, 不超过 or 上限 alike)
    ("r&d", "研发"), ("research and development", "研发"), ("cost", "成本 费用"), ("vertical", "垂直"),
    ("advanced", "先进"), ("compute", "算力"), ("cloud service", "上云服务 云服务"), ("set aside", "安排"),
    ("first phase", "首期"), ("compute voucher", "算力券"), ("computing voucher", "算力券"), ("cap", ""), ("ceiling", ""), ("list-unveiling", "揭榜"),
    ("unveiling the list", "揭榜"), ("per project", "单个项目 每个项目"),
    # permits and certificates: what is issued (核发 as well as 颁发), to whom, in which form, across which regions
    ("issue", "颁发 核发"), ("issuing", "颁发 核发"), ("grant", "颁发 给予"), ("granting", "颁发 给予"),
    ("granted", "颁发 给予"), ("operation certificate", "作业证"), ("cross-region", "跨区域 跨行政区域"),
    ("cross-regional", "跨区域 跨行政区域"), ("across regions", "跨区域 跨行政区域"), ("format", "式样 格式"),
    ("standard format", "统一 式样 格式"), ("standard form", "统一 式样 格式"),
    ("unqualified", "不符合 条件"), ("not meet", "不符合"), ("fail to meet", "不符合"),
    ("centrally managed", "中央管理"), ("centrally administered", "中央管理"),
    ("managed by the central government", "中央管理"), ("coal mining", "煤矿"), ("coal mine", "煤矿"),
    # what an official faces (处分, not the 制裁 of a countermeasures law's "sanctions")
    ("what sanction", "处分 处罚"), ("disciplinary", "处分"), ("punishment", "处分 处罚"),
    # when a rule came into force, in every tense (the lexicon's "come into force" is the present only)
    ("apply from", "施行 实施"), ("start to apply", "施行 实施"), ("begin to apply", "施行 实施"),
    ("came into force", "施行 实施"), ("comes into force", "施行 实施"), ("entered into force", "施行 实施"),
    ("took effect", "施行 实施"), ("came into effect", "施行 实施"), ("come into effect", "施行 实施"),
    ("in force", "施行 实施"),
    # an applicant's credit (失信, not 不诚实)
    ("serious dishonesty", "严重失信"), ("dishonesty", "失信"), ("dishonest", "失信"), ("blacklist", "失信名单 黑名单"),
    # who makes and sells, and what is put on a machine (a dealer is the regulations' 销售者, not 经销商)
    ("dealer", "销售者 经销者 经营者"), ("put on", "设置 标注"), ("farm machine", "农机 农业机械"),
    ("agricultural machine", "农机 农业机械"),
    # rivers, wetlands and parks as their regulations write them (河道, 开垦, 保护范围; the dictionary's 回收 is recycling)
    ("pollute", "污染"), ("polluting", "污染"), ("polluted", "污染"),  # the dictionary's 沾染
    ("river", "河道 河流"), ("washing", "漂洗 清洗"), ("dirty things", "脏物 污物"), ("reclaim", "开垦 复垦"),
    ("reclaiming", "开垦 复垦"), ("reclaimed", "开垦 复垦"), ("protection area", "保护范围 保护区"),
    # first aid and who helps with it (配合; "first" alone is 首先, "spread" 延伸)
    ("first aid", "急救"), ("help", "配合 协助"), ("spread", "普及 推广"), ("neighbourhood", "社区 居民"),
    ("neighborhood", "社区 居民"),
    # energy as the regulations count it
    ("energy consumption", "能源消费 能耗"), ("consumption limit", "能耗限额 限额"), ("per-product", "单位产品"),
    # the asked manner or case: a question word, no topic ("count as" asks what makes one, not 统计)
    ("on what basis", ""), ("on what grounds", ""), ("count as", ""), ("counts as", ""),
    ("in which cases", "情形 情况"), ("in what cases", "情形 情况"), ("under what circumstances", "情形 情况"),
    ("in its own name", "以自己的名义 名义"), ("in their own name", "以自己的名义 名义"),
)
