"""Korean sentence frames and connective fragments, aligned with the other languages' frames.

Particle markers such as "(은)" are resolved by `_text.josa` after the slots are filled.
"""

from __future__ import annotations

GENERIC_SEEKS = {
    "KR": [
        "{other_city} 대표처 설립과 이후 현지 법인 전환 지원",
        "{other} 투자자 소개",
        "한국어와 중국어가 가능한 현지 사업개발 파트너",
        "{other} 스타트업 경진대회와 혁신 포럼 참가 기회",
        "{other} 인증·지식재산권 보호·데이터 규정 자문",
        "{other_city} 인큐베이션 프로그램 입주 기회",
    ],
    "CN": [
        "{other_city} 현지 법인 설립 지원",
        "{other} 투자자 및 기업형 벤처캐피털 소개",
        "{other} 대학·연구기관과의 공동연구",
        "{other} 기업의 기술 라이선스 도입",
        "사후 서비스 역량을 갖춘 현지 유통 파트너",
        "{other} 전시회 참가 기회",
    ],
}

ACHIEVEMENTS_STARTUP = [
    "{year2}년 기업형 벤처캐피털이 주도한 {round} 규모의 시리즈A 투자를 유치했습니다.",
    "대학 창업캠프를 거쳐 {year2}년 정부 지원 액셀러레이팅 프로그램을 수료했습니다.",
    "{year2}년 한중 스타트업 경진대회에서 수상했습니다.",
]
ACHIEVEMENTS = [
    "{year2}년 대기업 {poc}곳과 PoC를 완료했습니다.",
    "{year2}년부터 ISO 9001 품질경영시스템 인증을 유지하고 있습니다.",
    "{year2}년 {other} 전시회에 참가했습니다.",
    "{year2}년 {other_city}에 연락사무소를 열었습니다.",
    "지난해 매출은 약 {growth}% 성장한 {revenue}입니다.",
    "{year2}년부터 국책 연구기관과 공동 R&D 과제를 수행하고 있습니다.",
]
EXPANSION = "최근에는 {product2} 분야로 사업을 넓히고 있습니다."

SIZE = {"startup": "기술 스타트업", "sme": "중소기업", "large": "대기업"}
STAGES = ["시드·초기", "초기·성장", "성장·프리IPO"]
COUNTRY = {"KR": "한국", "CN": "중국"}
LANGUAGE_NAME = {"KR": "한국어", "CN": "중국어"}

COMPANY = {
    "desc": [
        "{name}(은) {year}년 {city}에서 설립된 {size}(으로), {product}(을) 개발하고 있습니다.",
        "{city}에 본사를 둔 {name}(은) {year}년부터 {product} 분야에 집중해 왔습니다.",
        "당사는 {year}년 {city}에서 창업해 {product}(을) 전문으로 개발·공급하는 {size}입니다.",
        "{name}(은) {product}(을) 핵심 사업으로 하는 {city} 소재 기업으로, {year}년에 설립되었습니다.",
    ],
    "figures": [
        "현재 임직원은 {staff}명이며 이 중 연구개발 인력이 {rd}%를 차지하고, 등록 특허는 {patents}건입니다.",
        "임직원 {staff}명 규모로, {metric} 실적을 보유하고 있습니다.",
        "{customers}개 고객사에 제품과 서비스를 공급하고 있으며, 보유 특허는 {patents}건입니다.",
    ],
    "offer": [
        "협력 파트너에게 {o1}, {o2} 등을 제공할 수 있습니다.",
        "당사는 {o1}, {o2}(을) 제공합니다.",
        "제공 가능 항목: {o1} / {o2} / {customers}개 고객사 레퍼런스",
    ],
    "seek": [
        "{other} 시장 진출을 위해 {s1}, {s2}(을) 찾고 있으며, {g}도 희망합니다.",
        "현재 가장 필요한 것은 {s1}입니다. 아울러 {g}(을) 찾고 있습니다.",
        "{s1}, {s2}, 그리고 {g}(을) 찾고 있습니다.",
    ],
}

INSTITUTIONS = {
    "investor": {
        "desc": [
            "{name}(은) {year}년 {city}에 설립된 벤처캐피털로, {n_funds}개 펀드에서 총 {fund}(을) 운용하고 "
            "있습니다. 지금까지 {sectors} 분야를 중심으로 {portfolio}개 기업에 투자했습니다.",
            "{city}에 본사를 둔 {name}(은) {sectors} 분야 전문 투자사입니다. 운용자산은 {fund}, 포트폴리오 "
            "기업은 {portfolio}곳입니다.",
        ],
        "offer": [
            "{stages} 단계 기업에 기업당 {ticket} 규모로 투자하며, 후속 투자와 {country}·{other} 대기업 파트너 "
            "연결을 지원합니다.",
            "초기 {ticket} 투자, 이사회 참여를 통한 경영 지원, {other} 진출 포트폴리오를 위한 현지 "
            "네트워크를 제공합니다.",
        ],
        "seek": [
            "{other} 진출 계획이 구체적인 {stages} 단계의 {sectors} 기업, 그리고 {other} 공동투자 파트너를 "
            "찾고 있습니다.",
            "{sectors} 분야 딜소싱 채널과 {other}의 공동투자자·출자자를 찾고 있습니다.",
        ],
    },
    "incubator": {
        "desc": [
            "{name}(은) {city}에서 {area}㎡ 규모의 창업보육 공간을 운영하며, {year}년 이후 {sectors} 분야를 "
            "중심으로 스타트업 {alumni}곳을 지원했습니다.",
            "{year}년 설립된 {name}(은) {city}의 {sectors} 전문 액셀러레이터로, 지금까지 {alumni}개 팀이 "
            "프로그램을 거쳐 갔습니다.",
        ],
        "offer": [
            "{programme}({weeks}주, 기수당 {cohort}개 팀): 무상 입주 공간, 멘토링, 투자자 데모데이, 실증처 "
            "연결, {other} 기업 소프트랜딩 지원",
            "사무공간, 법률·회계 자문, 투자 연계, 그리고 연 2회 {cohort}개 팀을 선발하는 {programme}",
        ],
        "seek": [
            "{country}(과) {other}의 {sectors} 스타트업, 그리고 멘토·기업 파트너·데모데이 투자자를 찾고 "
            "있습니다.",
            "다음 {programme} 기수 참가팀, 특히 {other}의 {sectors} 팀을 모집합니다.",
        ],
    },
    "support_agency": {
        "desc": [
            "{name}(은) 한중 양국 기업의 상호 진출을 돕는 기관으로, {city} 사무소를 중심으로 지난해 {sectors} "
            "등 여러 분야의 기업 {firms}곳을 지원했습니다.",
            "{year}년 설립된 {name}(은) {city}의 시장진출 전문 서비스 기관으로, 한국어·중국어·영어가 가능한 "
            "컨설턴트 {staff}명이 일하고 있습니다.",
        ],
        "offer": [
            "{city} 사무소에서 {services}(을) 제공합니다.",
            "{other_city}(과) {city}에서 회사 설립, 비자, 사무실 물색, 채용, 현지 정부 연결까지 원스톱 랜딩 "
            "서비스를 제공합니다.",
        ],
        "seek": [
            "{other} 진출을 준비하는 {sectors} 기업과 {other} 현지 협력기관·로펌을 찾고 있습니다.",
            "{sectors} 분야 고객 기업, {other}의 협력 기관, 그리고 {city}에서 열리는 월례 시장진출 세미나 연사를 찾고 있습니다.",
        ],
    },
    "university": {
        "desc": [
            "{name}(은) {year}년 개교한 {city} 소재 대학으로, 재학생은 약 {students}명입니다. {labs}개 "
            "연구실이 {sectors} 분야에서 강점을 갖고 있습니다.",
            "{city}에 있는 {name}(은) 기술이전 전담조직과 창업캠프를 운영하고 있으며, 교내 연구실에서 "
            "{spinoffs}개 기업이 창업했습니다.",
        ],
        "offer": [
            "공동연구, 기술이전, 학생 인턴십, 그리고 창업자 교육·멘토링 프로그램인 {programme}(을) "
            "제공합니다.",
            "연구실 장비 활용, 대학원 공동지도 과제, 협력 가능한 교원 창업기업 {spinoffs}곳",
        ],
        "seek": [
            "공동연구와 기술이전을 함께할 {sectors} 분야 기업, 그리고 {other}의 교류 대학을 찾고 있습니다.",
            "인턴을 받고 연구성과를 실증할 {other} 기업을 찾고 있습니다.",
        ],
    },
    "research_institute": {
        "desc": [
            "{name}(은) {year}년 {city}에 설립된 연구기관으로, 연구원 {researchers}명이 {sectors} 분야를 "
            "연구하고 있습니다.",
            "{city}에 있는 {name}(은) 연구인력 {researchers}명과 특허 {patents}건을 바탕으로 {sectors} 분야 "
            "응용연구 성과를 산업계와 함께 사업화하고 있습니다.",
        ],
        "offer": [
            "특허 {patents}건 기반 기술이전, 위탁연구, 테스트베드와 인증시험을 제공합니다.",
            "{sectors} 분야 협력 기업에 {services}(을) 제공합니다.",
        ],
        "seek": [
            "{sectors} 기술을 함께 사업화할 {country}·{other} 기업을 찾고 있습니다.",
            "{other}의 공동연구 파트너와 {sectors} 실증사업에 공동 투자할 기업을 찾고 있습니다.",
        ],
    },
    "association": {
        "desc": [
            "{name}(은) {sectors} 분야 회원사와 전문가 {members}곳이 참여하는 단체로, {year}년 {city}에서 "
            "출범해 매년 {events}회 행사를 엽니다.",
            "{name}(은) {city}에 있는 {sectors} 분야 기업 협의체로, 회원사는 {members}곳입니다.",
        ],
        "offer": [
            "{sectors} 분야 회원사에 {services}(을) 제공합니다.",
            "연례 포럼, 회원사 디렉터리, 시장 보고서, {country}·{other} 정부기관 연결을 지원합니다.",
        ],
        "seek": [
            "신규 회원사, {other}의 파트너 협회, {city}에서 열리는 연례 포럼 후원사를 찾고 있습니다.",
            "{other}의 연사와 참가 기업을 찾고, 정책 당국에 전달할 회원사 애로사항을 모으고 있습니다.",
        ],
    },
    "economic_zone": {
        "desc": [
            "{name}(은) {city}에 조성된 {area}㎢ 규모의 산업·혁신 단지로, 외국인투자기업 {foreign}곳을 포함한 "
            "{firms}개 기업이 입주해 {sectors} 클러스터를 이루고 있습니다.",
            "{year}년 조성된 {city}의 {name}에는 {sectors} 분야 기업 {firms}곳이 입주해 있습니다.",
        ],
        "offer": [
            "외국 기업을 위한 원스톱 입주 서비스: {services}",
            "즉시 입주 가능한 공장·연구 공간, 공용 시험 플랫폼, {other_lang}가 가능한 투자유치 전담팀",
        ],
        "seek": [
            "생산·연구 거점을 찾는 {other}의 {sectors} 기술기업을 유치하고자 합니다.",
            "{other}의 {sectors} 분야 투자 프로젝트와 교류 프로그램을 함께할 파트너 단지를 찾고 있습니다.",
        ],
    },
}

PROGRAMMES = {
    "incubator": ["{brand} 런치패드", "{brand} 글로벌 액셀러레이팅", "{brand} 소프트랜딩 프로그램"],
    "university": ["{brand} 창업캠프"],
}

# Services an institution of a type offers; a few are combined per organisation.
SERVICES = {
    "support_agency": [
        "시장조사",
        "파트너 매칭",
        "법률·세무 자문",
        "대표처 설립",
        "법인 등록",
        "통역",
        "대표단 방문 지원",
        "전시회 부스 지원",
        "채용·비자 지원",
    ],
    "research_institute": [
        "공동 R&D 과제",
        "시범 생산라인 활용",
        "시험설비",
        "연구인력 교류",
        "인증시험",
        "기술 라이선스",
    ],
    "association": [
        "네트워킹 행사",
        "대표단 방문",
        "정책 설명회",
        "비즈니스 매칭",
        "시장 보고서",
        "회원사 디렉터리",
    ],
    "economic_zone": [
        "법인 설립",
        "3년간 임대료 지원",
        "세제 혜택",
        "인재 숙소",
        "실증 수요처 연결",
        "통관 지원",
        "{other_lang} 서비스 창구",
    ],
}
