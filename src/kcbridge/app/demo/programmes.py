"""About 1,500 demo programmes run by the demo's incubators, zones, governments and support agencies.

The programmes of real institutions are written by hand (the Beijing humanoid-robot innovation centre's
incubation for Korean robot firms, the Daxing airport zone's landing service, KIC China's startup
competition, Zhongguancun Inno-Way's programmes, Peking University's startup camp); the rest are drawn
from templates in Korean, Chinese and English, deterministically. Vectors are computed at the end.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.db import utcnow
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking.embedding import embed as embed_entities
from kcbridge.programmes import repository as repo
from kcbridge.programmes.models import Programme, ProgrammeSector, ProgrammeText

TARGET = 1500
OPERATOR_TYPES = ("incubator", "support_agency", "government", "economic_zone", "university", "investor")
LANG_INDEX = {"ko": 0, "zh": 1, "en": 2}

# Hand-written programmes of real institutions: (operator name_en, fields, texts).
REAL: list[tuple[str, dict[str, Any], dict[str, tuple[str, str, str]]]] = [
    (
        "Beijing Humanoid Robot Innovation Center",
        dict(
            prog_type="incubation",
            sectors=["humanoid_robots", "robot_components", "robotics"],
            stages=["seed", "early", "growth"],
            nationalities=["KR"],
            org_types=["company"],
            city="Beijing",
            days=75,
            capacity=12,
        ),
        {
            "zh": (
                "人形机器人创新中心孵化计划：面向韩国灵巧手与触觉传感企业",
                "北京人形机器人创新中心面向韩国机器人企业开放孵化席位：灵巧手、电子皮肤触觉传感器、关节与驱动等"
                "核心零部件团队可入驻亦庄中试基地，对接整机企业联合测试，并在汽车与电子装配线上开展试点应用。",
                "免费办公与实验工位12个月；整机平台联合测试；中试与小批量试产支持；工商注册和知识产权咨询。",
            ),
            "ko": (
                "휴머노이드 로봇 혁신센터 인큐베이션: 한국 로봇 핸드·촉각센서 기업 모집",
                "베이징 휴머노이드 로봇 혁신센터가 한국 로봇 기업을 위한 입주 보육 자리를 엽니다. 로봇 핸드, "
                "전자피부 촉각센서, 관절·구동 부품 팀은 이좡 파일럿 기지에 입주해 완성 로봇 기업과 공동 시험을 하고 "
                "자동차·전자 조립 라인에서 실증할 수 있습니다.",
                "12개월 무상 사무·실험 공간, 완성 로봇 플랫폼 공동 시험, 시험 생산 지원, 법인 설립·지재권 상담.",
            ),
        },
    ),
    (
        "Beijing Daxing International Airport Economic Zone",
        dict(
            prog_type="zone_landing",
            sectors=[],
            stages=["early", "growth", "mature"],
            nationalities=["KR", "OTHER"],
            org_types=["company"],
            city="Beijing",
            days=None,
        ),
        {
            "zh": (
                "临空经济区外资企业一站式落地服务",
                "为外资企业提供从代表处、法人公司到工厂的一站式落地服务：选址、工商注册、海关与跨境物流、"
                "人才公寓与政策申报，专人全程陪同。",
                "落地补贴与前三年租金减免；综合保税区通关便利；一站式政务窗口。",
            ),
            "en": (
                "One-stop landing service for foreign companies at the airport economic zone",
                "From representative office to legal entity to factory: site selection, registration, customs and "
                "cross-border logistics, talent housing and policy applications, with one case manager throughout.",
                "Landing subsidies and rent relief for three years; fast customs in the bonded zone.",
            ),
        },
    ),
    (
        "Korea Innovation Center (KIC) China",
        dict(
            prog_type="competition",
            sectors=["ai", "robotics", "cloud", "semiconductors", "bio_healthcare"],
            stages=["seed", "early", "growth"],
            nationalities=["KR"],
            org_types=["company"],
            city="Beijing",
            format="hybrid",
            days=45,
            capacity=30,
        ),
        {
            "ko": (
                "KIC중국 한중 혁신 스타트업 경진대회",
                "중국 시장 진출을 준비하는 한국 기술 스타트업을 위한 경진대회입니다. 서류·온라인 예선을 거쳐 "
                "베이징 중관촌 본선에서 중국 투자자와 대기업 앞에서 발표합니다.",
                "수상 기업 베이징 입주 공간 6개월, 중국 투자자 IR, 현지 법인 설립 컨설팅.",
            ),
            "zh": (
                "KIC中国 中韩创新创业大赛",
                "面向计划进入中国市场的韩国科技初创企业：线上初赛后，在北京中关村决赛，向中国投资人和大企业路演。",
                "获奖企业可获6个月北京办公空间、投资人对接和落地咨询。",
            ),
        },
    ),
    (
        "Zhongguancun Inno-Way",
        dict(
            prog_type="soft_landing",
            sectors=["ai", "big_data", "cloud", "robotics"],
            stages=["seed", "early"],
            nationalities=["KR", "OTHER"],
            org_types=["company"],
            city="Beijing",
            days=60,
            capacity=20,
        ),
        {
            "zh": (
                "创业大街国际软着陆计划（韩国专场）",
                "为期12周，帮助韩国科技初创企业在北京落地：市场验证、客户对接、工商注册与人才招聘。",
                "免费工位、导师辅导、政策申报协助、投资人路演日。",
            ),
            "ko": (
                "중관촌 창업대가 소프트랜딩 프로그램(한국 특별반)",
                "12주 동안 한국 기술 스타트업의 베이징 안착을 돕습니다: 시장 검증, 고객 연결, 법인 설립과 채용.",
                "무상 입주 공간, 멘토링, 정책 신청 지원, 투자자 데모데이.",
            ),
        },
    ),
    (
        "Peking University",
        dict(
            prog_type="training",
            sectors=[],
            stages=["idea", "seed"],
            nationalities=[],
            org_types=["company"],
            city="Beijing",
            format="hybrid",
            days=40,
            capacity=60,
        ),
        {
            "zh": (
                "北大创业训练营：中韩青年创业者专班",
                "为期8周的创业训练与导师辅导：商业模式、融资、中国市场合规，结业路演。",
                "校友导师一对一辅导；结业证书；优秀团队推荐入驻孵化器。",
            ),
            "en": (
                "Peking University startup camp: Korea–China founders track",
                "Eight weeks of training and mentoring on business models, fundraising and compliance in China, "
                "ending with a pitch day.",
                "One-to-one alumni mentors; certificate; the best teams are referred to incubators.",
            ),
        },
    ),
    (
        "Beijing Economic-Technological Development Area (E-Town)",
        dict(
            prog_type="zone_landing",
            sectors=["robotics", "humanoid_robots", "robot_components"],
            stages=["early", "growth"],
            nationalities=["KR"],
            org_types=["company"],
            city="Beijing",
            days=120,
        ),
        {
            "zh": (
                "亦庄机器人产业落地计划：韩国机器人企业设立研发中心与工厂",
                "支持韩国机器人与核心零部件企业在北京亦庄设立研发中心、法人公司或生产基地，对接人形机器人整机企业"
                "与应用场景。",
                "厂房租金补贴、设备购置补助、首台套应用场景对接。",
            ),
        },
    ),
]

TITLES: dict[str, list[tuple[str, str, str]]] = {
    "incubation": [
        (
            "{op} {sector} 스타트업 입주 보육 {n}기",
            "{op}{sector}初创企业入驻孵化第{n}期",
            "{op} {sector} incubation, cohort {n}",
        ),
        (
            "{city} {sector} 인큐베이션 프로그램",
            "{city}{sector}孵化计划",
            "{sector} incubation programme in {city}",
        ),
    ],
    "acceleration": [
        ("{sector} 액셀러레이팅 {n}기 모집", "{sector}加速营第{n}期招募", "{sector} accelerator, batch {n}"),
        (
            "{op} 글로벌 액셀러레이터: {sector}",
            "{op}全球加速计划：{sector}",
            "{op} global accelerator: {sector}",
        ),
    ],
    "soft_landing": [
        (
            "{city} 소프트랜딩 프로그램: {sector} 기업",
            "{city}软着陆计划：{sector}企业",
            "Soft landing in {city} for {sector} firms",
        ),
        (
            "{sector} 기업 {city} 시장 진출 지원 {n}기",
            "{sector}企业{city}市场进入支持第{n}期",
            "{city} market entry for {sector} firms, round {n}",
        ),
    ],
    "zone_landing": [
        (
            "{op} 외국기업 입주 지원: {sector}",
            "{op}外资企业落地支持：{sector}",
            "{op} landing support for foreign {sector} firms",
        ),
        (
            "{city} 사무소·법인·공장 설립 원스톱 서비스",
            "{city}办事处/法人/工厂设立一站式服务",
            "One-stop office, entity and factory set-up in {city}",
        ),
    ],
    "competition": [
        (
            "{year} {sector} 창업 경진대회",
            "{year}年{sector}创新创业大赛",
            "{year} {sector} startup competition",
        ),
        (
            "{op} 한중 스타트업 챌린지 {n}회",
            "{op}中韩创业挑战赛第{n}届",
            "{op} Korea–China startup challenge no. {n}",
        ),
    ],
    "training": [
        (
            "{sector} 창업 교육·멘토링 {n}기",
            "{sector}创业培训与导师辅导第{n}期",
            "{sector} founder training and mentoring, cohort {n}",
        ),
        ("중국 진출 실무 아카데미: {sector}", "中国市场实务学院：{sector}", "China market academy: {sector}"),
    ],
    "funding": [
        (
            "{sector} 기술기업 지원금 {year}",
            "{year}年{sector}科技企业专项资金",
            "{year} grant for {sector} technology firms",
        ),
        (
            "{op} 해외 진출 바우처: {sector}",
            "{op}出海/落地补贴：{sector}",
            "{op} market-entry voucher: {sector}",
        ),
    ],
    "exhibition": [
        (
            "{city} {sector} 데모데이 {n}회",
            "{city}{sector}路演日第{n}场",
            "{sector} demo day in {city}, no. {n}",
        ),
        (
            "{year} {sector} 전시회 한중 공동관 참가 기업 모집",
            "{year}年{sector}展会中韩联合展区招展",
            "{year} {sector} fair: Korea–China pavilion",
        ),
    ],
}

DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    "incubation": (
        "{sector} 분야 초기 기업이 {weeks}주 동안 입주해 사무 공간, 전문가 멘토링과 고객·투자자 연결을 받습니다.",
        "面向{sector}领域的初创团队，入驻{weeks}周，提供办公空间、专家辅导以及客户和投资人对接。",
        "Early-stage {sector} teams move in for {weeks} weeks: office space, expert mentoring and introductions "
        "to customers and investors.",
    ),
    "acceleration": (
        "{weeks}주 집중 액셀러레이팅으로 제품-시장 적합성을 검증하고 데모데이에서 투자자에게 발표합니다.",
        "为期{weeks}周的加速营，验证产品市场匹配，并在路演日向投资人展示。",
        "A {weeks}-week accelerator to test product–market fit, ending with a demo day for investors.",
    ),
    "soft_landing": (
        "{city} 현지 시장 조사, 파트너 연결, 법인 설립과 인력 채용까지 {weeks}주 동안 단계별로 지원합니다.",
        "用{weeks}周时间，分阶段支持在{city}的市场调研、伙伴对接、公司注册和人才招聘。",
        "Step-by-step support for {weeks} weeks in {city}: market research, partner meetings, company "
        "registration and hiring.",
    ),
    "zone_landing": (
        "{city}에 대표사무소, 현지 법인 또는 공장을 설립하려는 외국 기업에 부지 선정, 인허가, 세관 업무를 원스톱으로 지원합니다.",
        "为计划在{city}设立代表处、法人公司或工厂的外资企业提供选址、审批和海关一站式服务。",
        "For foreign firms opening a representative office, legal entity or factory in {city}: site selection, "
        "permits and customs in one place.",
    ),
    "competition": (
        "{sector} 분야 스타트업이 예선과 본선을 거쳐 심사위원과 투자자 앞에서 발표합니다. 본선 진출 {cap}개 팀.",
        "{sector}领域初创企业经初赛、决赛，向评委和投资人路演。决赛名额{cap}个。",
        "{sector} startups pitch to judges and investors through a preliminary and a final round; {cap} finalists.",
    ),
    "training": (
        "중국·한국 시장 진출에 필요한 실무(계약, 지식재산, 인증, 세무)를 {weeks}주 동안 강의와 1:1 멘토링으로 배웁니다.",
        "用{weeks}周的课程和一对一辅导，学习进入中韩市场所需的合同、知识产权、认证和税务实务。",
        "{weeks} weeks of classes and one-to-one mentoring on contracts, IP, certification and tax for entering "
        "the Korean or Chinese market.",
    ),
    "funding": (
        "{sector} 기술기업의 해외 진출과 현지화 비용 일부를 지원합니다. 선정 기업 {cap}곳.",
        "为{sector}科技企业的海外拓展和本地化提供部分费用补贴，拟支持{cap}家企业。",
        "Covers part of the cost of going abroad and localising for {sector} technology firms; {cap} firms funded.",
    ),
    "exhibition": (
        "{city}에서 열리는 {sector} 행사에서 제품을 전시하고 바이어·투자자와 상담합니다.",
        "在{city}举办的{sector}活动中展示产品，并与采购商和投资人洽谈。",
        "Show your products at a {sector} event in {city} and meet buyers and investors.",
    ),
}

BENEFITS: list[tuple[str, str, str]] = [
    ("무상 입주 공간", "免费办公工位", "free desks"),
    ("전문가 1:1 멘토링", "专家一对一辅导", "one-to-one expert mentoring"),
    ("투자자 데모데이", "投资人路演日", "an investor demo day"),
    ("법인 설립·비자 지원", "工商注册与签证协助", "help with company registration and visas"),
    ("통역 지원", "翻译支持", "interpreters"),
    ("실증 현장 연결", "试点场景对接", "introductions to pilot sites"),
    ("임대료 감면", "租金减免", "rent relief"),
    ("참가비 무료", "免参赛费", "no participation fee"),
    ("상금", "奖金", "prize money"),
    ("대기업 오픈이노베이션 연결", "大企业开放创新对接", "corporate open-innovation meetings"),
]
BENEFIT_INTRO = ("혜택: ", "支持内容：", "Benefits: ")
GENERIC_SECTOR = ("기술", "科技", "technology")
TYPES_BY_OPERATOR = {
    "incubator": ["incubation", "acceleration", "soft_landing", "training", "exhibition"],
    "support_agency": ["soft_landing", "exhibition", "training", "competition", "funding"],
    "government": ["funding", "competition", "zone_landing", "soft_landing"],
    "economic_zone": ["zone_landing", "soft_landing", "incubation"],
    "university": ["training", "competition", "incubation"],
    "investor": ["acceleration", "funding", "competition"],
}
CHINA_CITIES = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Suzhou"]
# City names as Korean and Chinese texts write them (the English name is the stored form).
CITY_NAMES: dict[str, tuple[str, str]] = {
    "Beijing": ("베이징", "北京"), "Shanghai": ("상하이", "上海"), "Shenzhen": ("선전", "深圳"),
    "Hangzhou": ("항저우", "杭州"), "Suzhou": ("쑤저우", "苏州"), "Guangzhou": ("광저우", "广州"),
    "Tianjin": ("톈진", "天津"), "Yantai": ("옌타이", "烟台"), "Ningbo": ("닝보", "宁波"),
    "Changsha": ("창사", "长沙"), "Xiamen": ("샤먼", "厦门"), "Chengdu": ("청두", "成都"),
    "Wuxi": ("우시", "无锡"), "Guiyang": ("구이양", "贵阳"), "Dalian": ("다롄", "大连"),
    "Shenyang": ("선양", "沈阳"), "Yiwu": ("이우", "义乌"), "Seoul": ("서울", "首尔"),
    "Suwon": ("수원", "水原"), "Sejong": ("세종", "世宗"), "Incheon": ("인천", "仁川"),
    "Daegu": ("대구", "大邱"), "Daejeon": ("대전", "大田"), "Seongnam (Pangyo)": ("성남(판교)", "城南（板桥）"),
    "Ansan": ("안산", "安山"), "Changwon": ("창원", "昌原"), "Jeju": ("제주", "济州"),
    "Pohang": ("포항", "浦项"), "Goyang": ("고양", "高阳"), "Busan": ("부산", "釜山"),
    "Qingdao": ("칭다오", "青岛"),
}  # fmt: skip


def _find(db: Session, name: str) -> Organisation | None:
    return db.scalars(
        select(Organisation)
        .where(
            or_(Organisation.name_en == name, Organisation.name_zh == name, Organisation.name_ko == name),
            Organisation.deleted_at.is_(None),
        )
        .options(selectinload(Organisation.sector_rows))
    ).first()


def _drawn(rng: random.Random, org: Organisation, n: int, today: date) -> dict[str, Any]:
    """One templated programme of `org` (its n-th), in its home language and sometimes more."""
    prog_type = rng.choice(TYPES_BY_OPERATOR.get(org.org_type, TYPES_BY_OPERATOR["support_agency"]))
    own = org.sectors or ["ai"]
    sectors = [] if rng.random() < 0.25 else sorted(set(rng.sample(own, k=min(len(own), rng.randint(1, 3)))))
    country, city = org.country, org.city or ("Seoul" if org.country == "KR" else "Beijing")
    if org.country == "KR" and prog_type in ("soft_landing", "exhibition") and rng.random() < 0.6:
        country, city = "CN", rng.choice(CHINA_CITIES)  # Korean agencies take Korean firms to China
    nationalities = {
        "CN": rng.choice([["KR"], ["KR"], [], ["KR", "OTHER"], ["CN", "KR"]]),
        "KR": rng.choice([["KR"], ["KR"], [], ["KR", "CN"]]),
    }.get(org.country, [])
    stages = rng.choice(
        [[], [], ["seed", "early"], ["early", "growth"], ["idea", "seed"], ["growth", "mature"]]
    )
    roll = rng.random()
    deadline = None if roll < 0.1 else today + timedelta(days=rng.randint(-40, 150))
    opens = (deadline or today) - timedelta(days=rng.randint(20, 90))
    status = "draft" if n % 23 == 7 else "closed" if n % 31 == 11 else "published"
    fields = dict(
        prog_type=prog_type,
        sectors=sectors,
        stages=stages,
        nationalities=nationalities,
        org_types=[] if rng.random() < 0.6 else ["company"],
        country=country,
        city=city,
        format=rng.choice(["on_site", "on_site", "on_site", "hybrid", "hybrid", "online"]),
        opens_on=opens,
        deadline=deadline,
        starts_on=(deadline + timedelta(days=rng.randint(14, 45))) if deadline else None,
        capacity=rng.choice([None, 8, 10, 12, 15, 20, 30, 50]),
        status=status,
    )
    home = {"KR": "ko", "CN": "zh"}.get(org.country, "en")
    langs = [home] + [lang for lang in ("zh", "ko", "en") if lang != home and rng.random() < 0.3]
    title_t = rng.choice(TITLES[prog_type])
    picks = rng.sample(BENEFITS, k=3)
    values = {
        "n": 1 + n % 9,
        "year": today.year + (1 if today.month > 10 else 0),
        "weeks": rng.choice([6, 8, 10, 12, 16, 24]),
        "cap": fields["capacity"] or 20,
    }
    texts = {}
    for lang in langs:
        i = LANG_INDEX[lang]
        sector = tx.label(sectors[0], lang) if sectors else GENERIC_SECTOR[i]
        place = CITY_NAMES.get(city, (city, city))[i] if i < 2 else city
        words = dict(values, sector=sector, city=place, op=org.name(lang))
        sep = "、" if lang == "zh" else ", "
        benefits = BENEFIT_INTRO[i] + sep.join(b[i] for b in picks) + ("。" if lang == "zh" else ".")
        texts[lang] = (title_t[i].format(**words)[:200], DESCRIPTIONS[prog_type][i].format(**words), benefits)
    return {"fields": fields, "texts": texts}


def _add(
    db: Session, org: Organisation, fields: dict[str, Any], texts: Mapping[str, tuple[str, ...]]
) -> Programme:
    now = utcnow()
    sectors = fields.pop("sectors", [])
    p = Programme(
        organisation_id=org.id, **fields, published_at=now if fields["status"] == "published" else None
    )
    p.texts = [
        ProgrammeText(
            lang=lang, title=t[0], description=t[1], benefits=t[2] if len(t) > 2 else "", eligibility=""
        )
        for lang, t in texts.items()
    ]
    p.sector_rows = [ProgrammeSector(sector=s) for s in sorted(set(sectors))]
    db.add(p)
    return p


def load_demo(db: Session, target: int = TARGET, embed: bool = True) -> str:
    """The real institutions' programmes, then templated ones up to `target`, then their vectors."""
    if db.scalar(select(func.count()).select_from(Programme)):
        return "demo programmes not loaded: there are programmes already"
    rng = random.Random(11)
    today = date.today()
    made: list[Programme] = []
    for name, spec, texts in REAL:
        org = _find(db, name)
        if org is None:
            continue
        fields = dict(spec)
        days = fields.pop("days", None)
        fields.setdefault("format", "on_site")
        fields.update(
            country="CN",
            status="published",
            deadline=today + timedelta(days=days) if days else None,
            opens_on=today - timedelta(days=20),
        )
        made.append(_add(db, org, fields, texts))
    operators = list(
        db.scalars(
            select(Organisation)
            .where(Organisation.org_type.in_(OPERATOR_TYPES), Organisation.deleted_at.is_(None))
            .options(selectinload(Organisation.sector_rows))
            .order_by(Organisation.id)
        )
    )
    inno_way = next((o for o in operators if o.name_en == "Zhongguancun Inno-Way"), None)
    n = 0
    while operators and len(made) < target:
        # The startup street's ~50 service organisations run many programmes: one in ten is theirs.
        org = inno_way if inno_way is not None and n % 10 == 0 else operators[n % len(operators)]
        drawn = _drawn(rng, org, n, today)
        made.append(_add(db, org, drawn["fields"], drawn["texts"]))
        n += 1
    db.flush()
    repo.bump(db)
    actor = Actor.system("demo loader")
    for p in made:
        audit_service.record(
            db,
            actor=actor,
            action="create",
            entity_type="programme",
            entity_id=p.id,
            changes={"status": p.status},
        )
    vectors = 0
    if embed:
        vectors = embed_entities(db, docs.PROG, [p.id for p in made])
    langs = {t.lang for p in made for t in p.texts}
    return f"demo programmes loaded: {len(made)} programmes in {'/'.join(sorted(langs))}, {vectors} embedded"
