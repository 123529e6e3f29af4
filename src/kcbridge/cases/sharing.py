"""A firm shares one of its cases with named government officers, who may then read it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import Role, User
from kcbridge.cases import messages
from kcbridge.cases import repository as repo
from kcbridge.cases.models import Case, CaseShare
from kcbridge.cases.policy import is_firm_owner
from kcbridge.cases.service import audit, case_service, payload
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _


class ShareService:
    def _owned(self, db: Session, user: User, case_id: int) -> Case:
        case = case_service.get(db, case_id, user)
        if not is_firm_owner(db, user, case):
            raise Forbidden(_("Only owners of the firm that filed this case can share it."))
        return case

    def share(self, db: Session, *, user: User, case_id: int, email: str) -> CaseShare:
        """Lets the government officer with this e-mail read the case (shared once; sharing again is a no-op)."""
        case = self._owned(db, user, case_id)
        officer = repo.user_by_email(db, email)
        if officer is None or officer.role != Role.GOVERNMENT_OFFICER.value or not officer.is_active:
            msg = _("No government officer has this e-mail address on kcbridge.")
            raise Invalid(msg, fields=[(("email",), msg)])
        found = repo.share(db, case.id, officer.id)
        if found is not None:
            return found
        row = CaseShare(case_id=case.id, user_id=officer.id, shared_by=user.id)
        db.add(row)
        db.flush()
        audit(db, user, "share", case, shared_with=[None, officer.id])
        messages.tell(db, [officer.id], "case_shared", payload(case, case.organisation))
        return row

    def unshare(self, db: Session, *, user: User, case_id: int, user_id: int) -> None:
        case = self._owned(db, user, case_id)
        row = repo.share(db, case.id, user_id)
        if row is None:
            raise NotFound(_("This case is not shared with this person."))
        db.delete(row)
        audit(db, user, "unshare", case, shared_with=[user_id, None])
        db.flush()


share_service = ShareService()
