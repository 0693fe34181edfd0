from datetime import date
from decimal import Decimal

import pytest

from stories.formatting import format_kroner, format_number, format_percent, format_period
from stories.models import Indicator, Outcome, StoryPage


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (Decimal("70"), "70"),
        (Decimal("70.00"), "70"),
        (Decimal("2.50"), "2,5"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("125000000"), "125.000.000"),
        (0, "0"),
        (None, ""),
    ],
)
def test_danish_numbers(number, text):
    assert format_number(number) == text


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Decimal(34) / Decimal(190), "18 %"),  # 17,89 rounds up
        (Decimal(5) / Decimal(190), "3 %"),  # 2,63
        (Decimal(1) / Decimal(8), "13 %"),  # 12,5 rounds half up
        (Decimal(1) / Decimal(300), "0,3 %"),  # below 1 % keeps a decimal
        (Decimal(1), "100 %"),
        (Decimal(0), "0 %"),
    ],
)
def test_percentages_round_half_up(rate, text):
    assert format_percent(rate) == text


def test_kroner_and_periods():
    assert format_kroner(Decimal("30000")) == "30.000 kr."
    assert format_period(date(2019, 4, 1), date(2019, 8, 15)) == "1. april 2019 – 15. august 2019"
    assert format_period(None, date(2019, 8, 15)) == "pr. 15. august 2019"
    assert format_period(date(2015, 1, 1), None) == "fra 1. januar 2015"
    assert format_period(None, None) == ""


@pytest.fixture
def persons(db):
    return Indicator.objects.get(slug="job-eller-uddannelse")


@pytest.fixture
def hours(db):
    return Indicator.objects.get(slug="timer-pr-uge")


def test_rate_is_derived_from_value_and_base(persons):
    outcome = Outcome(indicator=persons, value=Decimal(34), of=190)
    assert outcome.rate == Decimal(34) / Decimal(190)
    assert outcome.figure == "34 af 190 (18 %)"


def test_no_base_no_rate(persons):
    outcome = Outcome(indicator=persons, value=Decimal(70))
    assert outcome.rate is None
    assert outcome.figure == "70 personer"


def test_one_person_is_singular(persons):
    assert Outcome(indicator=persons, value=Decimal(1)).figure == "1 person"


def test_range_with_unit(hours):
    assert Outcome(indicator=hours, value=Decimal(5), value_max=Decimal(15)).figure == (
        "5–15 timer pr. uge"
    )


def test_range_with_base_shows_rate_range(persons):
    outcome = Outcome(indicator=persons, value=Decimal(10), value_max=Decimal(20), of=100)
    assert outcome.figure == "10–20 af 100 (10–20 %)"


def test_percent_and_kroner_indicators(db):
    percent = Indicator.objects.get(slug="selv-fundet-praktik")
    kroner = Indicator.objects.get(slug="investering")
    assert Outcome(indicator=percent, value=50, value_max=70).figure == "50–70 %"
    assert Outcome(indicator=kroner, value=Decimal(125000000)).figure == "125.000.000 kr."


def test_kroner_per_person_only_for_person_counts_over_the_cost_period(persons, hours):
    story = StoryPage(
        cost_amount=Decimal(90000), cost_from=date(2020, 1, 1), cost_to=date(2020, 12, 31)
    )
    same_period = dict(period_from=date(2020, 1, 1), period_to=date(2020, 12, 31))
    assert story.cost_per_person(Outcome(indicator=persons, value=3, **same_period)) == 30000
    # another period, a range, hours, or no cost at all: no kroner per person
    assert (
        story.cost_per_person(
            Outcome(
                indicator=persons,
                value=3,
                period_from=date(2020, 1, 1),
                period_to=date(2020, 6, 30),
            )
        )
        is None
    )
    assert (
        story.cost_per_person(Outcome(indicator=persons, value=3, value_max=5, **same_period))
        is None
    )
    assert story.cost_per_person(Outcome(indicator=hours, value=3, **same_period)) is None
    assert StoryPage().cost_per_person(Outcome(indicator=persons, value=3)) is None
