"""Language of an article: ko, zh or en (lingua); anything else is reported, not guessed."""

from __future__ import annotations

import threading
from typing import Any

from lingua import Language, LanguageDetectorBuilder

_lock = threading.Lock()
_detector: Any = None
SUPPORTED = ("ko", "zh", "en")


def _get() -> Any:
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                langs = [
                    Language.KOREAN,
                    Language.CHINESE,
                    Language.ENGLISH,
                    Language.JAPANESE,
                    Language.FRENCH,
                    Language.GERMAN,
                    Language.SPANISH,
                    Language.RUSSIAN,
                    Language.VIETNAMESE,
                ]
                _detector = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
    return _detector


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot tell."""
    sample = text[:3000]
    hangul = sum("가" <= c <= "힣" for c in sample)
    if hangul > 20:
        return "ko"
    lang = _get().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None
