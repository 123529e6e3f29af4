"""Attachments of a case: documents only (checked by their bytes, not by their name), size-limited,
stored in the database and served only to the case's readers."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import repository as repo
from kcbridge.cases.models import CaseAttachment
from kcbridge.cases.policy import ADMIN, FIRM, INSTITUTION
from kcbridge.cases.service import audit, case_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Invalid, NotFound
from kcbridge.kit.i18n import _

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 10
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "hwpx": "application/hwp+zip",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "hwp": "application/x-hwp",
    "rtf": "application/rtf",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    **ODF,
}


def _zip_names(data: bytes) -> dict[str, bytes] | None:
    """The names of a zip archive and its `mimetype` entry, or None when the bytes are no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return None
    return {"names": "\n".join(names).encode(), "mimetype": mimetype}


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def is_document(ext: str, data: bytes) -> bool:
    """True when the bytes are the document the extension says (PDF, Office, OpenDocument, HWP, text)."""
    if ext == "pdf":
        return data.startswith(b"%PDF-")
    if ext in ("doc", "xls", "ppt", "hwp"):
        return data.startswith(OLE)
    if ext == "rtf":
        return data.startswith(b"{\\rtf")
    if ext in ("txt", "csv"):
        return _is_text(data)
    if ext in OOXML or ext in ODF:
        found = _zip_names(data) if data.startswith(b"PK\x03\x04") else None
        if found is None:
            return False
        if ext in OOXML:
            names = found["names"].decode(errors="replace").split("\n")
            return "[Content_Types].xml" in names and any(n.startswith(OOXML[ext]) for n in names)
        return found["mimetype"].decode(errors="replace").strip() == ODF[ext]
    return False


def clean_name(filename: str) -> str:
    """The file's own name (no folders, no control characters), at most 200 characters."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    name = re.sub(r"[\x00-\x1f\x7f\"\\/]", "", name).strip() or "document"
    stem, dot, ext = name.rpartition(".")
    return (stem[: 190 - len(ext)] + dot + ext) if dot else name[:200]


def check(filename: str, data: bytes) -> tuple[str, str]:
    """(clean name, content type) of an acceptable document, or a translated 422 on `file`."""
    name = clean_name(filename)
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if not data:
        msg = _("The file is empty.")
        raise Invalid(msg, fields=[(("file",), msg)])
    if len(data) > MAX_BYTES:
        msg = _("The file is too large: at most {mb} MB.").format(mb=MAX_BYTES // (1024 * 1024))
        raise Invalid(msg, fields=[(("file",), msg)])
    if ext not in CONTENT_TYPES or not is_document(ext, data):
        msg = _(
            "Only documents can be attached: PDF, Word, Excel, PowerPoint, HWP, OpenDocument or text files."
        )
        raise Invalid(msg, fields=[(("file",), msg)])
    return name, CONTENT_TYPES[ext]


class AttachmentService:
    def add(self, db: Session, *, user: User, case_id: int, filename: str, data: bytes) -> CaseAttachment:
        """Attaches a document to a case the user acts on (the firm, the institution, an administrator)."""
        case, _side = case_service.get_acting(db, case_id, user, FIRM, INSTITUTION, ADMIN)
        if len(repo.attachments(db, case.id)) >= MAX_FILES:
            raise Conflict(_("A case takes at most {n} files.").format(n=MAX_FILES))
        name, content_type = check(filename, data)
        row = CaseAttachment(case_id=case.id, filename=name, content_type=content_type, size=len(data))
        row.data, row.uploaded_by, row.created_at = data, user.id, utcnow()
        db.add(row)
        db.flush()
        audit(db, user, "attach", case, attachment=[None, row.id])
        return row

    def get(self, db: Session, *, user: User | None, case_id: int, attachment_id: int) -> CaseAttachment:
        """A file of a case the user may read."""
        case = case_service.get(db, case_id, user)
        row = repo.attachment(db, case.id, attachment_id)
        if row is None:
            raise NotFound(_("This file does not exist."))
        return row


attachment_service = AttachmentService()
