"""Word lists of the extraction rules: roles, organisation suffixes, surnames, stop words.

General Korean, Chinese and English newswriting, not tuned to any one article.
"""

from __future__ import annotations

# Roles written after (Korean) or before (Chinese, English) a person's name.
KO_ROLES = frozenset(
    """시장 부시장 도지사 부지사 지사 구청장 군수 장관 차관 실장 국장 과장 팀장 부장 차장 처장 청장 본부장 센터장
    원장 부원장 소장 총장 부총장 학장 교수 연구원 회장 부회장 이사장 이사 사장 부사장 대표 대표이사 전무 상무 주임
    부주임 서기 당서기 성장 부성장 주석 부주석 총리 부총리 대통령 부통령 대사 총영사 영사 공사 참사관 과기정통관
    상무관 관장 위원장 부위원장 의원 의장 국회의원 단장 감독 의장 창업자 창업주 CEO CTO CFO COO 최고경영자 의장
    회장님 총재 부총재 행장 기자 특파원 논설위원 편집장 앵커 비서관 수석 대변인 사무총장 사무국장 집행위원장
    서기장 주임위원 대표처장 법인장 지사장 지점장 매니저 디렉터 파트너 심사역""".split()
)
# A role glued to the body it heads: 서울시장 = 서울시 + 장, 센터장 → 센터.
KO_ROLE_ORG_SUFFIX = {
    "시장": "시",
    "부시장": "시",
    "도지사": "도",
    "센터장": "센터",
    "원장": "원",
    "소장": "소",
    "국장": "국",
    "청장": "청",
    "회장": "회",
    "총장": "대",
    "관장": "관",
    "성장": "성",
    "법인장": "법인",
    "지사장": "지사",
    "본부장": "본부",
    "단장": "단",
}
REPORTER_ROLES = frozenset({"기자", "특파원", "记者", "特派记者", "reporter", "correspondent"})
SENIOR_ROLES = frozenset({"장관", "차관", "시장", "도지사", "총리", "주석", "대통령", "성장", "서기"})

ZH_ROLES = frozenset(
    """市长 副市长 省长 副省长 书记 党委书记 市委书记 省委书记 部长 副部长 司长 局长 副局长 处长 主任 副主任 院长 副院长
    校长 副校长 教授 研究员 董事长 副董事长 总经理 副总经理 总裁 副总裁 首席执行官 创始人 主席 副主席 总理 副总理
    大使 总领事 参赞 会长 副会长 秘书长 理事长 所长 经理 总监 记者 主任委员""".split()
)
EN_ROLES = frozenset(
    """mayor governor minister vice-minister president vice-president chairman chairwoman chair ceo cto cfo coo
    director director-general secretary ambassador consul professor founder head chief reporter correspondent
    premier manager""".split()
)

# Organisation suffixes, longest first, each with the organisation type it suggests.
KO_ORG_SUFFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            ("유한공사", "company"),
            ("유한회사", "company"),
            ("주식회사", "company"),
            ("홀딩스", "company"),
            ("그룹", "company"),
            ("공사", "company"),
            ("로보틱스", "company"),
            ("센터", "support_agency"),
            ("진흥원", "support_agency"),
            ("진흥공단", "support_agency"),
            ("재단", "association"),
            ("협회", "association"),
            ("연합회", "association"),
            ("상회", "association"),
            ("학회", "association"),
            ("위원회", "government"),
            ("정부", "government"),
            ("대사관", "government"),
            ("영사관", "government"),
            ("총영사관", "government"),
            ("부", "government"),
            ("처", "government"),
            ("청", "government"),
            ("국", "government"),
            ("판공실", "government"),
            ("관리위원회", "government"),
            ("대학교", "university"),
            ("대학", "university"),
            ("연구원", "research_institute"),
            ("연구소", "research_institute"),
            ("과학원", "research_institute"),
            ("광원", "research_institute"),
            ("개발구", "economic_zone"),
            ("경제구", "economic_zone"),
            ("클러스터", "economic_zone"),
            ("파크", "economic_zone"),
            ("밸리", "economic_zone"),
            ("단지", "economic_zone"),
            ("특구", "economic_zone"),
            ("신구", "economic_zone"),
            ("이코노미존", "economic_zone"),
            ("자유무역시험구", "economic_zone"),
            ("산업원", "economic_zone"),
            ("인큐베이터", "incubator"),
            ("액셀러레이터", "incubator"),
            ("전시관", "other"),
            ("과학관", "other"),
            ("박물관", "other"),
            ("카페", "other"),
            ("일보", "media"),
            ("신문", "media"),
        ],
        key=lambda p: len(p[0]),
        reverse=True,
    )
)
# Suffixes of one syllable are only trusted on longer words.
KO_SHORT_SUFFIX_MIN = 4
KO_GENERIC_ORGS = frozenset(
    """센터 혁신센터 정부 협회 기업 회사 공사 대학 연구원 연구소 클러스터 단지 파크 밸리 정부기관 중앙정부 지방정부
    양국 정부 우리 정부 각국 정부 지원센터 전시관 과학관 카페 방송 통신 신문 위원회 본부 전국 외국 자국 타국 한국
    중국 미국 일본 강국 대국 전국 왕국 제국 본국 양국 각국 우리나라 공청 부국 모국 상대국 주요국 선진국 개도국
    실리콘밸리 개발도상국 회원국 수출국 수입국 교류국 산업부 내부 외부 일부 전부 대부 본부 간부 정부부 학부 세부 공부 사부
    전문 신청 민원 관청 요청 주청 부처 각처 용처 출처 거처""".split()
)
# Words that end a leftward extension of an organisation name.
KO_EXTENSION_STOP = frozenset(
    """산하 소속 주최 주관 후원 이날 당시 현지 지난 올해 최근 주요 대표 관련 해당 각종 여러 등 및 또 이 그 이번 당일
    전 현 신임 전임 공동 육성 설립 개최 참여 참가 방문 지원 협력 교류 추진 운영 위치 소재 국내 해외 양국 양측""".split()
)
KO_ORG_PREFIXES = frozenset(
    {"주중", "주한", "주미", "주일", "주상하이", "주베이징", "재중", "재한", "駐中", "駐韓"}
)

KO_SURNAMES = frozenset(
    """김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 홍 전 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주
    우 구 민 진 나 지 엄 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제
    모 탁 국 어 은 편 용 예 경 봉 사 부 리 자 저 쉬 쑨 후 가 린 허 궈 뤄 량 쑹 셰 탕 펑 둥 샤 청 차 위 덩 푸 쩡
    루 쑤 차 딩 웨 쉐 예 옌 판 두 다 톈 런 팡 스 야 탄 랴 쩌 슝 하 쿵 바 추 캉 친 구 허 사 멍 룽 완 돤 레 첸 궁
    뉴 잔 싱 치 취 류 뤼 천 자 징 훙 쉬 샹 샤 퉁""".split()
)
KO_NAME_STOP = frozenset(
    """이날 당시 현지 신임 전임 공동 명예 대표 수석 상임 초대 역대 해당 관계 관계자 담당 정부 기업 협회 지역 국내
    해외 중앙 지방 주최 주관 각국 양국 우리 본부 사무 기관 회사 단체 그룹 국가 도시 전문 기술 산업 과학 고위 실무
    이번 지난 올해 작년 내년 현재 최근 중국 한국 미국 일본 부처 차기 후임 전직 현직 역시 또한 특히 이어 한편 이에
    정치 경제 사회 문화 교육 외교 통상 국방 재정 금융 주민 시민 도민 국민 시청 도청 구청 군청 이사회 위원 위원회
    창업 혁신 투자 무역 시장 장관 대사 총리 회장 사장 이사 원장 교수 기자 국장 주임 성장 정책 방문 연구 개발 관리
    조사 주재 주요 중요 공식 비공식 대외 대내 국제 글로벌 지사 지국 주도 유치 홍보 사업 상무 서비스 플랫폼""".split()
)
KO_NOT_ORG_ENDINGS = tuple(
    "강국 대국 왕국 제국 본국 양국 각국 주요국 선진국 모국 상대국 수출국 수입국 전국 외국 결국 당국 정국 시국 약국 천국 전부 일부 내부 외부 세부 대부분 공부".split()
)
