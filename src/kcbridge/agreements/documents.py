"""Which uploads count as documents: PDF, Word (DOCX) and plain text, recognised by their bytes."""

from __future__ import annotations

import io
import re
import zipfile

MAX_BYTES = 5 * 1024 * 1024
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
}


def kind_of(data: bytes) -> str | None:
    """'pdf', 'docx' or 'txt' when the bytes are such a document, else None (whatever the file name)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        return "docx" if {"[Content_Types].xml", "word/document.xml"} <= names else None
    if not data or b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def safe_name(name: str | None, kind: str) -> str:
    """A file name to store and offer for download: no path, no control characters, the right ending."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[\x00-\x1f\x7f\"]", "", base).strip() or "document"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:150]}.{kind}"
