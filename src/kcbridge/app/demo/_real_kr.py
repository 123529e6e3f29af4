"""Real Korean institutions (and Korean bodies based in China), as facts only. See _real."""

from __future__ import annotations

from ._real import Real as _Real

REAL_KR = [
    _Real(
        "kr-seoul-metropolitan-government",
        "government",
        "KR",
        "Seoul",
        ["smart_city", "ai", "robotics", "content_media"],
        ("서울특별시", "首尔特别市", "Seoul Metropolitan Government"),
        (
            "대한민국의 수도 서울을 관할하는 광역자치단체로, 창업·혁신 정책과 해외 도시와의 교류를 추진합니다.",
            "首尔特别市是韩国首都的广域地方政府，推动创业创新政策及与海外城市的交流。",
            "The metropolitan government of Seoul, capital of the Republic of Korea; it runs startup and innovation "
            "policies and exchanges with cities abroad.",
        ),
        website="https://www.seoul.go.kr",
    ),
    _Real(
        "kr-suwon-gyeonggi-province",
        "government",
        "KR",
        "Suwon",
        ["ai", "cloud", "semiconductors", "bio_healthcare"],
        ("경기도", "京畿道", "Gyeonggi Province"),
        (
            "수원에 도청을 둔 대한민국 최대 인구의 광역자치단체로, 판교테크노밸리 등 첨단산업 클러스터가 있습니다.",
            "京畿道是韩国人口最多的广域地方政府，道厅位于水原，辖区内有板桥科技谷等高科技产业集群。",
            "Korea's most populous province, with its provincial government in Suwon and high-tech clusters such "
            "as Pangyo Techno Valley.",
        ),
        website="https://www.gg.go.kr",
    ),
    _Real(
        "kr-sejong-ministry-of-science-and-ict",
        "government",
        "KR",
        "Sejong",
        ["ai", "semiconductors", "iot_5g", "cloud"],
        ("과학기술정보통신부", "韩国科学技术信息通信部", "Ministry of Science and ICT (MSIT)"),
        (
            "과학기술·정보통신 정책을 총괄하는 중앙행정기관으로, 2017년 미래창조과학부에서 개편되었습니다.",
            "韩国主管科学技术和信息通信政策的中央行政机关，2017年由未来创造科学部改组而来。",
            "Korea's central ministry for science, technology and ICT policy, reorganised in 2017 from the Ministry "
            "of Science, ICT and Future Planning.",
        ),
        founded=2017,
        website="https://www.msit.go.kr",
    ),
    _Real(
        "kr-sejong-ministry-of-smes-and-startups",
        "government",
        "KR",
        "Sejong",
        ["ai", "smart_manufacturing", "ecommerce"],
        ("중소벤처기업부", "韩国中小风险企业部", "Ministry of SMEs and Startups (MSS)"),
        (
            "중소기업·벤처·창업 정책을 담당하는 중앙행정기관입니다.",
            "韩国负责中小企业、风险企业和创业政策的中央行政机关。",
            "Korea's central ministry responsible for SMEs, venture companies and startups.",
        ),
        founded=2017,
        website="https://www.mss.go.kr",
    ),
    _Real(
        "kr-beijing-kic-china",
        "support_agency",
        "KR",
        "Beijing",
        ["ai", "robotics", "cloud", "semiconductors", "bio_healthcare"],
        ("글로벌혁신센터(KIC중국)", "韩国创新中心（KIC中国）", "Korea Innovation Center (KIC) China"),
        (
            "베이징 중관촌에 있는 한국 정부 지원 혁신센터로, 한국 기술기업의 중국 시장 진출을 돕고 스타트업 "
            "경진대회와 혁신 포럼을 운영합니다.",
            "位于北京中关村、由韩国政府支持的创新中心，帮助韩国科技企业开拓中国市场，并举办创业大赛和创新论坛。",
            "A Korean government-backed innovation centre in Beijing's Zhongguancun that helps Korean technology "
            "firms enter the Chinese market and runs startup competitions and innovation forums.",
        ),
    ),
    _Real(
        "kr-seoul-kotra",
        "support_agency",
        "KR",
        "Seoul",
        ["cosmetics_consumer", "smart_manufacturing", "ecommerce"],
        (
            "대한무역투자진흥공사(KOTRA)",
            "大韩贸易投资振兴公社（KOTRA）",
            "Korea Trade-Investment Promotion Agency (KOTRA)",
        ),
        (
            "무역 진흥, 외국인 투자 유치, 한국 기업의 해외 진출 지원을 담당하는 공공기관으로, 세계 각지에 "
            "해외무역관을 두고 있습니다.",
            "韩国负责贸易促进、吸引外资和支持企业海外拓展的公共机构，在全球设有海外贸易馆网络。",
            "Korea's public agency for trade promotion, inward investment and the overseas expansion of Korean "
            "firms, with trade centres around the world.",
        ),
        founded=1962,
        website="https://www.kotra.or.kr",
    ),
    _Real(
        "kr-shanghai-kotra-shanghai",
        "support_agency",
        "KR",
        "Shanghai",
        ["cosmetics_consumer", "ecommerce", "batteries_mobility"],
        ("KOTRA 상하이무역관", "大韩贸易投资振兴公社上海代表处", "KOTRA Shanghai"),
        (
            "KOTRA의 상하이 해외무역관으로, 화동 지역에서 한국 기업의 시장조사, 바이어 발굴, 전시회 참가를 "
            "지원합니다.",
            "KOTRA驻上海的海外贸易馆，在华东地区为韩国企业提供市场调研、买家对接和展会参展支持。",
            "KOTRA's trade centre in Shanghai, supporting Korean firms in East China with market research, buyer "
            "matching and trade-fair participation.",
        ),
    ),
    _Real(
        "kr-beijing-kotra-beijing",
        "support_agency",
        "KR",
        "Beijing",
        ["ai", "content_media", "smart_manufacturing"],
        (
            "KOTRA 베이징무역관",
            "大韩贸易投资振兴公社北京代表处",
            "KOTRA Beijing (Korea Trade-Investment Promotion Agency)",
        ),
        (
            "KOTRA의 베이징 해외무역관으로, 화북 지역에서 한국 기업의 시장조사, 바이어 발굴, 투자 상담을 "
            "지원합니다.",
            "KOTRA驻北京的海外贸易馆，在华北地区为韩国企业提供市场调研、买家对接和投资咨询。",
            "KOTRA's trade centre in Beijing, supporting Korean firms in North China with market research, buyer "
            "matching and investment advice.",
        ),
    ),
    _Real(
        "kr-suwon-gbsa",
        "support_agency",
        "KR",
        "Suwon",
        ["ai", "cloud", "bio_healthcare", "smart_manufacturing"],
        (
            "경기도경제과학진흥원(GBSA)",
            "京畿道经济科学振兴院",
            "Gyeonggi Business & Science Accelerator (GBSA)",
        ),
        (
            "경기도 산하 기관으로, 도내 중소기업과 스타트업의 기술혁신, 창업, 해외 진출을 지원합니다.",
            "京畿道下属机构，支持道内中小企业和初创企业的技术创新、创业与海外拓展。",
            "An agency of Gyeonggi Province supporting technology innovation, startups and the overseas expansion "
            "of SMEs in the province.",
        ),
        website="https://www.gbsa.or.kr",
    ),
    _Real(
        "kr-seoul-sba",
        "support_agency",
        "KR",
        "Seoul",
        ["content_media", "ai", "ecommerce", "cosmetics_consumer"],
        ("서울경제진흥원(SBA)", "首尔经济振兴院（SBA）", "Seoul Business Agency (SBA)"),
        (
            "서울시 산하 기관으로, 서울 중소기업과 스타트업의 성장과 판로 개척, 콘텐츠 산업을 지원합니다.",
            "首尔市下属机构，支持首尔中小企业和初创企业成长、市场开拓及内容产业发展。",
            "An agency of the Seoul Metropolitan Government supporting the growth and market access of Seoul SMEs "
            "and startups, and the content industry.",
        ),
    ),
    _Real(
        "kr-seongnam-pangyo-techno-valley",
        "economic_zone",
        "KR",
        "Seongnam (Pangyo)",
        ["ai", "cloud", "games", "bio_healthcare", "content_media"],
        ("판교테크노밸리", "板桥科技谷", "Pangyo Techno Valley"),
        (
            "경기도 성남시 판교에 조성된 첨단산업 클러스터로, IT·게임·바이오·콘텐츠 기업이 밀집해 있습니다.",
            "位于京畿道城南市板桥的高科技产业集群，聚集了大量IT、游戏、生物和内容企业。",
            "A high-tech cluster in Pangyo, Seongnam, Gyeonggi Province, with a dense concentration of IT, game, "
            "bio and content companies.",
        ),
    ),
    _Real(
        "kr-incheon-free-economic-zone",
        "economic_zone",
        "KR",
        "Incheon",
        ["bio_healthcare", "logistics", "smart_city"],
        ("인천경제자유구역(IFEZ)", "仁川经济自由区", "Incheon Free Economic Zone (IFEZ)"),
        (
            "송도·영종·청라 지구로 이루어진 한국 최초의 경제자유구역입니다.",
            "由松岛、永宗、青罗三个区域组成的韩国首个经济自由区。",
            "Korea's first free economic zone, made up of the Songdo, Yeongjong and Cheongna districts.",
        ),
        founded=2003,
        website="https://www.ifez.go.kr",
    ),
    _Real(
        "kr-seoul-kist",
        "research_institute",
        "KR",
        "Seoul",
        ["robotics", "ai", "materials_chemicals", "bio_healthcare"],
        (
            "한국과학기술연구원(KIST)",
            "韩国科学技术研究院",
            "Korea Institute of Science and Technology (KIST)",
        ),
        (
            "1966년 설립된 한국 최초의 정부출연 종합연구기관입니다.",
            "成立于1966年的韩国首个政府资助综合性研究机构，位于首尔。",
            "Korea's first government-funded multidisciplinary research institute, founded in 1966 in Seoul.",
        ),
        founded=1966,
        website="https://www.kist.re.kr",
    ),
    _Real(
        "kr-daejeon-etri",
        "research_institute",
        "KR",
        "Daejeon",
        ["ai", "iot_5g", "semiconductors", "cybersecurity"],
        (
            "한국전자통신연구원(ETRI)",
            "韩国电子通信研究院",
            "Electronics and Telecommunications Research Institute (ETRI)",
        ),
        (
            "대전 대덕연구개발특구에 있는 정보통신 분야 정부출연 연구기관입니다.",
            "位于大田大德研发特区的信息通信领域政府资助研究机构。",
            "A government-funded research institute for information and communications technology in Daedeok, "
            "Daejeon.",
        ),
        founded=1976,
        website="https://www.etri.re.kr",
    ),
    _Real(
        "kr-daejeon-kimm",
        "research_institute",
        "KR",
        "Daejeon",
        ["robotics", "robot_components", "hydrogen", "smart_manufacturing"],
        ("한국기계연구원(KIMM)", "韩国机械研究院", "Korea Institute of Machinery and Materials (KIMM)"),
        (
            "대전에 있는 기계·소재 분야 정부출연 연구기관입니다.",
            "位于大田的机械与材料领域政府资助研究机构。",
            "A government-funded research institute for machinery and materials in Daejeon.",
        ),
        founded=1976,
        website="https://www.kimm.re.kr",
    ),
    _Real(
        "kr-daegu-kiria",
        "support_agency",
        "KR",
        "Daegu",
        ["robotics", "humanoid_robots", "robot_components"],
        (
            "한국로봇산업진흥원",
            "韩国机器人产业振兴院",
            "Korea Institute for Robot Industry Advancement (KIRIA)",
        ),
        (
            "대구에 있는 로봇산업 진흥 전담 공공기관입니다.",
            "位于大邱、专门负责机器人产业振兴的公共机构。",
            "The public agency in Daegu dedicated to promoting Korea's robot industry.",
        ),
        founded=2010,
    ),
    _Real(
        "kr-daejeon-kaist",
        "university",
        "KR",
        "Daejeon",
        ["ai", "robotics", "semiconductors", "bio_healthcare"],
        ("한국과학기술원(KAIST)", "韩国科学技术院", "KAIST"),
        (
            "1971년 설립된 대전의 과학기술 특성화 연구중심대학입니다.",
            "成立于1971年、位于大田的以科学技术为特色的研究型大学。",
            "A research university specialising in science and technology, founded in 1971 and based in Daejeon.",
        ),
        founded=1971,
        website="https://www.kaist.ac.kr",
    ),
    _Real(
        "kr-seoul-national-university",
        "university",
        "KR",
        "Seoul",
        ["ai", "bio_healthcare", "materials_chemicals", "semiconductors"],
        ("서울대학교", "首尔大学", "Seoul National University"),
        (
            "1946년 개교한 서울의 국립종합대학입니다.",
            "1946年建校、位于首尔的国立综合性大学。",
            "A national comprehensive university in Seoul, founded in 1946.",
        ),
        founded=1946,
        website="https://www.snu.ac.kr",
    ),
    _Real(
        "kr-seoul-korea-venture-investment",
        "investor",
        "KR",
        "Seoul",
        ["ai", "bio_healthcare", "content_media", "semiconductors"],
        ("한국벤처투자", "韩国风险投资公司", "Korea Venture Investment Corp. (KVIC)"),
        (
            "모태펀드를 운용하는 한국의 공공 벤처투자 기관으로, 민간 벤처펀드에 출자합니다.",
            "运营韩国母基金的公共风险投资机构，向民间创投基金出资。",
            "Korea's public venture investment organisation, which manages the Korea Fund of Funds and commits "
            "capital to private venture funds.",
        ),
        founded=2005,
        website="https://www.kvic.co.kr",
    ),
    _Real(
        "kr-seoul-kita",
        "association",
        "KR",
        "Seoul",
        ["ecommerce", "logistics", "cosmetics_consumer"],
        ("한국무역협회", "韩国贸易协会", "Korea International Trade Association (KITA)"),
        (
            "1946년 설립된 한국 무역업계의 대표 경제단체입니다.",
            "成立于1946年，代表韩国贸易业界的经济团体。",
            "Korea's main business association for traders, founded in 1946.",
        ),
        founded=1946,
        website="https://www.kita.net",
    ),
    _Real(
        "kr-beijing-korea-chamber-in-china",
        "association",
        "KR",
        "Beijing",
        ["smart_manufacturing", "batteries_mobility", "cosmetics_consumer"],
        ("중국한국상회", "中国韩国商会", "Korea Chamber of Commerce and Industry in China"),
        (
            "중국에 진출한 한국 기업들의 단체로, 베이징에 본부를 두고 있습니다.",
            "在华韩国企业的商会组织，总部位于北京。",
            "The association of Korean companies operating in China, headquartered in Beijing.",
        ),
    ),
    _Real(
        "kr-seoul-korea-china-st-ict-exchange-association",
        "association",
        "KR",
        "Seoul",
        ["ai", "cloud", "robotics", "big_data"],
        (
            "한중과학기술정보통신교류협회",
            "韩中科学技术信息通信交流协会",
            "Korea-China Science, Technology and ICT Exchange Association",
        ),
        (
            "한중 양국의 과학기술·정보통신 분야 기업, 연구자, 기관 간 교류를 촉진하는 민간 협회입니다.",
            "促进中韩两国科技与信息通信领域企业、研究人员和机构之间交流的民间协会。",
            "A private association promoting exchange between Korean and Chinese companies, researchers and "
            "institutions in science, technology and ICT.",
        ),
        website="https://www.kc-stict.example",
    ),
]
