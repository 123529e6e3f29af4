"""Pure news extraction: plain text in, plain data out (no database or web imports).

from kcbridge.news.extract import Extractor
result = Extractor(gazetteer_entries).extract(text, title=..., published=..., language="ko")
"""

from kcbridge.news.extract.dates import find_dates, resolve_day
from kcbridge.news.extract.engine import Extractor, guess_language
from kcbridge.news.extract.gazetteer import Gazetteer, default_gazetteer, seed_entries
from kcbridge.news.extract.sectors import to_directory

__all__ = [
    "Extractor",
    "Gazetteer",
    "default_gazetteer",
    "find_dates",
    "guess_language",
    "resolve_day",
    "seed_entries",
    "to_directory",
]
