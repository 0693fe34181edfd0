from datetime import date
from decimal import Decimal

import pytest

from stories.formatting import (
    format_date,
    format_kroner,
    format_number,
    format_percent,
    format_period,
    format_qualified,
    format_story_date,
)
from stories.models import Indicator, Outcome, StoryPage
from stories.precision import PartialDate, may_precede, oldest_first


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


# What is known, and no more (issue 10) ------------------------------------------------
@pytest.mark.parametrize(
    ("written", "words", "first", "last"),
    [
        ("2018-02-01", "1. februar 2018", date(2018, 2, 1), date(2018, 2, 1)),
        ("2018-02", "februar 2018", date(2018, 2, 1), date(2018, 2, 28)),
        ("2016-02", "februar 2016", date(2016, 2, 1), date(2016, 2, 29)),
        ("2016", "2016", date(2016, 1, 1), date(2016, 12, 31)),
    ],
)
def test_a_partial_date_says_what_is_known(written, words, first, last):
    known = PartialDate.parse(written)
    assert (known.isoformat(), format_date(known)) == (written, words)
    assert (known.first_day, known.last_day) == (first, last)


@pytest.mark.parametrize("text", ["2018-13", "18", "2018-2", "2018-02-30", "0000", "2018-"])
def test_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_a_partial_date_keeps_only_what_is_known():
    assert PartialDate(date(2018, 2, 17), "month") == PartialDate(date(2018, 2, 1), "month")
    assert PartialDate(date(2018, 2, 17), "year").isoformat() == "2018"
    assert len({PartialDate(date(2018, 1, 1), "year"), PartialDate.parse("2018")}) == 1


def test_undated_and_periods_of_partial_dates():
    assert format_story_date(None) == "udateret"
    assert format_story_date(PartialDate.parse("2016")) == "2016"
    assert format_period(PartialDate.parse("2019-03"), PartialDate.parse("2020")) == (
        "marts 2019 – 2020"
    )
    assert format_period(None, PartialDate.parse("2019")) == "pr. 2019"
    assert format_period(PartialDate.parse("2015"), None) == "fra 2015"


def test_a_period_runs_forwards_on_what_both_ends_know():
    parse = PartialDate.parse
    assert may_precede(parse("2018-03"), parse("2018"))
    assert may_precede(parse("2018"), parse("2018-01-31"))
    assert not may_precede(parse("2019-05"), parse("2019-03"))
    assert not may_precede(parse("2019-01-02"), parse("2019-01-01"))


def test_mixed_precisions_sort_by_their_first_day_and_undated_last():
    dates = [None, PartialDate.parse("2018-03-05"), PartialDate.parse("2018"), None]
    dates.append(PartialDate.parse("2018-02"))
    assert [d and d.isoformat() for d in sorted(dates, key=oldest_first)] == [
        "2018",
        "2018-02",
        "2018-03-05",
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("qualifier", "figure", "with_base"),
    [
        ("at_least", "mindst 100 personer", "mindst 34 af 190 (mindst 18 %)"),
        ("more_than", "over 100 personer", "over 34 af 190 (over 18 %)"),
        ("about", "ca. 100 personer", "ca. 34 af 190 (ca. 18 %)"),
        ("at_most", "højst 100 personer", "højst 34 af 190 (højst 18 %)"),
        ("", "100 personer", "34 af 190 (18 %)"),
    ],
)
def test_a_qualified_figure_says_so_in_words(persons, qualifier, figure, with_base):
    assert Outcome(indicator=persons, value=100, qualifier=qualifier).figure == figure
    outcome = Outcome(indicator=persons, value=Decimal(34), of=190, qualifier=qualifier)
    assert outcome.figure == with_base


def test_qualified_amounts_of_other_units(db, hours):
    kroner = Indicator.objects.get(slug="investering")
    assert Outcome(indicator=kroner, value=30000, qualifier="about").figure == "ca. 30.000 kr."
    assert Outcome(indicator=hours, value=5, value_max=15, qualifier="about").figure == (
        "ca. 5–15 timer pr. uge"
    )
    assert format_qualified("5", "at_most") == "højst 5"


def test_kroner_per_person_over_partial_periods_and_never_for_a_bound(persons):
    story = StoryPage(
        cost_amount=Decimal(90000), cost_from=date(2020, 1, 1), cost_to=date(2020, 12, 31)
    )
    year = dict(
        period_from=date(2020, 1, 1),
        period_from_precision="year",
        period_to=date(2020, 1, 1),
        period_to_precision="year",
    )
    # 2020 to 2020 covers exactly the cost's days; a count known to the month does not.
    assert story.cost_per_person(Outcome(indicator=persons, value=3, **year)) == 30000
    month = {**year, "period_to_precision": "month"}
    assert story.cost_per_person(Outcome(indicator=persons, value=3, **month)) is None
    at_least = Outcome(indicator=persons, value=3, qualifier="at_least", **year)
    assert story.cost_per_person(at_least) is None
