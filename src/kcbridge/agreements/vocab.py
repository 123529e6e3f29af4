"""Codes of agreements and commitments with their ko / zh / en labels (data, like the directory taxonomy),
and the rules over them that need no database: allowed status changes and the progress traffic light."""

from __future__ import annotations

from datetime import date, timedelta

from kcbridge.directory.taxonomy import Term

KINDS: tuple[Term, ...] = (
    Term("mou", "업무협약(MOU)", "谅解备忘录（MOU）", "Memorandum of understanding (MOU)"),
    Term("friendship", "우호협력 협약", "友好合作协议", "Friendship agreement"),
    Term("sister_city", "자매결연 협약", "友好城市（姐妹城市）协议", "Sister-city agreement"),
    Term("cooperation", "협력 협정", "合作协议", "Cooperation agreement"),
    Term("letter_of_intent", "의향서(LOI)", "意向书", "Letter of intent"),
    Term("contract", "계약", "合同", "Contract"),
)

# Fields of cooperation, after the governors' association's register of local governments' agreements.
FIELDS: tuple[Term, ...] = (
    Term("trade_economy", "경제통상", "经贸", "Trade and economy"),
    Term("investment", "투자", "投资", "Investment"),
    Term("digital_economy", "디지털경제", "数字经济", "Digital economy"),
    Term("ai", "인공지능", "人工智能", "Artificial intelligence"),
    Term("semiconductors", "반도체", "半导体", "Semiconductors"),
    Term("bio", "바이오", "生物医药", "Bio"),
    Term("mobility", "모빌리티", "智能出行", "Mobility"),
    Term("science_technology", "과학기술", "科学技术", "Science and technology"),
    Term("startups", "창업·혁신", "创新创业", "Startups and innovation"),
    Term("environment", "환경", "环境", "Environment"),
    Term("energy", "에너지", "能源", "Energy"),
    Term("education", "교육", "教育", "Education"),
    Term("youth", "청년·청소년", "青年", "Youth"),
    Term("culture_arts", "문화예술", "文化艺术", "Culture and arts"),
    Term("sports", "체육", "体育", "Sports"),
    Term("tourism", "관광", "旅游", "Tourism"),
    Term("health", "보건의료", "卫生健康", "Health"),
)

VISIBILITIES: tuple[Term, ...] = (
    Term("public", "공개", "公开", "Public"),
    Term("parties", "당사자만", "仅限协议各方", "Parties only"),
)

STATUSES: tuple[Term, ...] = (
    Term("planned", "계획", "计划中", "Planned"),
    Term("in_progress", "진행 중", "进行中", "In progress"),
    Term("at_risk", "지연 위험", "有风险", "At risk"),
    Term("done", "완료", "已完成", "Done"),
    Term("dropped", "중단", "已放弃", "Dropped"),
)

# Completion levels of the Open Government Partnership's commitment template.
COMPLETIONS: tuple[Term, ...] = (
    Term("not_started", "시작 전", "未开始", "Not started"),
    Term("limited", "제한적", "有限", "Limited"),
    Term("substantial", "상당 부분", "大部分", "Substantial"),
    Term("complete", "완료", "全部完成", "Complete"),
)

LIGHTS: tuple[Term, ...] = (
    Term("green", "정상", "正常", "On track"),
    Term("yellow", "보고 지연", "报告逾期", "Report overdue"),
    Term("red", "장기 미보고", "长期未报告", "No report for two years"),
)

KIND_CODES = frozenset(t.code for t in KINDS)
FIELD_CODES = frozenset(t.code for t in FIELDS)
VISIBILITY_CODES = frozenset(t.code for t in VISIBILITIES)
STATUS_CODES = frozenset(t.code for t in STATUSES)
COMPLETION_CODES = frozenset(t.code for t in COMPLETIONS)
LIGHT_CODES = frozenset(t.code for t in LIGHTS)
OPEN_STATUSES = ("planned", "in_progress", "at_risk")
CLOSED_STATUSES = ("done", "dropped")

# Where a commitment may go from each status. Done can be reopened; a dropped one can be planned again.
TRANSITIONS: dict[str, frozenset[str]] = {
    "planned": frozenset({"in_progress", "at_risk", "dropped"}),
    "in_progress": frozenset({"at_risk", "done", "dropped"}),
    "at_risk": frozenset({"in_progress", "done", "dropped"}),
    "done": frozenset({"in_progress"}),
    "dropped": frozenset({"planned"}),
}

# A progress report older than this turns the light yellow; older than RED_AFTER turns it red.
YELLOW_AFTER = timedelta(days=183)
RED_AFTER = timedelta(days=730)

_ALL = {t.code: t for g in (KINDS, FIELDS, VISIBILITIES, STATUSES, COMPLETIONS, LIGHTS) for t in g}


def label(code: str | None, lang: str) -> str:
    """The label of any code of this vocabulary in `lang`; the code itself when unknown."""
    if not code:
        return ""
    term = _ALL.get(code)
    return term.label(lang) if term else code


def may_move(current: str, new: str) -> bool:
    return current == new or new in TRANSITIONS.get(current, frozenset())


def light(last_report: date | None, signed_on: date, today: date, *, open_commitments: bool) -> str:
    """Green while progress is reported at least every 6 months (or nothing is left open); yellow
    when the last report (or, without one, the signing) is older; red after two years without one."""
    if not open_commitments:
        return "green"
    since = last_report or signed_on
    age = today - since
    if age > RED_AFTER:
        return "red"
    if age > YELLOW_AFTER:
        return "yellow"
    return "green"


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    return due_on is not None and due_on < today and status in OPEN_STATUSES
