"""Reading a text as what it offers and what it seeks, and the roles it implies.

Texts in ko / zh / en (often mixed) are cut into clauses; a clause that asks for something
("寻求…", "…를 찾고 있습니다", "looking for …") is a *seek* clause, the rest describe what the
writer is and offers. Small cue lexicons then read the writer's own roles (maker, distributor …)
and the roles it asks for. Everything here is a hint for the ranker, which weighs it beside
the embeddings of the offer and seek parts; nothing is translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kcbridge.matching.text import clean, sentences, truncate

ROLES = (
    "maker",  # maker / supplier / developer of a product, technology or service
    "buyer",  # buyer / user / brand that needs a product or a production service
    "distributor",  # distributor, agent, reseller, integrator, publisher, platform that sells on
    "contract_mfr",  # contract manufacturer (OEM / ODM / CDMO)
    "investor",
    "incubation",  # landing, incubation, zone, park, support agency
    "research",  # university, institute, laboratory
    "government",  # government counterpart
)
ROLE_BIT = {r: 1 << i for i, r in enumerate(ROLES)}

# Roles a writer wants when its text names none: the other side of its own roles.
NATURAL_PARTNERS = {
    "maker": ("buyer", "distributor"),
    "buyer": ("maker", "contract_mfr"),
    "distributor": ("maker",),
    "contract_mfr": ("buyer",),
    "investor": (),  # an investor wants firms raising money: read from their seek, not a role
    "incubation": (),  # likewise: firms that seek landing help
    "research": ("research",),
    "government": ("government", "incubation"),
}
ORG_ROLES = {
    "investor": "investor",
    "incubator": "incubation",
    "economic_zone": "incubation",
    "government_zone": "incubation",
    "support_agency": "incubation",
    "university": "research",
    "research_institute": "research",
    "government": "government",
}

# A clause asks for something when it carries one of these cues.
SEEK_CUES = re.compile(
    r"찾고|찾습니다|찾는다|찾아|구합니다|구하고|모집|희망|원합니다|원하는|싶습니다|싶어|필요|받고자|맺고자|하고자|"
    r"제안|물색|유치|모색|"
    r"寻求|寻找|求购|征求|希望|欢迎|征集|需要|引入|引进|招募|招商|招引|物色|对接|拟|计划与|正在找|想找|诚邀|期待|招标|입찰|"
    r"\bseek|looking for|\btender(?:s|ing)?\b|\bsourcing\b|\bwants?\b|\bwelcome|\bneeds?\b|\bqualifying\b|\bevaluating\b|\brecruiting\b|"
    r"interested in|open to|searching|\bhoping\b|\bwould like\b|\binvit",
    re.I,
)
# Where one clause ends inside a sentence: punctuation, and in English the start of a request.
_CLAUSE_BREAK = re.compile(
    r"\s*[，；;]\s*|(?<=[며고서데만]),\s*|(?<=[\u4e00-\u9fff]),\s*|"
    r",?\s+(?=(?:and )?(?:we )?(?:are |is )?(?:seeking|looking for|want)\b)|,\s+(?=(?:and|while|but) )",
    re.I,
)
_CJK = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff]")
_PAREN = re.compile(r"\([^()]*\)|（[^（）]*）")
# Counterparts that make a request a *sales* request: the writer supplies, the sought side buys.
_CUSTOMERS = re.compile(
    r"客户|买家|用户|订单|品牌方|customers?\b|buyers?\b|clients?\b|orders?\b|users?\b|"
    r"고객|수요처|주문|바이어|채택할|도입할|사용할|필요한|\bthat (?:need|use|buy)|\bwho (?:need|use|buy)",
    re.I,
)

_R = {  # role: (as a noun for a party one can ask for, as a self-description)
    "maker": (
        r"供应商|供货商|制造商|生产商|厂商|技术方|解决方案商|品牌|suppliers?\b|vendors?\b|manufacturers?\b|makers?\b|"
        r"brands?\b|브랜드|"
        r"developers?\b|공급사|공급업체|제조사|제조업체|완성품 업체|기술 보유",
        r"生产|制造|研发|研制|开发|提供|供应|量产|自主|manufactur|\bmakers?\b|\bmake\b|produc|develop|design|"
        r"provid|suppl|vendor|we build|we offer|we help|\bservices?\b|服务|协助|帮助|제조|생산|개발|공급|제공|"
        r"양산|설계|보유|운영|서비스|돕",
    ),
    "buyer": (
        r"客户|买家|用户|customers?\b|buyers?\b|clients?\b|users?\b|operators?\b|고객|수요처|"
        r"운영사|바이어",
        r"采购|外购|引入|引进|选型|purchas|procur|sourcing|\bbuy|\badopt|in-?licens|구매|도입|채택|조달|라이선스 ?인",
    ),
    "distributor": (
        r"代理商|经销商|分销商|渠道|集成商|发行商|distributors?\b|resellers?\b|agents?\b|agenc(?:y|ies)\b|dealers?\b|"
        r"integrators?\b|publishers?\b|importers?\b|유통사|유통 ?파트너|총판|대리점|판매 ?파트너|SI ?업체|퍼블리셔|"
        r"수입사",
        r"代理|经销|分销|进口|渠道|集成|发行|distribut|resell|importer|\bagency\b|integrat|publish|유통|총판|수입|"
        r"판매 ?대행|퍼블리싱",
    ),
    "contract_mfr": (
        r"代工厂|代工|OEM|ODM|CDMO|CMO|contract manufactur|manufacturing partner|co-?produc|die-casting partner|"
        r"위탁 ?생산|생산 ?파트너|제조 ?파트너|공동 ?생산|공동 ?제작|ODM",
        r"代工|受托|按图|OEM|ODM|CDMO|contract manufactur|build to (?:client|customer)|위탁 ?생산|수탁|ODM",
    ),
    "investor": (
        r"投资机构|投资方|投资人|投资者|融资|investors?\b|\bVCs?\b|fundrais|series [a-d]\b|pre-?a\b|"
        r"투자사|투자자|투자기관|투자 ?유치|시리즈 ?[a-d]|라운드",
        r"基金|投资于|只投资|单笔|领投|invests?\b|investing|\bfunds?\b|venture capital|펀드|투자합니다|"
        r"벤처캐피털|투자하는",
    ),
    "incubation": (
        r"孵化器|加速器|园区|产业园|开发区|服务机构|incubators?\b|accelerators?\b|industrial park|landing|"
        r"액셀러레이터|인큐베이터|산업단지|지원기관|입주 ?공간|법인 ?설립|대행해 ?줄|대행할|代办|代理注册|"
        r"help (?:us )?(?:set up|register|establish)",
        r"孵化|入驻|一站式|落地|厂房|工位|注册服务|incubat|accelerat|office space|one-stop|landing|입주|설립을 지원|"
        r"설립 대행|지원기관|보육",
    ),
    "research": (
        r"大学|高校|研究院|研究所|实验室|课题组|universit|institutes?\b|laborator|\blabs?\b|research partner|"
        r"대학|연구소|연구기관|연구실|연구원",
        r"大学|学院|研究院|研究所|实验室|课题组|universit|institute|laborator|research (?:group|centre|center)|"
        r"대학|연구소|연구원|연구실",
    ),
    "government": (
        r"政府|主管部门|商务厅|管委会|government|ministr|municipal|provincial|정부|지자체|도청|시청|자치단체",
        r"人民政府|省政府|市政府|商务厅|管委会|government|ministry|province\b|municipal|정부|특별시|광역시|도청|시청",
    ),
}
_NOUN = {r: re.compile(n, re.I) for r, (n, _) in _R.items()}
# A request to buy, license in or source something: the writer is a buyer and wants its maker.
_BUYING = re.compile(
    r"采购|外购|购买|购入|采用|引进|引入|in-?licens|license[sd]? in\b|to (?:buy|purchase|source|procure)|"
    r"구매|구입|조달|도입하|라이선스 ?인|기술 ?이전을 받",
    re.I,
)
# A request to sell, supply, export or license out: the writer makes it and wants buyers.
_SELLING = re.compile(
    r"出售|销售给|出口到|对外授权|授权给|转让给|向.{0,12}供货|out-?licens|license (?:out|our|it)|"
    r"to (?:sell|supply|export)|판매하|수출하|공급하|라이선스 ?아웃|기술 ?이전하|납품하",
    re.I,
)
_SELF = {r: re.compile(s, re.I) for r, (_, s) in _R.items()}


@dataclass(frozen=True, slots=True)
class Reading:
    """A text read as offer and seek: the clauses of each and the roles they imply."""

    offer: tuple[str, ...] = ()  # clauses that describe the writer and what it offers
    seek: tuple[str, ...] = ()  # clauses that ask for something
    roles: tuple[str, ...] = ()  # what the writer is
    sought: tuple[str, ...] = ()  # the roles it asks for (or, when it names none, its natural partners)

    @property
    def offer_text(self) -> str:
        return " ".join(self.offer)

    @property
    def seek_text(self) -> str:
        return " ".join(self.seek)


def clauses(text: str) -> list[str]:
    """Sentences cut at commas, semicolons and English request starts; short scraps join the next."""
    out: list[str] = []
    for sent in sentences(truncate(text)):
        # commas inside brackets list things; they never end a clause
        sent = _PAREN.sub(lambda m: m.group(0).replace(",", "、").replace("，", "、"), sent)
        carry = ""
        for part in _CLAUSE_BREAK.split(sent):
            part = (carry + " " + part).strip() if carry else part.strip()
            # a scrap (a list item, "We are") says nothing alone: it joins the next piece
            if _weight(part) < 8:
                carry = part
                continue
            carry = ""
            if part:
                out.append(part)
        if carry:
            if out:
                out[-1] = f"{out[-1]} {carry}"
            else:
                out.append(carry)
    return out


def _weight(part: str) -> int:
    """Length in Latin-character equivalents: a Hangul or Han character says about as much as two."""
    return len(part) + len(_CJK.findall(part))


def is_seek(clause: str) -> bool:
    return bool(SEEK_CUES.search(clause))


@lru_cache(maxsize=8192)
def read(text: str, org_type: str | None = None, name: str | None = None) -> Reading:
    """Offer and seek clauses of `text`, the writer's roles and the roles it asks for."""
    parts = clauses(clean(text or ""))
    offer = [c for c in parts if not is_seek(c)]
    seek = [c for c in parts if is_seek(c)]
    roles: set[str] = set()
    sought: set[str] = set()
    if org_type in ORG_ROLES:
        roles.add(ORG_ROLES[org_type])
    lead = [] if offer or not seek else [SEEK_CUES.split(seek[0])[0]]  # "X는 … 희망합니다": X is the writer
    for piece in [name or "", *offer, *lead]:
        roles.update(r for r, rx in _SELF.items() if rx.search(piece))
    for clause in seek:
        named = {r for r, rx in _NOUN.items() if rx.search(clause)}
        if _CUSTOMERS.search(clause):
            # "seeking customers for our X" / "makers that need X": the named makers are the buyers
            sought.add("buyer")
            named -= {"maker", "buyer", "contract_mfr"}
            if not roles & {"maker", "distributor", "contract_mfr", "incubation", "research"}:
                roles.add("maker")
        sought.update(named)
        if "maker" in named or "contract_mfr" in named:
            roles.add("buyer")
        if _BUYING.search(clause):
            roles.add("buyer")
            sought.add("maker")
        if _SELLING.search(clause):
            roles.add("maker")
            sought.add("buyer")
    if "investor" in sought and "investor" not in roles:
        roles.add("maker")  # a firm raising money builds something
    if not sought:
        for r in roles:
            sought.update(NATURAL_PARTNERS[r])
    if not roles and not parts:
        return Reading()
    order = {r: i for i, r in enumerate(ROLES)}
    return Reading(
        tuple(offer),
        tuple(seek),
        tuple(sorted(roles, key=order.__getitem__)),
        tuple(sorted(sought, key=order.__getitem__)),
    )


def role_mask(roles: tuple[str, ...] | list[str] | set[str]) -> int:
    return sum(ROLE_BIT.get(r, 0) for r in set(roles))


def role_codes(mask: int) -> tuple[str, ...]:
    return tuple(r for r in ROLES if mask & ROLE_BIT[r])
