"""Invented contact people: names, titles in the organisation's language, e-mails and phones."""

from __future__ import annotations

import random

# People: (Korean, romanised) and (Chinese, pinyin)
KR_SURNAMES = [
    ("김", "kim"),
    ("이", "lee"),
    ("박", "park"),
    ("최", "choi"),
    ("정", "jung"),
    ("강", "kang"),
    ("조", "cho"),
    ("윤", "yoon"),
    ("장", "jang"),
    ("임", "lim"),
    ("한", "han"),
    ("오", "oh"),
    ("서", "seo"),
    ("신", "shin"),
    ("권", "kwon"),
    ("황", "hwang"),
    ("안", "ahn"),
    ("송", "song"),
    ("류", "ryu"),
    ("홍", "hong"),
    ("전", "jeon"),
    ("고", "ko"),
    ("문", "moon"),
    ("양", "yang"),
    ("손", "son"),
    ("배", "bae"),
    ("백", "baek"),
    ("남", "nam"),
]
KR_GIVEN = [
    ("지훈", "jihoon"),
    ("민준", "minjun"),
    ("서연", "seoyeon"),
    ("지민", "jimin"),
    ("현우", "hyunwoo"),
    ("수빈", "subin"),
    ("예린", "yerin"),
    ("도윤", "doyun"),
    ("하은", "haeun"),
    ("준호", "junho"),
    ("성민", "sungmin"),
    ("유진", "yujin"),
    ("재현", "jaehyun"),
    ("은지", "eunji"),
    ("태영", "taeyoung"),
    ("혜진", "hyejin"),
    ("상우", "sangwoo"),
    ("민지", "minji"),
    ("동현", "donghyun"),
    ("소영", "soyoung"),
    ("영수", "youngsu"),
    ("정훈", "junghoon"),
    ("경민", "kyungmin"),
    ("나연", "nayeon"),
    ("승현", "seunghyun"),
    ("주원", "juwon"),
    ("은비", "eunbi"),
    ("진호", "jinho"),
    ("미경", "mikyung"),
    ("기범", "kibeom"),
    ("보람", "boram"),
    ("윤서", "yoonseo"),
    ("하늘", "haneul"),
    ("세영", "seyoung"),
    ("우진", "woojin"),
    ("지은", "jieun"),
    ("형준", "hyungjun"),
    ("다은", "daeun"),
    ("시우", "siwoo"),
    ("민서", "minseo"),
]
CN_SURNAMES = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("赵", "zhao"),
    ("黄", "huang"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("胡", "hu"),
    ("朱", "zhu"),
    ("高", "gao"),
    ("林", "lin"),
    ("何", "he"),
    ("郭", "guo"),
    ("马", "ma"),
    ("罗", "luo"),
    ("梁", "liang"),
    ("宋", "song"),
    ("郑", "zheng"),
    ("谢", "xie"),
    ("韩", "han"),
    ("唐", "tang"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("沈", "shen"),
]
CN_GIVEN = [
    ("磊", "lei"),
    ("静", "jing"),
    ("伟", "wei"),
    ("芳", "fang"),
    ("敏", "min"),
    ("洋", "yang"),
    ("婷", "ting"),
    ("浩然", "haoran"),
    ("子涵", "zihan"),
    ("思远", "siyuan"),
    ("雨桐", "yutong"),
    ("建国", "jianguo"),
    ("晓东", "xiaodong"),
    ("海燕", "haiyan"),
    ("志强", "zhiqiang"),
    ("佳怡", "jiayi"),
    ("明轩", "mingxuan"),
    ("欣怡", "xinyi"),
    ("宇航", "yuhang"),
    ("文博", "wenbo"),
    ("晨曦", "chenxi"),
    ("俊杰", "junjie"),
    ("梦瑶", "mengyao"),
    ("嘉诚", "jiacheng"),
    ("一鸣", "yiming"),
    ("天宇", "tianyu"),
    ("丽娜", "lina"),
    ("国栋", "guodong"),
    ("雪", "xue"),
    ("鹏", "peng"),
    ("帆", "fan"),
    ("倩", "qian"),
    ("振华", "zhenhua"),
]
# Korean-Chinese (Chaoxianzu) staff of Chinese organisations who also speak Korean.
CN_KOREAN_SURNAMES = [("金", "jin"), ("朴", "piao"), ("崔", "cui"), ("李", "li"), ("郑", "zheng")]
CN_KOREAN_GIVEN = [
    ("哲", "zhe"),
    ("英花", "yinghua"),
    ("成浩", "chenghao"),
    ("美兰", "meilan"),
    ("东日", "dongri"),
]

HEAD_TITLES = {
    ("KR", "company"): ["대표이사", "대표이사", "대표"],
    ("KR", "investor"): ["대표파트너", "대표이사"],
    ("KR", "incubator"): ["센터장", "대표"],
    ("KR", "support_agency"): ["센터장", "대표"],
    ("KR", "university"): ["산학협력단장", "창업지원단장"],
    ("KR", "research_institute"): ["원장", "소장"],
    ("KR", "association"): ["회장", "사무총장"],
    ("KR", "economic_zone"): ["투자유치본부장"],
    ("CN", "company"): ["总经理", "董事长", "首席执行官"],
    ("CN", "investor"): ["创始合伙人", "管理合伙人"],
    ("CN", "incubator"): ["孵化器主任", "总经理"],
    ("CN", "support_agency"): ["主任", "总经理"],
    ("CN", "university"): ["副校长", "技术转移中心主任"],
    ("CN", "research_institute"): ["院长", "常务副院长"],
    ("CN", "association"): ["会长", "秘书长"],
    ("CN", "economic_zone"): ["招商局局长", "管委会副主任"],
}
STAFF_TITLES = {
    ("KR", "company"): [
        "CTO",
        "연구소장",
        "해외사업팀장",
        "중국사업본부장",
        "사업개발 매니저",
        "글로벌영업 이사",
        "전략기획실장",
        "마케팅팀장",
        "생산기술부장",
        "CFO",
    ],
    ("KR", "investor"): ["파트너", "수석심사역", "심사역", "중국투자팀장"],
    ("KR", "incubator"): ["프로그램 매니저", "글로벌협력팀장", "투자연계 매니저"],
    ("KR", "support_agency"): ["중국진출지원팀장", "수석컨설턴트", "선임매니저"],
    ("KR", "university"): ["교수", "창업지원단 팀장", "기술이전 전담관"],
    ("KR", "research_institute"): ["책임연구원", "선임연구원", "기술사업화실장"],
    ("KR", "association"): ["국제협력팀장", "사무국장"],
    ("KR", "economic_zone"): ["투자유치팀장", "해외투자 매니저"],
    ("CN", "company"): [
        "技术总监",
        "研发中心主任",
        "国际业务经理",
        "海外市场总监",
        "韩国业务负责人",
        "商务拓展经理",
        "首席技术官",
        "销售总监",
        "财务总监",
    ],
    ("CN", "investor"): ["合伙人", "投资总监", "投资经理", "跨境投资副总裁"],
    ("CN", "incubator"): ["运营总监", "项目经理", "国际合作经理"],
    ("CN", "support_agency"): ["企业服务部经理", "国际合作经理", "高级顾问"],
    ("CN", "university"): ["教授", "创业学院副院长", "副教授"],
    ("CN", "research_institute"): ["研究员", "副研究员", "成果转化部部长"],
    ("CN", "association"): ["国际联络部主任", "副秘书长"],
    ("CN", "economic_zone"): ["招商部经理", "外资服务专员"],
}
# Titles of bilingual staff who handle the other country.
CROSS_TITLE = {"KR": "중국사업 매니저", "CN": "韩国业务经理"}


def make_people(rng: random.Random, country: str, org_type: str, domain: str, n: int) -> list[dict]:
    """1-3 invented contacts of an invented organisation, with e-mails on its .example domain."""
    head = rng.choice(HEAD_TITLES[(country, org_type)])
    staff = STAFF_TITLES[(country, org_type)]
    titles = [head] + rng.sample(staff, min(n - 1, len(staff)))
    people, locals_ = [], set()
    for i, title in enumerate(titles):
        cross = i > 0 and rng.random() < 0.22
        if country == "KR" and not (cross and rng.random() < 0.5):
            (sur, sur_r), (giv, giv_r) = rng.choice(KR_SURNAMES), rng.choice(KR_GIVEN)
            name, local = sur + giv, f"{giv_r}.{sur_r}"
            langs = ["ko"] + (["en"] if i == 0 or rng.random() < 0.55 else [])
            if cross or any(k in title for k in ("중국", "해외", "글로벌", "국제")):
                langs.append("zh")
        elif country == "KR":  # a Chinese colleague in a Korean organisation
            (sur, sur_r), (giv, giv_r) = rng.choice(CN_SURNAMES), rng.choice(CN_GIVEN)
            name, local, title, langs = sur + giv, f"{giv_r}.{sur_r}", CROSS_TITLE["KR"], ["zh", "ko", "en"]
        elif cross:  # a Korean-speaking (Chaoxianzu) colleague in a Chinese organisation
            (sur, sur_r), (giv, giv_r) = rng.choice(CN_KOREAN_SURNAMES), rng.choice(CN_KOREAN_GIVEN)
            name, local, title, langs = sur + giv, f"{giv_r}.{sur_r}", CROSS_TITLE["CN"], ["zh", "ko"]
        else:
            (sur, sur_r), (giv, giv_r) = rng.choice(CN_SURNAMES), rng.choice(CN_GIVEN)
            name = sur + giv
            local = f"{giv_r}.{sur_r}" if rng.random() < 0.6 else f"{sur_r}{giv_r}"
            langs = ["zh"] + (["en"] if rng.random() < 0.5 else [])
            if any(k in title for k in ("韩国", "国际", "海外", "跨境")):
                langs.append("ko" if rng.random() < 0.5 else "en")
        while local in locals_:
            local += str(rng.randint(1, 9))
        locals_.add(local)
        if country == "KR":
            phone = f"+82-10-{rng.randint(2000, 9999)}-{rng.randint(0, 9999):04d}"
        else:
            phone = f"+86-13{rng.randint(0, 9)}-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"
        people.append(
            {
                "name": name,
                "title": title,
                "email": f"{local}@{domain}",
                "phone": phone,
                "languages": list(dict.fromkeys(langs)),
                "public": rng.random() < (0.15 if org_type == "company" else 0.5),
            }
        )
    return people
