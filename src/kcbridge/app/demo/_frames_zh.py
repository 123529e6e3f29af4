"""Simplified Chinese sentence frames and connective fragments, aligned with the other languages' frames."""

from __future__ import annotations

GENERIC_SEEKS = {
    "KR": [
        "在{other_city}设立代表处并逐步注册本地法人的落地支持",
        "{other}投资机构对接",
        "通晓中韩双语的本地商务拓展伙伴",
        "参加{other}创新创业大赛和创新论坛的机会",
        "{other}认证、知识产权保护及数据合规方面的咨询",
        "入驻{other_city}孵化项目的机会",
    ],
    "CN": [
        "在{other_city}设立子公司的支持",
        "对接{other}投资机构和企业风投",
        "与{other}高校及科研院所的联合研究",
        "引进{other}企业的技术授权",
        "具备售后服务能力的当地经销商",
        "参加{other}行业展会的机会",
    ],
}

ACHIEVEMENTS_STARTUP = [
    "{year2}年完成由产业资本领投的A轮融资，金额{round}。",
    "曾入选高校创业营，并于{year2}年完成政府加速计划。",
    "{year2}年在中韩创新创业大赛中获奖。",
]
ACHIEVEMENTS = [
    "{year2}年与{poc}家大型制造企业完成概念验证。",
    "自{year2}年起通过ISO 9001质量管理体系认证。",
    "{year2}年参加了{other}的行业展会。",
    "{year2}年在{other_city}设立联络处。",
    "去年营收约{revenue}，同比增长约{growth}%。",
    "自{year2}年起与国家级科研机构开展联合研发项目。",
]
EXPANSION = "近年来业务已拓展至{product2}领域。"

SIZE = {"startup": "科技型初创企业", "sme": "国家高新技术企业", "large": "大型企业集团"}
STAGES = ["种子轮和天使轮", "A轮至B轮", "成长期及Pre-IPO"]
COUNTRY = {"KR": "韩国", "CN": "中国"}
LANGUAGE_NAME = {"KR": "韩语", "CN": "中文"}

COMPANY = {
    "desc": [
        "{name}成立于{year}年，总部位于{city}，专注于{product}的研发与产业化。",
        "{name}是一家位于{city}的{size}，自{year}年起深耕{product}领域。",
        "公司创立于{year}年，总部设在{city}，主营{product}。",
        "{name}（{year}年成立）立足{city}，致力于{product}的研发、生产与销售。",
    ],
    "figures": [
        "公司现有员工{staff}人，研发人员占比{rd}%，已获授权专利{patents}项。",
        "目前团队规模{staff}人，{metric}。",
        "产品已服务{customers}家客户，拥有专利{patents}项，员工{staff}人。",
    ],
    "offer": [
        "可为合作伙伴提供{o1}以及{o2}。",
        "我们能够提供：{o1}；{o2}。",
        "合作资源：{o1}、{o2}，以及{customers}家客户的应用案例。",
    ],
    "seek": [
        "为拓展{other}市场，现寻求{s1}，以及{s2}；同时希望获得{g}。",
        "当前最需要的是{s1}；此外也在寻找{g}。",
        "诚邀{s1}洽谈合作，也欢迎{s2}联系；此外希望获得{g}。",
    ],
}

INSTITUTIONS = {
    "investor": {
        "desc": [
            "{name}成立于{year}年，总部位于{city}，管理{n_funds}支基金，总规模{fund}，已投资{portfolio}家企业，"
            "重点关注{sectors}领域。",
            "{name}是一家立足{city}的创业投资机构，专注{sectors}赛道，管理资产规模{fund}，投资组合企业"
            "{portfolio}家。",
        ],
        "offer": [
            "单笔投资{ticket}，覆盖{stages}阶段，并提供后续融资及{country}、{other}产业资源对接。",
            "首轮投资{ticket}，投后赋能，并为拓展{other}市场的被投企业提供跨境资源网络。",
        ],
        "seek": [
            "寻找{stages}阶段、有明确{other}市场计划的{sectors}企业，以及{other}的联合投资伙伴。",
            "寻求{sectors}领域的优质项目来源，以及{other}的联合投资方和有限合伙人。",
        ],
    },
    "incubator": {
        "desc": [
            "{name}在{city}运营{area}平方米的孵化空间，自{year}年以来已服务{alumni}家初创企业，重点聚焦"
            "{sectors}领域。",
            "{name}成立于{year}年，是{city}一家专注{sectors}的加速器，累计已有{alumni}个团队参加其项目。",
        ],
        "offer": [
            "{programme}（为期{weeks}周，每期{cohort}家企业）：免费工位、导师辅导、投资人路演日、应用场景对接，"
            "以及面向{other}企业的软着陆服务。",
            "办公空间、法律与财税咨询、投融资对接，以及每年两期、每期招收{cohort}家企业的{programme}。",
        ],
        "seek": [
            "面向{country}和{other}的{sectors}初创团队，并招募导师、企业合作伙伴和路演投资人。",
            "现招募下一期{programme}学员，尤其欢迎来自{other}的{sectors}团队。",
        ],
    },
    "support_agency": {
        "desc": [
            "{name}致力于推动中韩两国企业双向发展，依托{city}办公室，去年为{sectors}等领域的{firms}家企业"
            "提供服务。",
            "{name}成立于{year}年，是{city}一家专业市场进入服务机构，拥有{staff}名精通中、韩、英三语的顾问。",
        ],
        "offer": [
            "依托{city}办公室，提供{services}。",
            "在{other_city}和{city}提供一站式落地服务：公司注册、签证、选址、招聘及对接当地政府。",
        ],
        "seek": [
            "正在筹备进入{other}市场的{sectors}企业，以及{other}的合作机构和律师事务所。",
            "寻找{sectors}领域的客户企业和{other}的合作机构，并邀请嘉宾参加每月在{city}举办的市场进入研讨会。",
        ],
    },
    "university": {
        "desc": [
            "{name}创建于{year}年，位于{city}，在校生约{students}人，{labs}个研究实验室在{sectors}等方向具有优势。",
            "{name}地处{city}，设有技术转移办公室和创业训练营，已孵化衍生企业{spinoffs}家。",
        ],
        "offer": [
            "联合研发、技术许可、学生实习，以及为创业者提供培训和导师辅导的{programme}。",
            "实验室开放共享、研究生联合培养项目，以及{spinoffs}家可对接合作的衍生企业。",
        ],
        "seek": [
            "寻求{sectors}领域的企业开展联合研发和成果转化，并与{other}高校建立交流合作。",
            "寻找可接收实习生并试点应用科研成果的{other}企业。",
        ],
    },
    "research_institute": {
        "desc": [
            "{name}成立于{year}年，位于{city}，现有科研人员{researchers}人，主要研究方向为{sectors}。",
            "{name}地处{city}，拥有科研人员{researchers}人、专利{patents}项，致力于推动{sectors}领域应用研究"
            "成果与产业对接。",
        ],
        "offer": [
            "基于{patents}项专利的技术转让、委托研发、测试验证平台和检测认证服务。",
            "面向{sectors}领域合作企业，提供{services}。",
        ],
        "seek": [
            "寻求{country}和{other}企业共同推动{sectors}技术产业化。",
            "寻找{other}的联合研究伙伴以及{sectors}示范项目的产业共建方。",
        ],
    },
    "association": {
        "desc": [
            "{name}汇聚{sectors}领域会员单位和专家{members}家，{year}年在{city}成立，每年举办活动{events}场。",
            "{name}是{city}面向{sectors}领域企业的行业组织，现有会员单位{members}家。",
        ],
        "offer": [
            "面向{sectors}领域会员单位，提供{services}。",
            "年度论坛、会员名录、市场研究报告，以及对接{country}和{other}政府部门。",
        ],
        "seek": [
            "招募新会员单位，寻找{other}的合作协会以及在{city}举办的年度论坛赞助方。",
            "邀请{other}的演讲嘉宾和参展企业，并收集会员企业诉求向政策部门反映。",
        ],
    },
    "economic_zone": {
        "desc": [
            "{name}位于{city}，规划面积{area}平方公里，已集聚企业{firms}家，其中外资企业{foreign}家，形成"
            "{sectors}产业集群。",
            "{name}设立于{year}年，位于{city}，现有{sectors}领域入驻企业{firms}家。",
        ],
        "offer": [
            "为外资企业提供一站式落地服务：{services}。",
            "标准厂房和实验室即租即用、公共检测平台，以及会讲{other_lang}的招商服务团队。",
        ],
        "seek": [
            "诚邀{other}的{sectors}科技企业设立生产或研发基地。",
            "寻求{other}在{sectors}领域的投资项目，以及开展交流合作的友好园区。",
        ],
    },
}

PROGRAMMES = {
    "incubator": ["{brand}启航计划", "{brand}全球加速营", "{brand}软着陆计划"],
    "university": ["{brand}创业训练营"],
}

# Services an institution of a type offers; a few are combined per organisation.
SERVICES = {
    "support_agency": [
        "市场调研",
        "合作伙伴匹配",
        "法律与税务咨询",
        "代表处设立",
        "法人注册",
        "翻译",
        "代表团接待",
        "展会展位",
        "招聘与签证协助",
    ],
    "research_institute": ["联合研发项目", "中试线共享", "测试设施", "科研人员交流", "检测认证", "技术许可"],
    "association": ["会员交流活动", "代表团互访", "政策解读", "商务对接", "市场研究报告", "会员名录"],
    "economic_zone": [
        "企业注册",
        "前三年租金补贴",
        "税收优惠",
        "人才公寓",
        "应用场景对接",
        "通关便利",
        "{other_lang}服务窗口",
    ],
}
