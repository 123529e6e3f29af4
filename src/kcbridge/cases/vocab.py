"""Vocabularies of the voice of business: categories, statuses, regions and the SLA of each category.

Codes are stored and used by the API; labels in ko / zh / en are data (like the directory's taxonomy).
SLA targets follow the anchors of the field: EU SOLVIT (reply within 7 days, resolved within 10 weeks)
and Korea's civil-petition deadlines (7 days for a grievance, 14 for a legal question).
"""

from __future__ import annotations

from datetime import timedelta

from kcbridge.directory.taxonomy import Term

CATEGORIES: tuple[Term, ...] = (
    Term("regulation", "규제·인허가", "法规与许可", "Regulation and licences"),
    Term("market_access", "시장 진입·인증", "市场准入与认证", "Market access and certification"),
    Term("payments", "결제·외환", "支付与外汇", "Payments and currency"),
    Term("ip", "지식재산 보호", "知识产权保护", "IP protection"),
    Term("hiring_visas", "채용·비자", "招聘与签证", "Hiring and visas"),
    Term("data_rules", "데이터·사이버보안 규정", "数据与网络安全规则", "Data and cybersecurity rules"),
    Term("tax_customs", "세무·통관", "税务与海关", "Tax and customs"),
    Term("logistics", "물류", "物流", "Logistics"),
    Term("partner_disputes", "파트너 분쟁", "合作方纠纷", "Partner disputes"),
    Term("other", "기타", "其他", "Other"),
)

STATUSES: tuple[Term, ...] = (
    Term("submitted", "접수", "已提交", "Submitted"),
    Term("in_progress", "처리 중", "处理中", "In progress"),
    Term("waiting_firm", "기업 답변 대기", "等待企业答复", "Waiting for the firm"),
    Term("resolved", "해결", "已解决", "Resolved"),
    Term("refused", "반려", "已拒绝", "Refused"),
)
OPEN_STATUSES = ("submitted", "in_progress", "waiting_firm")
CLOSED_STATUSES = ("resolved", "refused")
# The status changes an institution may make; reassignment (back to "submitted") is separate.
TRANSITIONS: dict[str, frozenset[str]] = {
    "submitted": frozenset({"in_progress", "refused"}),
    "in_progress": frozenset({"waiting_firm", "resolved", "refused"}),
    "waiting_firm": frozenset({"in_progress", "resolved", "refused"}),
    "resolved": frozenset(),
    "refused": frozenset(),
}

REGIONS: tuple[Term, ...] = (
    Term("KR-seoul", "서울특별시", "首尔特别市", "Seoul"),
    Term("KR-busan", "부산광역시", "釜山广域市", "Busan"),
    Term("KR-daegu", "대구광역시", "大邱广域市", "Daegu"),
    Term("KR-incheon", "인천광역시", "仁川广域市", "Incheon"),
    Term("KR-gwangju", "광주광역시", "光州广域市", "Gwangju"),
    Term("KR-daejeon", "대전광역시", "大田广域市", "Daejeon"),
    Term("KR-ulsan", "울산광역시", "蔚山广域市", "Ulsan"),
    Term("KR-sejong", "세종특별자치시", "世宗特别自治市", "Sejong"),
    Term("KR-gyeonggi", "경기도", "京畿道", "Gyeonggi"),
    Term("KR-gangwon", "강원특별자치도", "江原特别自治道", "Gangwon"),
    Term("KR-chungbuk", "충청북도", "忠清北道", "North Chungcheong"),
    Term("KR-chungnam", "충청남도", "忠清南道", "South Chungcheong"),
    Term("KR-jeonbuk", "전북특별자치도", "全北特别自治道", "North Jeolla"),
    Term("KR-jeonnam", "전라남도", "全罗南道", "South Jeolla"),
    Term("KR-gyeongbuk", "경상북도", "庆尚北道", "North Gyeongsang"),
    Term("KR-gyeongnam", "경상남도", "庆尚南道", "South Gyeongsang"),
    Term("KR-jeju", "제주특별자치도", "济州特别自治道", "Jeju"),
    Term("CN-beijing", "베이징시", "北京市", "Beijing"),
    Term("CN-tianjin", "톈진시", "天津市", "Tianjin"),
    Term("CN-shanghai", "상하이시", "上海市", "Shanghai"),
    Term("CN-chongqing", "충칭시", "重庆市", "Chongqing"),
    Term("CN-hebei", "허베이성", "河北省", "Hebei"),
    Term("CN-shanxi", "산시성(山西)", "山西省", "Shanxi"),
    Term("CN-liaoning", "랴오닝성", "辽宁省", "Liaoning"),
    Term("CN-jilin", "지린성", "吉林省", "Jilin"),
    Term("CN-heilongjiang", "헤이룽장성", "黑龙江省", "Heilongjiang"),
    Term("CN-jiangsu", "장쑤성", "江苏省", "Jiangsu"),
    Term("CN-zhejiang", "저장성", "浙江省", "Zhejiang"),
    Term("CN-anhui", "안후이성", "安徽省", "Anhui"),
    Term("CN-fujian", "푸젠성", "福建省", "Fujian"),
    Term("CN-jiangxi", "장시성", "江西省", "Jiangxi"),
    Term("CN-shandong", "산둥성", "山东省", "Shandong"),
    Term("CN-henan", "허난성", "河南省", "Henan"),
    Term("CN-hubei", "후베이성", "湖北省", "Hubei"),
    Term("CN-hunan", "후난성", "湖南省", "Hunan"),
    Term("CN-guangdong", "광둥성", "广东省", "Guangdong"),
    Term("CN-hainan", "하이난성", "海南省", "Hainan"),
    Term("CN-sichuan", "쓰촨성", "四川省", "Sichuan"),
    Term("CN-guizhou", "구이저우성", "贵州省", "Guizhou"),
    Term("CN-yunnan", "윈난성", "云南省", "Yunnan"),
    Term("CN-shaanxi", "산시성(陝西)", "陕西省", "Shaanxi"),
    Term("CN-gansu", "간쑤성", "甘肃省", "Gansu"),
    Term("CN-qinghai", "칭하이성", "青海省", "Qinghai"),
    Term("CN-innermongolia", "네이멍구자치구", "内蒙古自治区", "Inner Mongolia"),
    Term("CN-guangxi", "광시좡족자치구", "广西壮族自治区", "Guangxi"),
    Term("CN-tibet", "시짱자치구", "西藏自治区", "Tibet"),
    Term("CN-ningxia", "닝샤후이족자치구", "宁夏回族自治区", "Ningxia"),
    Term("CN-xinjiang", "신장위구르자치구", "新疆维吾尔自治区", "Xinjiang"),
)
CASE_COUNTRIES: tuple[Term, ...] = (
    Term("KR", "한국", "韩国", "Korea"),
    Term("CN", "중국", "中国", "China"),
)

CATEGORY_CODES = frozenset(t.code for t in CATEGORIES)
STATUS_CODES = frozenset(t.code for t in STATUSES)
REGION_CODES = frozenset(t.code for t in REGIONS)
COUNTRY_CODES = frozenset(t.code for t in CASE_COUNTRIES)
LANGS = ("ko", "zh", "en")
# Organisation types that may receive cases (routing targets) and that may file them (firms).
INSTITUTION_TYPES = ("support_agency", "government", "association", "economic_zone", "incubator")
FIRM_TYPES = ("company", "investor", "incubator", "university", "research_institute")

# (first reply, resolution) per category; the resolution clock stops while the case waits for the firm.
SLA: dict[str, tuple[timedelta, timedelta]] = {
    "regulation": (timedelta(days=7), timedelta(days=70)),
    "market_access": (timedelta(days=7), timedelta(days=70)),
    "payments": (timedelta(days=7), timedelta(days=42)),
    "ip": (timedelta(days=14), timedelta(days=90)),
    "hiring_visas": (timedelta(days=7), timedelta(days=42)),
    "data_rules": (timedelta(days=14), timedelta(days=70)),
    "tax_customs": (timedelta(days=7), timedelta(days=56)),
    "logistics": (timedelta(days=7), timedelta(days=28)),
    "partner_disputes": (timedelta(days=14), timedelta(days=90)),
    "other": (timedelta(days=7), timedelta(days=70)),
}

_BY_CODE = {t.code: t for group in (CATEGORIES, STATUSES, REGIONS, CASE_COUNTRIES) for t in group}


def label(code: str | None, lang: str) -> str:
    """Label of a category, status, region or country code in `lang`; the code when unknown."""
    if not code:
        return ""
    term = _BY_CODE.get(code)
    return term.label(lang) if term else code


def country_of(region: str) -> str:
    """KR or CN: the country a region code belongs to."""
    return region.split("-", 1)[0]


def regions_of(country: str) -> tuple[Term, ...]:
    return tuple(r for r in REGIONS if country_of(r.code) == country)
