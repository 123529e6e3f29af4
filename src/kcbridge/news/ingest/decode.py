"""Bytes to text: UTF-8 first, then the legacy encodings of the field (CP949/EUC-KR, GB18030)."""

from __future__ import annotations

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not text in any encoding we read (binary, or empty)."""


_LEGACY = ("cp949", "gb18030")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if not data.strip():
        raise NotText("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotText("binary file (NUL bytes)")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=list(_LEGACY) + ["euc_kr", "big5", "utf_16"]).best()
    candidates = ([best.encoding] if best else []) + list(_LEGACY)
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _printable(text) > 0.95:
            return text, enc
    raise NotText("binary file (no text encoding fits)")


def _printable(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    good = sum(c.isprintable() or c in "\n\r\t" for c in sample)
    return good / len(sample)
