"""Danish formatting of numbers, rates, dates and periods: "34 af 190 (18 %)", "5–15 timer
pr. uge", "mindst 70 personer", "februar 2018"; each written with what its source knows."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .precision import DatePrecision, PartialDate, Qualifier


def format_number(number: Decimal | int | float | None, decimals: int | None = None) -> str:
    """Danish digits: thousands with ".", decimals with "," and no trailing zeros."""
    if number is None:
        return ""
    number = Decimal(str(number))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    number = abs(number)
    whole = int(number)
    fraction = number - whole
    whole_text = f"{whole:,}".replace(",", ".")
    if fraction:
        fraction_text = format(fraction.normalize(), "f").split(".")[1]
        return f"{sign}{whole_text},{fraction_text}"
    return f"{sign}{whole_text}"


def format_percent(rate: Decimal | None) -> str:
    """A rate (0..1) as a whole Danish percentage, "18 %"; below 1 % with one decimal."""
    if rate is None:
        return ""
    percent = rate * 100
    if 0 < percent < 1:
        return f"{format_number(percent, 1)} %"
    return f"{format_number(percent, 0)} %"


def format_range(low: Decimal, high: Decimal | None) -> str:
    if high is None or high == low:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"


# Danish singular of the plural units indicators are shown with: "1 person", "1 mentor".
SINGULAR_UNITS = {
    "personer": "person",
    "deltagere": "deltager",
    "praktikker": "praktik",
    "mentorer": "mentor",
}


def unit_for(value: Decimal, unit: str) -> str:
    return SINGULAR_UNITS.get(unit, unit) if value == 1 else unit


def format_kroner(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"{format_number(amount, 0)} kr."


def format_approximate_kroner(amount: Decimal, significant: int = 2) -> str:
    """A worked-out amount to two significant digits, as "ca. 6.300 kr.": a cost divided
    by a head count is never known to the krone."""
    if not amount:
        return format_qualified(format_kroner(Decimal(0)), Qualifier.ABOUT)
    step = Decimal(1).scaleb(amount.adjusted() - significant + 1)
    rounded = amount.quantize(step, rounding=ROUND_HALF_UP)
    return format_qualified(f"{format_number(rounded)} kr.", Qualifier.ABOUT)


def format_qualified(figure: str, qualifier: str) -> str:
    """A figure with its qualifier in words: "mindst 70 personer", "ca. 30.000 kr."."""
    if not qualifier or not figure:
        return figure
    return f"{Qualifier(qualifier).label} {figure}"


DATE_FORMATS = {DatePrecision.DAY: "j. F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}


def format_date(value: PartialDate | date | None) -> str:
    """A date in words with exactly what is known: "1. februar 2018", "februar 2018",
    "2018"; a plain date is known to the day."""
    if value is None:
        return ""
    if not isinstance(value, PartialDate):
        value = PartialDate(value)
    return date_format(value.first_day, DATE_FORMATS[value.precision])


def format_story_date(value: PartialDate | None) -> str:
    """A story's date in words, or "udateret" when it is not known."""
    return format_date(value) or _("udateret")


def format_period(start: PartialDate | date | None, end: PartialDate | date | None) -> str:
    """A period of two dates, each as precise as it is known: "marts 2019 – 2020",
    "pr. 15. august 2019", "fra 2015"."""
    if start and end:
        return _("%(start)s – %(end)s") % {"start": format_date(start), "end": format_date(end)}
    if end:
        return _("pr. %(date)s") % {"date": format_date(end)}
    if start:
        return _("fra %(date)s") % {"date": format_date(start)}
    return ""
