from datetime import date

from kcbridge.news.extract.dates import find_dates, is_future

PUB = date(2024, 8, 4)


def _first(text: str, anchor: date | None = None, future: bool = False) -> date | None:
    return next(d.value for d in find_dates(text, PUB, anchor, future=future) if d.kind != "year")


def test_korean_relative_days():
    assert _first("지난달 31일 방문했다") == date(2024, 7, 31)
    assert _first("25일 열린 회의") == date(2024, 7, 25)  # not in the future: last month
    assert _first("3일 열린 회의") == date(2024, 8, 3)
    assert _first("오는 3일 개최") == date(2024, 9, 3)
    assert _first("이튿날", anchor=date(2024, 7, 31)) == date(2024, 8, 1)
    assert _first("20일 개최할 예정", future=is_future("20일 개최할 예정이다")) == date(2024, 8, 20)


def test_span_gives_no_single_day():
    spans = find_dates("18일과 19일 이틀간 북경에서", PUB)
    assert spans and spans[0].kind == "span" and spans[0].value is None


def test_chinese_and_english():
    assert _first("次日", anchor=date(2024, 8, 1)) == date(2024, 8, 2)
    assert _first("2024年7月9日") == date(2024, 7, 9)
    assert next(d.year for d in find_dates("去年", PUB) if d.kind == "year") == 2023
    assert _first("on July 30, 2024") == date(2024, 7, 30)
    assert _first("the next day", anchor=date(2024, 7, 30)) == date(2024, 7, 31)
