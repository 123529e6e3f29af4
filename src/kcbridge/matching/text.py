"""Language-aware text helpers for matching: script detection, phrase splitting, BM25 tokens.

Matching never translates; these helpers only cut text into pieces the multilingual
embedder (and the BM25 baseline) can compare across ko / zh / en.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kiwipiepy import Kiwi

LANGS = ("ko", "zh", "en")

# Long inputs are cut before embedding: the encoder averages token features, so text far
# beyond a profile's opening says little more and only costs time.
MAX_EMBED_CHARS = 2000
MAX_PHRASES = 12

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z]")
# Sentence ends: CJK full stops, ?!; and a Latin full stop followed by space (keeps "3.5" and "Co.,Ltd").
_SENTENCE = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s+|\n+")
_CLAUSE = re.compile(r"[，,、：:]\s*")
_LONG_SENTENCE = (
    60  # Latin-character equivalents; longer sentences are also cut at commas so each phrase says one thing
)


def clean(text: str) -> str:
    """NFKC-normalised text with collapsed whitespace (full-width forms become ASCII)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def detect_lang(text: str, hint: str | None = None) -> str:
    """`hint` when it is ko/zh/en, else the dominant script; English when nothing decides."""
    if hint and hint[:2].lower() in LANGS:
        return hint[:2].lower()
    hangul, han, latin = (len(rx.findall(text)) for rx in (_HANGUL, _HAN, _LATIN))
    if hangul and hangul >= han * 0.3:
        return "ko"
    if han and han >= latin * 0.2:
        return "zh"
    return "en"


def truncate(text: str, limit: int = MAX_EMBED_CHARS) -> str:
    """At most `limit` characters, cut at a sentence end when one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(ch) for ch in "。.!?！？\n")
    return head[: cut + 1] if cut > limit * 0.6 else head


def sentences(text: str) -> list[str]:
    """Sentences of `text`, in order, without empty pieces."""
    return [s.strip() for s in _SENTENCE.split(clean(text)) if s and s.strip()]


def split_phrases(text: str, limit: int = MAX_PHRASES) -> list[str]:
    """Sentences, with long ones cut at commas: units small enough to say one thing each."""
    return list(_phrases(text, limit))


@lru_cache(maxsize=8192)  # explaining a search splits the texts of its first results, which recur
def _phrases(text: str, limit: int) -> tuple[str, ...]:
    out: list[str] = []
    for sent in sentences(truncate(text)):
        # A Hangul or Han character carries about two Latin characters' worth of meaning.
        if len(sent) + len(_HANGUL.findall(sent)) + len(_HAN.findall(sent)) <= _LONG_SENTENCE:
            out.append(sent)
            continue
        parts = [p.strip() for p in _CLAUSE.split(sent) if len(p.strip()) >= 4]
        out.extend(parts or [sent])
    return tuple(out[:limit] or [clean(text)[:_LONG_SENTENCE]])


@lru_cache(maxsize=4096)  # tags repeat across profiles; this is on the index-build path
def normalise_sector(label: str) -> str:
    """'IoT 5G', 'iot-5g' and ' IoT_5G ' all become 'iot_5g', so platform codes stay as they are."""
    return re.sub(r"[\s_\-/·]+", "_", clean(label).lower()).strip("_")


# --- BM25 tokens -------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_EN_STOP = frozenset(
    "a an and are as at be by for from has have in is it its of on or our that the their them they this "
    "to we with will can also who which into".split()
)
_KO_KEEP = ("NN", "VV", "VA", "XR", "SL", "SH", "SN")


@lru_cache(maxsize=1)
def _kiwi():  # loading the Korean model takes ~1 s, so only when Korean text is tokenised

    return Kiwi()


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """Content tokens for BM25: Kiwi morphemes (ko), jieba words (zh), lower-case words (en)."""
    text = clean(text)
    lang = detect_lang(text, lang)
    if lang == "ko":
        return [t.form.lower() for t in _kiwi().tokenize(text) if t.tag.startswith(_KO_KEEP)]
    if lang == "zh":
        import jieba  # 0.1 s: only Chinese text loads it

        jieba.setLogLevel(60)
        return [w.lower() for w in jieba.lcut(text) if w.strip() and (w.isalnum() or _HAN.search(w))]
    return [w for w in _WORD.findall(text.lower()) if w not in _EN_STOP]


# --- cooperation intent ------------------------------------------------------------------
# Small, general lexicons (ko / zh / en). A type is *sought* when the party who does it is
# named in a clause that asks for something ("seeking a distributor"); it is *offered* when the
# text says it does it ("we manufacture", "Distributor of …") or asks for its counterpart
# ("seeking customers" means the writer supplies). Roles are hints, so the engine weighs them
# lightly next to the embeddings.

COOP_TYPES = (
    "supply",
    "distribution",
    "co_production",
    "licensing",
    "joint_rnd",
    "joint_venture",
    "investment",
    "incubation",
)
# Types where both sides do the same thing together: any two mentions complement each other.
SYMMETRIC_TYPES = frozenset({"licensing", "joint_rnd", "joint_venture"})

_SEEK = re.compile(
    r"찾고|찾습니다|찾는|찾아|구합니다|모집|희망|원합니다|싶습니다|필요|받고자|맺고자|하고자|"
    r"寻求|寻找|希望|欢迎|征集|需要|引入|引进|招标|采购|评估|物色|对接|"
    r"\bseek|looking for|\bwant|welcome|\bneed|qualifying|evaluating|recruiting|interested in|open to|searching",
    re.I,
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# type: (provider named in a request -> seek, self-description -> offer, counterpart requested -> offer)
_LEXICON: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]] = {
    "supply": (
        _rx(
            r"供应商|供货商|采购|招标|外购|vendors?\b|suppliers?\b|second source|sourcing|procure|공급사|공급업체|납품업체|구매"
        ),
        _rx(
            r"制造商|生产|厂商|提供商|manufactur|\bmakers?\b|we (?:build|produce|make)|제조|생산|양산|공급합니다|공급하"
        ),
        _rx(r"客户|买家|customers?\b|buyers?\b|고객|수요처|채택"),
    ),
    "distribution": (
        _rx(
            r"代理商|经销商|分销商|渠道商|渠道伙伴|distributors?\b|resellers?\b|agents?\b|dealers?\b|유통사|총판|대리점|판매 ?파트너|재판매"
        ),
        _rx(r"分销|经销|代理|进口商|distribut|importer|유통|수입"),
        _rx(r"品牌|brands\b|브랜드"),
    ),
    "co_production": (
        _rx(
            r"代工|OEM|ODM|contract manufactur|manufacturing partner|co-?produc|제조 ?파트너|생산 ?파트너|위탁 ?생산|공동 ?생산|생산해 줄|공동 ?제작|联合制作|联合出品"
        ),
        _rx(
            r"代工|受托|按图|制造商|生产商|工厂|contract manufactur|manufacturer|factory|build to (?:client|customer)|OEM|ODM|위탁 ?생산|제조사|공장"
        ),
        _rx(r"订单|orders?\b|주문"),
    ),
    "licensing": (
        _rx(r"技术许可|许可|授权|in-licens|licens|licenc|라이선스|기술 ?이전|기술 ?도입"),
        _rx(r"we license|授权给|라이선스 아웃|out-licens"),
        _rx(r"licensees?\b|被许可|라이선시"),
    ),
    "joint_rnd": (
        _rx(
            r"联合研发|联合开发|合作研发|共同开发|共同研发|joint r&d|joint research|co-?develop|jointly develop|"
            r"joint development|공동 ?개발|공동 ?연구|공동 ?설계|design-in"
        ),
        _rx(r"研究院|实验室|研发中心|laborator|research (?:group|centre|center|institute)|연구소|연구실"),
        None,
    ),
    "joint_venture": (_rx(r"合资|joint venture|\bJV\b|합작"), _rx(r"合资|joint venture|합작"), None),
    "investment": (
        _rx(
            r"投资机构|投资方|投资人|融资|investors?\b|\bVCs?\b|fundrais|rais(?:e|ing) (?:a |our )?(?:seed|series|round)|"
            r"series [a-d]\b|투자사|투자자|투자기관|투자 ?유치|투자를 유치|시리즈 ?[a-d]"
        ),
        _rx(
            r"基金|投资于|只投资|单笔|invests?\b|investing|\bfund\b|펀드|투자합니다|벤처캐피털|venture capital"
        ),
        _rx(r"startups\b|portfolio compan|스타트업"),
    ),
    "incubation": (
        _rx(
            r"孵化器|加速器|园区|产业园|开发区|incubator|accelerator|industrial park|landing|액셀러레이터|인큐베이터|"
            r"산업단지|입주|법인 ?설립"
        ),
        _rx(
            r"孵化|入驻|一站式|落地|厂房|incubat|accelerat|office space|one-stop|입주 ?공간|설립을 지원|지원기관"
        ),
        None,
    ),
}

# Organisation types that by themselves offer a cooperation type.
ORG_OFFERS = {
    "investor": "investment",
    "incubator": "incubation",
    "economic_zone": "incubation",
    "government_zone": "incubation",
    "support_agency": "incubation",
    "university": "joint_rnd",
    "research_institute": "joint_rnd",
}


def is_request(clause: str) -> bool:
    """Whether a clause asks for something (a partner, customers, money) rather than describes."""
    return bool(_SEEK.search(clause))


def infer_intent(text: str, org_type: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(offered, sought) cooperation type codes read from free text and the organisation type."""
    offer: set[str] = set()
    seek: set[str] = set()
    for clause in sentences(truncate(text)):
        request = is_request(clause)
        for code, (provider, self_desc, counterpart) in _LEXICON.items():
            if provider.search(clause):
                (seek if request else offer).add(code)
            if not request and self_desc.search(clause):
                offer.add(code)
            if request and counterpart is not None and counterpart.search(clause):
                offer.add(code)
    if org_type in ORG_OFFERS:
        offer.add(ORG_OFFERS[org_type])
    order = {c: i for i, c in enumerate(COOP_TYPES)}
    return tuple(sorted(offer, key=lambda c: order[c])), tuple(sorted(seek, key=lambda c: order[c]))


def complementary_types(
    a_offer: tuple[str, ...], a_seek: tuple[str, ...], b_offer: tuple[str, ...], b_seek: tuple[str, ...]
) -> tuple[str, ...]:
    """Types where one side offers what the other seeks, or both want the same joint work."""
    hits = (set(a_seek) & set(b_offer)) | (set(a_offer) & set(b_seek))
    hits |= SYMMETRIC_TYPES & (set(a_offer) | set(a_seek)) & (set(b_offer) | set(b_seek))
    return tuple(c for c in COOP_TYPES if c in hits)
