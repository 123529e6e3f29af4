"""Controlled vocabularies of the directory, with their labels in ko / zh / en.

Codes are stored in the database and used by the API; labels are shown to people.
They live in code (not in the gettext catalogs) because they are data with a fixed
trilingual form, and the engines compare codes, never labels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    ko: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        """The label in `lang` (ko, zh, en); English for anything else."""
        return {"ko": self.ko, "zh": self.zh}.get(lang[:2], self.en)


SECTORS: tuple[Term, ...] = (
    Term("ai", "인공지능", "人工智能", "Artificial intelligence"),
    Term("robotics", "로봇", "机器人", "Robotics"),
    Term("humanoid_robots", "휴머노이드 로봇", "人形机器人", "Humanoid robots"),
    Term("robot_components", "로봇 핵심부품", "机器人核心零部件", "Robot components"),
    Term("big_data", "빅데이터", "大数据", "Big data"),
    Term("cloud", "클라우드", "云计算", "Cloud"),
    Term("iot_5g", "5G·사물인터넷", "5G与物联网", "5G / IoT"),
    Term("semiconductors", "반도체", "半导体", "Semiconductors"),
    Term("display", "디스플레이", "显示", "Display"),
    Term("hydrogen", "수소", "氢能", "Hydrogen"),
    Term("batteries_mobility", "배터리·모빌리티", "电池与出行", "Batteries / mobility"),
    Term("bio_healthcare", "바이오·헬스케어", "生物医药与健康", "Bio / healthcare"),
    Term("medical_devices", "의료기기", "医疗器械", "Medical devices"),
    Term("fintech", "핀테크", "金融科技", "Fintech"),
    Term("content_media", "콘텐츠·미디어", "内容与传媒", "Content / media"),
    Term("games", "게임", "游戏", "Games"),
    Term("smart_manufacturing", "스마트 제조", "智能制造", "Smart manufacturing"),
    Term("carbon_neutral_energy", "탄소중립·에너지", "碳中和与能源", "Carbon-neutral / energy"),
    Term("ecommerce", "전자상거래", "电子商务", "E-commerce"),
    Term("edtech", "에듀테크", "教育科技", "Edtech"),
    Term("agritech", "농업기술", "农业科技", "Agritech"),
    Term("cosmetics_consumer", "화장품·소비재", "化妆品与消费品", "Cosmetics / consumer goods"),
    Term("logistics", "물류", "物流", "Logistics"),
    Term("data_centre", "데이터센터", "数据中心", "Data centres"),
    Term("cybersecurity", "사이버보안", "网络安全", "Cybersecurity"),
    Term("materials_chemicals", "소재·화학", "材料与化工", "Materials / chemicals"),
    Term("smart_city", "스마트시티", "智慧城市", "Smart city"),
    Term("aerospace_drones", "항공우주·드론", "航空航天与无人机", "Aerospace / drones"),
)

ORG_TYPES: tuple[Term, ...] = (
    Term("company", "기업", "企业", "Company"),
    Term("investor", "투자기관", "投资机构", "Investor"),
    Term("incubator", "인큐베이터·액셀러레이터", "孵化器/加速器", "Incubator / accelerator"),
    Term("support_agency", "지원기관", "支持机构", "Support agency"),
    Term("government", "정부기관", "政府机构", "Government body"),
    Term("university", "대학", "高校", "University"),
    Term("research_institute", "연구기관", "科研院所", "Research institute"),
    Term("economic_zone", "경제구역·클러스터", "经济区/产业集群", "Economic zone / cluster"),
    Term("association", "협회·단체", "协会/社团", "Association"),
)

COMPANY_SIZES: tuple[Term, ...] = (
    Term("startup", "스타트업", "初创企业", "Startup"),
    Term("sme", "중소기업", "中小企业", "SME"),
    Term("large", "대기업", "大型企业", "Large enterprise"),
)

STAGES: tuple[Term, ...] = (
    Term("idea", "아이디어", "创意阶段", "Idea"),
    Term("seed", "시드", "种子期", "Seed"),
    Term("early", "초기", "初创期", "Early stage"),
    Term("growth", "성장", "成长期", "Growth"),
    Term("mature", "성숙", "成熟期", "Mature"),
)

COUNTRIES: tuple[Term, ...] = (
    Term("KR", "한국", "韩国", "Korea"),
    Term("CN", "중국", "中国", "China"),
    Term("OTHER", "기타", "其他", "Other"),
)

LANGUAGES: tuple[Term, ...] = (
    Term("ko", "한국어", "韩语", "Korean"),
    Term("zh", "중국어", "中文", "Chinese"),
    Term("en", "영어", "英语", "English"),
)

SECTOR_CODES = frozenset(t.code for t in SECTORS)
ORG_TYPE_CODES = frozenset(t.code for t in ORG_TYPES)
SIZE_CODES = frozenset(t.code for t in COMPANY_SIZES)
STAGE_CODES = frozenset(t.code for t in STAGES)
COUNTRY_CODES = frozenset(t.code for t in COUNTRIES)
LANGUAGE_CODES = frozenset(t.code for t in LANGUAGES)

_BY_CODE = {
    t.code: t for group in (SECTORS, ORG_TYPES, COMPANY_SIZES, STAGES, COUNTRIES, LANGUAGES) for t in group
}


def label(code: str, lang: str) -> str:
    """Label of any vocabulary code in `lang`; the code itself when unknown."""
    term = _BY_CODE.get(code)
    return term.label(lang) if term else code
