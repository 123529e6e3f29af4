"""Invented contact people: names, titles in the organisation's language, e-mails and phones."""

from __future__ import annotations

import random
from typing import Any

from . import source


@source.derived
def _names() -> dict[str, Any]:
    """data/people.toml with its name lists as (written form, romanisation) tuples."""
    data = source.read("people.toml")
    return {k: [tuple(x) for x in v] if k.endswith(("surnames", "given")) else v for k, v in data.items()}


def make_people(rng: random.Random, country: str, org_type: str, domain: str, n: int) -> list[dict]:
    """1-3 invented contacts of an invented organisation, with e-mails on its .example domain."""
    d = _names()
    head = rng.choice(d["head_titles"][country][org_type])
    staff = d["staff_titles"][country][org_type]
    titles = [head] + rng.sample(staff, min(n - 1, len(staff)))
    people, locals_ = [], set()
    for i, title in enumerate(titles):
        cross = i > 0 and rng.random() < 0.22
        if country == "KR" and not (cross and rng.random() < 0.5):
            (sur, sur_r), (giv, giv_r) = rng.choice(d["kr_surnames"]), rng.choice(d["kr_given"])
            name, local = sur + giv, f"{giv_r}.{sur_r}"
            langs = ["ko"] + (["en"] if i == 0 or rng.random() < 0.55 else [])
            if cross or any(k in title for k in ("중국", "해외", "글로벌", "국제")):
                langs.append("zh")
        elif country == "KR":  # a Chinese colleague in a Korean organisation
            (sur, sur_r), (giv, giv_r) = rng.choice(d["cn_surnames"]), rng.choice(d["cn_given"])
            name, local, title, langs = (
                sur + giv,
                f"{giv_r}.{sur_r}",
                d["cross_title"]["KR"],
                ["zh", "ko", "en"],
            )
        elif cross:  # a Korean-speaking (Chaoxianzu) colleague in a Chinese organisation
            (sur, sur_r), (giv, giv_r) = rng.choice(d["cn_korean_surnames"]), rng.choice(d["cn_korean_given"])
            name, local, title, langs = sur + giv, f"{giv_r}.{sur_r}", d["cross_title"]["CN"], ["zh", "ko"]
        else:
            (sur, sur_r), (giv, giv_r) = rng.choice(d["cn_surnames"]), rng.choice(d["cn_given"])
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
