"""Hand-written invented organisations that the acceptance stories lean on.

The Seoul humanoid-hand startup, the Pangyo cloud/software/vision firms, and the Chinese robot-body,
component, foundation-model, smartphone, hydrogen, battery, content and incubation counterparts.
All invented; websites and e-mails use the reserved .example domain.
"""

from __future__ import annotations


def _t(description: str, offer: str, seek: str) -> dict[str, str]:
    return {"description": description, "offer": offer, "seek": seek}


def _p(name: str, title: str, email: str, phone: str, langs: str, public: bool = False) -> dict:
    return {"name": name, "title": title, "email": email, "phone": phone, "languages": langs.split(","),
            "public": public}  # fmt: skip


def _org(key, names, org_type, size, stage, city, sectors, founded, domain, texts, people) -> dict:
    return {
        "key": key,
        "names": names,
        "org_type": org_type,
        "size": size,
        "stage": stage,
        "country": key[:2].upper(),
        "city": city,
        "sectors": sectors,
        "founded": founded,
        "website": f"https://www.{domain}",
        "texts": texts,
        "people": people,
    }


ANCHORS = [
    _org(
        "kr-seoul-humanoid-robots-001",
        {"ko": "㈜로보터치", "en": "RoboTouch Inc.", "zh": "罗博触控株式会社"},
        "company",
        "startup",
        "early",
        "Seoul",
        ["humanoid_robots", "robot_components", "robotics"],
        2020,
        "robotouch.example",
        {
            "ko": _t(
                "㈜로보터치는 2020년 서울에서 창업한 휴머노이드 로봇 핸드 전문 스타트업입니다. 자체 개발한 "
                "전자피부(e-skin) 촉각센서를 손가락 마디마다 적용해, 사람 손처럼 미세한 힘을 느끼고 조절하는 5지 "
                "로봇 핸드를 만듭니다. 임직원 18명 중 12명이 연구개발 인력이며, 촉각센서와 손가락 구동 구조 관련 "
                "특허 9건을 등록했습니다.",
                "22자유도 로봇 핸드 시제품, 전자피부 센서 모듈, 파지 제어 SDK를 제공합니다. 공동 실증 시 현장 "
                "엔지니어를 파견할 수 있습니다.",
                "로봇 핸드를 월 500대 이상 양산할 수 있는 중국 제조 파트너와, 자동차·전자 조립 라인에서 6개월간 "
                "실증할 파일럿 사이트를 찾고 있습니다. 베이징·선전의 인큐베이션 프로그램 입주도 희망합니다.",
            ),
            "en": _t(
                "RoboTouch, founded in Seoul in 2020, builds five-finger humanoid robot hands with its own "
                "electronic-skin tactile sensors on every finger segment, so the hand feels and controls fine "
                "forces like a human hand. 12 of its 18 staff work in R&D; it holds 9 registered patents.",
                "Prototype 22-DoF robot hands, e-skin sensor modules and a grasp-control SDK; engineers on site "
                "for joint pilots.",
                "A Chinese manufacturing partner able to build 500+ hands a month, and a pilot site on an "
                "automotive or electronics assembly line for a six-month trial. We would also like to join an "
                "incubation programme in Beijing or Shenzhen.",
            ),
        },
        [
            _p("김지훈", "대표이사", "jihoon.kim@robotouch.example", "+82-10-2041-7713", "ko,en"),
            _p("박서연", "CTO", "seoyeon.park@robotouch.example", "+82-10-5582-0934", "ko,en"),
            _p("王婷", "중국사업 매니저", "ting.wang@robotouch.example", "+82-10-7730-1258", "zh,ko,en"),
        ],
    ),
    _org(
        "kr-seongnam-pangyo-cloud-001",
        {"ko": "㈜넥스클라우드", "en": "NexCloud Co., Ltd.", "zh": "耐斯云株式会社"},
        "company",
        "sme",
        "growth",
        "Seongnam (Pangyo)",
        ["cloud", "data_centre", "cybersecurity"],
        2014,
        "nexcloud.example",
        {
            "ko": _t(
                "넥스클라우드는 판교에 본사를 둔 클라우드 관리서비스(MSP) 기업입니다. 2014년 설립 이후 제조·유통·"
                "게임 기업 340여 곳의 퍼블릭 클라우드 전환과 24시간 운영을 맡아 왔으며, 클라우드 자격증을 보유한 "
                "엔지니어 120명을 포함해 임직원 210명이 일하고 있습니다.",
                "멀티클라우드 전환·운영, 비용 최적화(FinOps), 보안관제를 한국어·중국어·영어로 제공합니다. 중국에 "
                "진출한 한국 기업의 현지 클라우드 인프라 구축 경험이 있습니다.",
                "상하이의 대형 클라우드 사업자와의 MSP 파트너십, 그리고 한국 시장에 진출하려는 중국 기업 고객을 "
                "찾고 있습니다.",
            ),
            "zh": _t(
                "耐斯云是一家总部位于韩国板桥的云托管服务商（MSP）。自2014年成立以来，已为340余家制造、零售和游戏"
                "企业提供上云迁移和7×24小时运维服务，现有员工210人，其中持证云工程师120人。",
                "提供中韩英三语的多云迁移与运维、成本优化（FinOps）和安全运营服务，具备为在华韩企搭建本地云基础"
                "设施的经验。",
                "寻求与上海大型云服务商建立MSP合作，并寻找希望进入韩国市场的中国企业客户。",
            ),
            "en": _t(
                "NexCloud is a cloud managed-service provider (MSP) headquartered in Pangyo. Since 2014 it has "
                "migrated and operated public-cloud workloads for 340+ manufacturers, retailers and game "
                "companies; 120 of its 210 staff are certified cloud engineers.",
                "Multi-cloud migration and operations, FinOps and security monitoring in Korean, Chinese and "
                "English; experience building cloud infrastructure in China for Korean companies.",
                "An MSP partnership with a large cloud provider in Shanghai, and Chinese companies entering Korea "
                "as customers.",
            ),
        },
        [
            _p("이준호", "대표이사", "junho.lee@nexcloud.example", "+82-10-3318-6402", "ko,en"),
            _p("최유진", "해외사업팀장", "yujin.choi@nexcloud.example", "+82-10-9024-1187", "ko,zh,en", True),
            _p("한동현", "클라우드 아키텍트", "donghyun.han@nexcloud.example", "+82-10-6651-2290", "ko,en"),
        ],
    ),
    _org(
        "kr-seongnam-pangyo-cloud-002",
        {"ko": "㈜오피스누리", "en": "OfficeNuri Inc."},
        "company",
        "sme",
        "mature",
        "Seongnam (Pangyo)",
        ["cloud", "ai", "edtech"],
        2003,
        "officenuri.example",
        {
            "ko": _t(
                "오피스누리는 2003년부터 문서·스프레드시트·프레젠테이션 편집기와 협업 도구를 갖춘 오피스 "
                "소프트웨어를 개발해 온 판교 기업입니다. 공공기관과 학교, 기업 사용자 600만 명이 설치형과 SaaS "
                "제품을 쓰고 있으며, 최근 AI 문서 요약·초안 작성 기능을 출시했습니다.",
                "SaaS 오피스 제품군의 현지화 버전, 공동 서비스용 API, 교육기관용 라이선스를 제공합니다.",
                "중국 클라우드 사업자와의 SaaS 공동 서비스, 중국어 문서 호환성 시험 파트너, 현지 총판을 찾고 "
                "있습니다.",
            ),
            "en": _t(
                "OfficeNuri, based in Pangyo, has made office software since 2003: word processor, spreadsheet, "
                "presentation editor and collaboration tools. Six million users in public bodies, schools and "
                "companies use its installed and SaaS products; AI summarising and drafting launched recently.",
                "A localised SaaS office suite, APIs for co-branded services and licences for education.",
                "A Chinese cloud provider to run the SaaS jointly, a partner for Chinese document-compatibility "
                "testing, and a national distributor.",
            ),
        },
        [
            _p("정훈", "대표이사", "hoon.jung@officenuri.example", "+82-10-4470-3316", "ko"),
            _p("송민지", "글로벌사업팀장", "minji.song@officenuri.example", "+82-10-2287-5501", "ko,en,zh"),
        ],
    ),
    _org(
        "kr-seongnam-pangyo-ai-001",
        {"ko": "㈜비전가드에이아이", "en": "VisionGuard AI Inc.", "zh": "视卫智能株式会社"},
        "company",
        "startup",
        "growth",
        "Seongnam (Pangyo)",
        ["ai", "cybersecurity", "smart_city"],
        2017,
        "visionguard-ai.example",
        {
            "ko": _t(
                "비전가드에이아이는 CCTV 영상에서 침입, 쓰러짐, 화재 연기, 배회를 실시간으로 감지하는 AI 영상분석 "
                "보안 솔루션을 만듭니다. 판교 본사 임직원 46명, 공공기관·공장·물류센터 180곳에 구축했으며 "
                "개인정보 비식별 처리 기술 특허를 보유하고 있습니다.",
                "기존 카메라에 붙여 쓰는 엣지 분석 박스, 관제 소프트웨어, 현장 맞춤 학습 서비스를 제공합니다.",
                "중국 스마트시티 통합사업자, 선전의 카메라 OEM 제조사, 공장 보안 실증 현장을 찾고 있습니다.",
            ),
            "en": _t(
                "VisionGuard AI makes AI video analytics that detect intrusion, falls, smoke and loitering in "
                "CCTV streams in real time. 46 staff in Pangyo; installed at 180 public sites, factories and "
                "warehouses; patented privacy masking.",
                "Edge analytics boxes for existing cameras, monitoring software and on-site model training.",
                "Smart-city integrators in China, a camera OEM in Shenzhen and factory pilot sites.",
            ),
        },
        [
            _p("윤재현", "대표", "jaehyun.yoon@visionguard-ai.example", "+82-10-8812-4037", "ko,en"),
            _p("강은비", "사업개발 매니저", "eunbi.kang@visionguard-ai.example", "+82-10-3390-7715", "ko,zh"),
        ],
    ),
    _org(
        "kr-changwon-hydrogen-001",
        {"ko": "에이치투텍㈜", "en": "H2Tech Co., Ltd.", "zh": "氢途科技株式会社"},
        "company",
        "sme",
        "growth",
        "Changwon",
        ["hydrogen", "carbon_neutral_energy", "smart_manufacturing"],
        2012,
        "h2tech.example",
        {
            "ko": _t(
                "에이치투텍은 창원에서 수소충전소용 다이어프램 압축기와 이온성 액체 압축기를 설계·생산합니다. "
                "국내 충전소 38곳에 압축기를 공급했으며, 임직원 95명 중 30명이 설계·시험 인력입니다.",
                "900bar급 압축 패키지, 원격 상태감시 서비스, 현지 조립을 위한 기술 라이선스를 제공합니다.",
                "중국의 충전소 EPC 사업자와 상용차 제조사, 핵심 부품 현지 생산 파트너를 찾고 있습니다.",
            ),
            "en": _t(
                "H2Tech designs and builds diaphragm and ionic-liquid compressors for hydrogen refuelling "
                "stations in Changwon. It has supplied 38 stations in Korea; 30 of its 95 staff are design and "
                "test engineers.",
                "900-bar compression packages, remote condition monitoring and licences for local assembly.",
                "Refuelling-station EPC firms and commercial-vehicle makers in China, and a local partner to "
                "make key parts.",
            ),
        },
        [
            _p("조성민", "대표이사", "sungmin.cho@h2tech.example", "+82-10-2218-6643", "ko"),
            _p("임하은", "해외영업팀장", "haeun.lim@h2tech.example", "+82-10-5547-0192", "ko,en,zh"),
        ],
    ),
    _org(
        "kr-seoul-cosmetics-consumer-001",
        {"ko": "㈜글로우랩코스메틱", "en": "GlowLab Cosmetic Inc.", "zh": "光彩实验室化妆品株式会社"},
        "company",
        "startup",
        "growth",
        "Seoul",
        ["cosmetics_consumer", "ecommerce", "bio_healthcare"],
        2018,
        "glowlab-cosmetic.example",
        {
            "ko": _t(
                "글로우랩코스메틱은 저자극 발효 원료 기반의 K-뷰티 스킨케어 브랜드를 운영합니다. 판매 제품 42종, "
                "국내 드럭스토어와 온라인몰 입점, 지난해 해외 매출 비중은 35%입니다.",
                "중국 위생허가(NMPA) 등록을 마친 제품 12종, 라이브커머스용 브랜드 콘텐츠, 공동 기획 상품을 "
                "제공합니다.",
                "중국 크로스보더 이커머스 파트너와 화동 지역 오프라인 유통사, 하이난 면세 채널을 찾고 있습니다.",
            ),
            "en": _t(
                "GlowLab Cosmetic runs a K-beauty skincare brand built on gentle fermented ingredients: 42 "
                "products, sold in Korean drugstores and online; 35% of last year's sales came from abroad.",
                "12 products already registered with China's NMPA, brand content for live commerce and jointly "
                "developed products.",
                "Cross-border e-commerce partners in China, offline distributors in East China and duty-free "
                "channels in Hainan.",
            ),
        },
        [
            _p("서예린", "대표", "yerin.seo@glowlab-cosmetic.example", "+82-10-7741-3028", "ko,en"),
            _p(
                "金美兰",
                "중국사업 매니저",
                "meilan.jin@glowlab-cosmetic.example",
                "+82-10-2259-8874",
                "ko,zh",
            ),
        ],
    ),
    _org(
        "kr-seoul-content-media-001",
        {"ko": "스토리브릿지픽처스", "en": "StoryBridge Pictures", "zh": "故事桥影业"},
        "company",
        "sme",
        "growth",
        "Seoul",
        ["content_media", "games"],
        2011,
        "storybridge-pictures.example",
        {
            "ko": _t(
                "스토리브릿지픽처스는 드라마와 다큐멘터리를 기획·제작하는 서울의 제작사로, 지금까지 시리즈 "
                "27편을 제작했고 웹툰 원작 IP 14건의 영상화 판권을 보유하고 있습니다.",
                "웹툰 원작 IP 영상화 판권, 한중 공동제작 경험을 갖춘 프로듀서진, 서울 현지 제작 서비스를 "
                "제공합니다.",
                "중국의 공동제작사와 플랫폼, 피칭 세션에서 만날 투자자와 선판매 바이어를 찾고 있습니다.",
            ),
            "en": _t(
                "StoryBridge Pictures is a Seoul producer of drama and documentary series: 27 series so far and "
                "screen rights to 14 webtoon IPs.",
                "Screen rights to webtoon IPs, producers with Korea–China co-production experience and "
                "production services in Seoul.",
                "Chinese co-producers and platforms, and investors and pre-sales buyers at pitch sessions.",
            ),
        },
        [
            _p(
                "문하늘",
                "대표 프로듀서",
                "haneul.moon@storybridge-pictures.example",
                "+82-10-3306-5521",
                "ko,en",
            ),
            _p(
                "배소영",
                "해외사업팀장",
                "soyoung.bae@storybridge-pictures.example",
                "+82-10-9917-2046",
                "ko,zh,en",
            ),
        ],
    ),
    _org(
        "cn-beijing-humanoid-robots-001",
        {"zh": "北京擎天人形机器人科技有限公司", "en": "Beijing Qingtian Humanoid Robotics Co., Ltd."},
        "company",
        "startup",
        "growth",
        "Beijing",
        ["humanoid_robots", "robotics", "ai"],
        2022,
        "qingtian-robot.example",
        {
            "zh": _t(
                "北京擎天人形机器人科技有限公司位于北京亦庄，研发1.7米全尺寸人形机器人本体，全身44个自由度，"
                "已向高校和汽车工厂交付整机60余台，员工150人。",
                "可开放整机平台用于联合验证，提供运动控制接口、仿真模型和工厂场景数据采集服务。",
                "寻找韩国灵巧手与触觉传感器企业联合开发末端执行器，并希望在韩国汽车或电子工厂开展试点应用。",
            ),
            "en": _t(
                "Qingtian, in Beijing's Yizhuang, builds a 1.7 m full-size humanoid robot body with 44 degrees of "
                "freedom; 60+ units delivered to universities and car plants; 150 staff.",
                "The robot platform for joint validation, motion-control interfaces, simulation models and "
                "factory data collection.",
                "Korean makers of dexterous hands and tactile sensors to co-develop end effectors, and pilot "
                "sites in Korean automotive or electronics plants.",
            ),
        },
        [
            _p("赵思远", "总经理", "siyuan.zhao@qingtian-robot.example", "+86-138-1024-5567", "zh,en"),
            _p("金哲", "韩国业务经理", "zhe.jin@qingtian-robot.example", "+86-135-2201-8843", "zh,ko"),
        ],
    ),
    _org(
        "cn-suzhou-robot-components-001",
        {
            "zh": "苏州精研传动科技有限公司",
            "en": "Suzhou Jingyan Transmission Technology Co., Ltd.",
            "ko": "정연전동",
        },
        "company",
        "sme",
        "growth",
        "Suzhou",
        ["robot_components", "humanoid_robots", "smart_manufacturing"],
        2011,
        "jingyan-drive.example",
        {
            "zh": _t(
                "苏州精研传动科技有限公司是国家高新技术企业，专业生产机器人关节用谐波减速器和行星减速器，年产能"
                "30万台，产品覆盖协作机器人和人形机器人整机厂，员工420人。",
                "提供14至32型谐波减速器批量供货、针对人形机器人关节的轻量化定制设计以及寿命测试报告。",
                "寻求韩国机器人整机企业的验证与采购合作，以及在韩国的技术服务代理。",
            ),
            "en": _t(
                "Jingyan makes harmonic and planetary reducers for robot joints in Suzhou: annual capacity "
                "300,000 units, supplying collaborative and humanoid robot makers; 420 staff.",
                "Volume supply of size 14–32 harmonic reducers, lightweight custom designs for humanoid joints "
                "and lifetime test reports.",
                "Korean robot makers to qualify and buy our reducers, and a technical service agent in Korea.",
            ),
        },
        [
            _p("陈建国", "总经理", "jianguo.chen@jingyan-drive.example", "+86-139-1562-3380", "zh"),
            _p("刘佳怡", "国际业务经理", "jiayi.liu@jingyan-drive.example", "+86-137-7718-2054", "zh,en,ko"),
        ],
    ),
    _org(
        "cn-shenzhen-robot-components-001",
        {"zh": "深圳灵巧智能科技有限公司", "en": "Shenzhen Lingqiao Intelligent Technology Co., Ltd."},
        "company",
        "startup",
        "early",
        "Shenzhen",
        ["robot_components", "humanoid_robots", "medical_devices"],
        2019,
        "lingqiao-tech.example",
        {
            "zh": _t(
                "深圳灵巧智能科技有限公司专注柔性触觉传感器和电子皮肤，产品用于机器人灵巧手指尖、夹爪及康复设备，"
                "团队38人，已获授权专利21项。",
                "提供柔性触觉传感器阵列样品、信号采集板和标定软件，可按客户手型定制。",
                "希望与韩国灵巧手和人形机器人企业联合开发，并寻找韩国医疗器械领域的应用合作伙伴。",
            ),
        },
        [
            _p("林晓东", "总经理", "xiaodong.lin@lingqiao-tech.example", "+86-136-3091-4472", "zh,en"),
            _p("何雨桐", "技术总监", "yutong.he@lingqiao-tech.example", "+86-135-8826-0317", "zh"),
        ],
    ),
    _org(
        "cn-changzhou-robot-components-001",
        {"zh": "常州驭风电机有限公司", "en": "Changzhou Yufeng Motor Co., Ltd."},
        "company",
        "sme",
        "growth",
        "Changzhou",
        ["robot_components", "robotics"],
        2013,
        "yufeng-motor.example",
        {
            "zh": _t(
                "常州驭风电机有限公司生产无框力矩电机和一体化关节模组，年出货关节模组12万套，员工260人。",
                "提供无框电机与驱动器一体化方案、样机快速打样（两周）以及批量供货。",
                "寻找韩国协作机器人和人形机器人企业作为客户，并希望与韩国研究机构合作开发高功率密度电机。",
            ),
            "en": _t(
                "Yufeng makes frameless torque motors and integrated joint modules in Changzhou, shipping 120,000 "
                "joint modules a year; 260 staff.",
                "Frameless motors with integrated drives, two-week prototypes and volume supply.",
                "Korean collaborative and humanoid robot makers as customers, and Korean institutes to co-develop "
                "high power-density motors.",
            ),
        },
        [_p("周志强", "总经理", "zhiqiang.zhou@yufeng-motor.example", "+86-139-0612-7745", "zh")],
    ),
    _org(
        "cn-beijing-ai-001",
        {
            "zh": "北京知微智能科技有限公司",
            "en": "Beijing Zhiwei Intelligent Technology Co., Ltd.",
            "ko": "지미지능과기",
        },
        "company",
        "startup",
        "growth",
        "Beijing",
        ["ai", "humanoid_robots", "big_data"],
        2021,
        "zhiwei-ai.example",
        {
            "zh": _t(
                "北京知微智能科技有限公司研发面向机器人的具身智能基础模型，可将视觉、语言和触觉信号转化为"
                "动作指令，已与12家机器人整机厂合作，团队90人。",
                "提供模型授权、本地化部署、遥操作数据采集工具以及与整机联调的工程支持。",
                "寻找韩国机器人企业和科研院所开展数据与模型合作，以及韩语场景的试点客户。",
            ),
            "en": _t(
                "Zhiwei builds embodied-AI foundation models for robots that turn vision, language and touch into "
                "actions; working with 12 robot makers; 90 staff.",
                "Model licences, on-premise deployment, teleoperation data tools and integration engineering.",
                "Korean robot companies and institutes for data and model cooperation, and pilot customers in "
                "Korean-language settings.",
            ),
        },
        [
            _p("孙浩然", "首席执行官", "haoran.sun@zhiwei-ai.example", "+86-138-0117-6623", "zh,en"),
            _p(
                "朴成浩", "韩国业务负责人", "chenghao.piao@zhiwei-ai.example", "+86-137-4402-9981", "zh,ko,en"
            ),
        ],
    ),
    _org(
        "cn-shenzhen-iot-5g-001",
        {"zh": "深圳曜石通讯技术股份有限公司", "en": "Shenzhen Yaoshi Communication Technology Co., Ltd."},
        "company",
        "large",
        "mature",
        "Shenzhen",
        ["iot_5g", "ai", "display"],
        2008,
        "yaoshi-mobile.example",
        {
            "zh": _t(
                "深圳曜石通讯技术股份有限公司是智能手机及智能穿戴设备制造商，年出货智能手机约2800万部，"
                "员工1.2万人，在深圳和东莞设有研发中心和生产基地。",
                "开放端侧AI能力接口、整机联合定制和全球渠道资源。",
                "寻找韩国显示面板、摄像模组和端侧AI芯片供应商，以及韩国本地运营商和零售合作伙伴。",
            ),
            "en": _t(
                "Yaoshi makes smartphones and wearables, shipping about 28 million phones a year; 12,000 staff "
                "with R&D and plants in Shenzhen and Dongguan.",
                "On-device AI interfaces, joint device customisation and global channels.",
                "Korean suppliers of display panels, camera modules and on-device AI chips, and carriers and "
                "retail partners in Korea.",
            ),
        },
        [
            _p("黄文博", "海外市场总监", "wenbo.huang@yaoshi-mobile.example", "+86-135-1107-2289", "zh,en"),
            _p("崔东日", "韩国业务经理", "dongri.cui@yaoshi-mobile.example", "+86-136-5530-1874", "zh,ko"),
        ],
    ),
    _org(
        "cn-foshan-hydrogen-001",
        {"zh": "佛山聚能氢能装备有限公司", "en": "Foshan Juneng Hydrogen Equipment Co., Ltd."},
        "company",
        "sme",
        "growth",
        "Foshan",
        ["hydrogen", "carbon_neutral_energy"],
        2016,
        "juneng-h2.example",
        {
            "zh": _t(
                "佛山聚能氢能装备有限公司生产45MPa和90MPa加氢站用隔膜压缩机及撬装加氢设备，已在全国52座加氢站"
                "投入运行，员工180人。",
                "提供压缩机整机、核心膜片备件和远程运维平台。",
                "寻找韩国加氢站运营商和工程公司，希望在韩国开展示范项目，并与韩国企业合作开发离子液压缩机。",
            ),
        },
        [_p("梁国栋", "总经理", "guodong.liang@juneng-h2.example", "+86-139-2258-4417", "zh")],
    ),
    _org(
        "cn-changzhou-batteries-mobility-001",
        {"zh": "常州新禾锂电材料有限公司", "en": "Changzhou Xinhe Lithium Battery Materials Co., Ltd."},
        "company",
        "sme",
        "mature",
        "Changzhou",
        ["batteries_mobility", "materials_chemicals"],
        2009,
        "xinhe-materials.example",
        {
            "zh": _t(
                "常州新禾锂电材料有限公司生产磷酸铁锂和高镍三元正极材料，年产能4.5万吨，员工680人。",
                "提供正极材料样品、联合认证测试和稳定的批量供货。",
                "寻找韩国电芯企业作为客户，并探讨在韩国合资建设前驱体及正极材料工厂。",
            ),
            "en": _t(
                "Xinhe produces LFP and high-nickel cathode materials in Changzhou: 45,000 tonnes a year; 680 "
                "staff.",
                "Cathode samples, joint qualification tests and stable volume supply.",
                "Korean cell makers as customers, and a joint venture for a precursor and cathode plant in Korea.",
            ),
        },
        [
            _p("徐鹏", "销售总监", "peng.xu@xinhe-materials.example", "+86-138-6120-3354", "zh,en"),
            _p(
                "郑英花",
                "国际业务经理",
                "yinghua.zheng@xinhe-materials.example",
                "+86-137-9003-2261",
                "zh,ko",
            ),
        ],
    ),
    _org(
        "cn-shanghai-content-media-001",
        {"zh": "上海映川影视文化有限公司", "en": "Shanghai Yingchuan Film & Culture Co., Ltd."},
        "company",
        "sme",
        "growth",
        "Shanghai",
        ["content_media", "ecommerce"],
        2015,
        "yingchuan-film.example",
        {
            "zh": _t(
                "上海映川影视文化有限公司从事网剧和纪录片的策划、制作与发行，累计出品作品31部。",
                "提供联合制作资金、国内平台发行资源以及上海的拍摄制作服务。",
                "寻找韩国网络漫画IP和联合制片方，并在投资路演中对接预售买家。",
            ),
        },
        [_p("唐梦瑶", "制片人", "mengyao.tang@yingchuan-film.example", "+86-136-2117-9908", "zh,ko")],
    ),
    _org(
        "cn-beijing-incubator-001",
        {
            "zh": "北京知行国际孵化器",
            "en": "Zhixing International Incubator (Beijing)",
            "ko": "베이징 지행 국제 인큐베이터",
        },
        "incubator",
        None,
        None,
        "Beijing",
        ["robotics", "humanoid_robots", "ai", "smart_manufacturing"],
        2015,
        "zhixing-incubator.example",
        {
            "zh": _t(
                "北京知行国际孵化器位于海淀区，运营8000平方米的硬科技孵化空间，已服务来自中韩两国的初创企业"
                "260家。",
                "“知行软着陆计划”（为期24周，每期12家企业）：免费工位、北京制造企业试点对接、工商注册与签证协助、"
                "投资人路演日，重点面向机器人和人工智能团队。",
                "招募韩国机器人、人形机器人和人工智能初创企业参加下一期软着陆计划。",
            ),
            "en": _t(
                "Zhixing runs an 8,000 m² hard-tech incubation space in Haidian, Beijing, and has served 260 "
                "Chinese and Korean startups.",
                "The Zhixing Soft-Landing Programme (24 weeks, 12 companies per cohort): free desks, pilot "
                "introductions to Beijing manufacturers, registration and visa help, and an investor demo day, "
                "focused on robotics and AI.",
                "Korean robotics, humanoid-robot and AI startups for the next soft-landing cohort.",
            ),
            "ko": _t(
                "베이징 하이뎬구에서 8,000㎡ 규모의 하드테크 창업보육 공간을 운영하며, 한중 스타트업 260곳을 "
                "지원했습니다.",
                "지행 소프트랜딩 프로그램(24주, 기수당 12개 팀): 무상 입주 공간, 베이징 제조기업 실증 연결, "
                "법인 설립·비자 지원, 투자자 데모데이. 로봇·AI 팀 중심입니다.",
                "다음 기수에 참가할 한국 로봇·휴머노이드·AI 스타트업을 모집합니다.",
            ),
        },
        [
            _p(
                "郭一鸣",
                "孵化器主任",
                "yiming.guo@zhixing-incubator.example",
                "+86-138-1196-0425",
                "zh,en",
                True,
            ),
            _p(
                "李东日",
                "国际合作经理",
                "dongri.li@zhixing-incubator.example",
                "+86-135-0211-6679",
                "zh,ko",
                True,
            ),
        ],
    ),
]
