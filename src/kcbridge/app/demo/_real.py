"""The hand-written organisations: real institutions (data/real.toml) and the invented organisations the
acceptance stories lean on (data/anchors.toml), as the plain dicts the generator produces."""

from __future__ import annotations

from typing import Any

from . import source
from ._text import city_name, sector_list

LANGS = ("ko", "zh", "en")


@source.derived
def invented_in_real_list() -> frozenset[str]:
    """Keys of the plausible bodies invented on purpose among the real institutions."""
    return frozenset(r["key"] for r in source.read("real.toml")["institution"] if r.get("invented"))


@source.derived
def real_keys() -> frozenset[str]:
    """Keys of the real institutions (the invented body listed among them excluded)."""
    return frozenset(r["key"] for r in source.read("real.toml")["institution"]) - invented_in_real_list()


def build_real() -> list[dict[str, Any]]:
    """The real institutions (and the one invented association among them), as fresh dicts."""
    data = source.read("real.toml")
    out = []
    for r in data["institution"]:
        role = data["roles"][r["org_type"]]
        company = r["org_type"] == "company"

        def slots(lang: str, r: dict[str, Any] = r) -> dict[str, str]:
            return {"sectors": sector_list(lang, r["sectors"][:3]), "city": city_name(lang, r["city"])}

        out.append(
            {
                "key": r["key"],
                "names": {lang: r["names"][lang] for lang in LANGS},
                "org_type": r["org_type"],
                "size": r.get("size", "large") if company else None,
                "stage": "mature" if company else None,
                "country": r["country"],
                "city": r["city"],
                "sectors": list(r["sectors"]),
                "founded": r.get("founded"),
                "website": r.get("website"),
                "texts": {
                    lang: {
                        "description": r["description"][lang],
                        "offer": role["offer"][lang].format(**slots(lang)),
                        "seek": role["seek"][lang].format(**slots(lang)),
                    }
                    for lang in LANGS
                },
                "people": [],
            }
        )
    return out


def build_anchors() -> list[dict[str, Any]]:
    """The story organisations, as fresh dicts."""
    out = []
    for a in source.read("anchors.toml")["organisation"]:
        langs = a["written_in"]
        out.append(
            {
                "key": a["key"],
                "names": {lang: a["names"][lang] for lang in LANGS if lang in a["names"]},
                "org_type": a["org_type"],
                "size": a.get("size"),
                "stage": a.get("stage"),
                "country": a["key"][:2].upper(),
                "city": a["city"],
                "sectors": list(a["sectors"]),
                "founded": a.get("founded"),
                "website": f"https://www.{a['domain']}",
                "texts": {lang: {f: a[f][lang] for f in ("description", "offer", "seek")} for lang in langs},
                "people": [{**p, "languages": list(p["languages"])} for p in a.get("people", [])],
            }
        )
    return out
