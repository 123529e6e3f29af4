"""Routing rules: administrators edit them; every new case takes the most specific one (routing.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import repository as repo
from kcbridge.cases import routing
from kcbridge.cases.models import Case, CaseRoute
from kcbridge.cases.schemas import RouteIn
from kcbridge.cases.vocab import INSTITUTION_TYPES
from kcbridge.directory.models import Organisation
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _

ENTITY = "case_route"
FIELDS = ("category", "country", "region", "sector")


def facts_of(case: Case) -> routing.Facts:
    return routing.Facts(case.category, case.country, case.region, case.sector)


def as_rule(r: CaseRoute) -> routing.Rule:
    return routing.Rule(r.id, r.institution_id, r.category, r.country, r.region, r.sector)


def check_institution(db: Session, org_id: int, field: str = "institution_id") -> Organisation:
    """A live organisation that can receive cases, or a 422 naming `field`."""
    org = db.get(Organisation, org_id)
    if org is None or org.deleted_at is not None:
        msg = _("This organisation does not exist.")
        raise Invalid(msg, fields=[((field,), msg)])
    if org.org_type not in INSTITUTION_TYPES:
        msg = _(
            "Cases go to support agencies, governments, associations, economic zones and incubators only."
        )
        raise Invalid(msg, fields=[((field,), msg)])
    return org


class RouteService:
    def choose(self, db: Session, case: Case) -> CaseRoute | None:
        """The rule that takes `case` (None: no rule fits; an administrator assigns it)."""
        found = repo.rules(db)
        picked = routing.choose([as_rule(r) for r in found], facts_of(case))
        return next((r for r in found if picked and r.id == picked.id), None)

    def create(self, db: Session, *, user: User, data: RouteIn) -> CaseRoute:
        """A rule for an institution; the same combination of fields cannot be given twice."""
        if not user.is_admin:
            raise Forbidden(_("Only platform administrators can do this."))
        check_institution(db, data.institution_id)
        wanted = tuple(getattr(data, f) for f in FIELDS)
        if any(tuple(getattr(r, f) for f in FIELDS) == wanted for r in repo.rules(db)):
            raise Conflict(_("A rule for exactly these fields exists already: change or delete it."))
        rule = CaseRoute(**{f: getattr(data, f) for f in FIELDS}, institution_id=data.institution_id)
        rule.created_by = user.id
        db.add(rule)
        db.flush()
        audit_service.record(
            db,
            actor=Actor(user.id, user.email),
            action="create",
            entity_type=ENTITY,
            entity_id=rule.id,
            changes={f: [None, getattr(rule, f)] for f in (*FIELDS, "institution_id")},
        )
        return rule

    def delete(self, db: Session, *, user: User, rule_id: int) -> None:
        if not user.is_admin:
            raise Forbidden(_("Only platform administrators can do this."))
        rule = repo.rule(db, rule_id)
        if rule is None:
            raise NotFound(_("This routing rule does not exist."))
        audit_service.record(
            db,
            actor=Actor(user.id, user.email),
            action="delete",
            entity_type=ENTITY,
            entity_id=rule.id,
            changes={f: [getattr(rule, f), None] for f in (*FIELDS, "institution_id")},
        )
        db.delete(rule)
        db.flush()


route_service = RouteService()
