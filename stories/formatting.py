"""Danish formatting of numbers, rates and periods: "34 af 190 (18 %)", "5–15 timer pr. uge"."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _


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


def format_date(value: date | None) -> str:
    return date_format(value, "j. F Y") if value else ""


def format_period(start: date | None, end: date | None) -> str:
    if start and end:
        return _("%(start)s – %(end)s") % {"start": format_date(start), "end": format_date(end)}
    if end:
        return _("pr. %(date)s") % {"date": format_date(end)}
    if start:
        return _("fra %(date)s") % {"date": format_date(start)}
    return ""
