"""The routing engine: the most specific matching rule wins, ties broken by field weight, then age."""

from __future__ import annotations

from kcbridge.cases.routing import Facts, Rule, choose

CASE = Facts(category="ip", country="CN", region="CN-shanghai", sector="robotics")


def test_no_rule_no_institution():
    assert choose([], CASE) is None
    assert choose([Rule(1, 10, category="tax_customs")], CASE) is None


def test_a_catch_all_takes_what_nothing_else_fits():
    assert choose([Rule(1, 10), Rule(2, 20, category="tax_customs")], CASE).institution_id == 10


def test_more_named_fields_win():
    rules = [
        Rule(1, 10, category="ip"),
        Rule(2, 20, country="CN", region="CN-shanghai"),
        Rule(3, 30, category="ip", country="CN"),
    ]
    assert choose(rules, CASE).institution_id == 30  # two fields, and the category among them


def test_a_tie_goes_to_the_category_then_region_then_sector_then_country():
    assert choose([Rule(1, 10, region="CN-shanghai"), Rule(2, 20, category="ip")], CASE).institution_id == 20
    assert (
        choose([Rule(1, 10, sector="robotics"), Rule(2, 20, region="CN-shanghai")], CASE).institution_id == 20
    )
    assert choose([Rule(1, 10, country="CN"), Rule(2, 20, sector="robotics")], CASE).institution_id == 20


def test_of_two_identical_rules_the_older_wins():
    assert choose([Rule(5, 50, category="ip"), Rule(3, 30, category="ip")], CASE).institution_id == 30


def test_a_rule_for_another_region_never_matches_even_if_more_specific():
    rules = [Rule(1, 10, category="ip"), Rule(2, 20, category="ip", region="CN-beijing", sector="robotics")]
    assert choose(rules, CASE).institution_id == 10
