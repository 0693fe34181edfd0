"""Rules a story and its outcomes obey, shared by the importer and the admin.

Each function returns a list of (field, message) problems instead of raising, so the
importer can report every problem of every file and the admin can attach each message to
its form field.
"""

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .precision import PartialDate, Qualifier, may_precede

STATUSES = ("planned", "running", "scaled", "stopped")
QUALIFIERS = tuple(Qualifier.values)
EVIDENCE_LEVELS = (1, 2, 3, 4, 5)
TEASER_MAX = 500
TITLE_MAX = 255
SAFE_URL_SCHEMES = ("http", "https")

Problems = list[tuple[str, str]]


def _plain(number: Decimal | int) -> str:
    """A number as the writer wrote it: 5, not 5.00."""
    text = format(Decimal(number).normalize(), "f")
    return text


def outcome_problems(facts: Any) -> Problems:
    """The problems of an outcome: a saved or unsaved `Outcome` (the admin's, or the one
    a story file describes). Without an indicator yet, a base is taken to be allowed."""
    indicator_takes_base = facts.indicator.takes_base if facts.indicator_id else True
    problems: Problems = []
    if facts.value is None:
        problems.append(("value", _("value mangler")))
    elif facts.value < 0:
        problems.append(("value", _("value skal være et tal >= 0")))
    if facts.value_max is not None and facts.value is not None and facts.value_max < facts.value:
        problems.append(
            (
                "value_max",
                _("value_max (%(max)s) er mindre end value (%(value)s)")
                % {"max": _plain(facts.value_max), "value": _plain(facts.value)},
            )
        )
    if facts.of is not None:
        if not indicator_takes_base:
            problems.append(("of", _("of (en basis) giver kun mening for personer og antal")))
        elif facts.of != int(facts.of) or facts.of <= 0:
            problems.append(("of", _("of skal være et helt tal større end 0")))
        elif facts.value is not None and facts.of < facts.value:
            problems.append(
                (
                    "of",
                    _("of (%(of)s) er mindre end value (%(value)s)")
                    % {"of": _plain(facts.of), "value": _plain(facts.value)},
                )
            )
        elif facts.value_max is not None and facts.of < facts.value_max:
            problems.append(
                (
                    "of",
                    _("of (%(of)s) er mindre end value_max (%(max)s)")
                    % {"of": _plain(facts.of), "max": _plain(facts.value_max)},
                )
            )
    if facts.qualifier and facts.qualifier not in QUALIFIERS:
        problems.append(("qualifier", qualifier_message(facts.qualifier)))
    return problems + period_problems(facts.known_from, facts.known_to)


def qualifier_message(qualifier: Any) -> str:
    return _("ukendt qualifier '%(qualifier)s'; brug en af: %(known)s") % {
        "qualifier": qualifier,
        "known": ", ".join(QUALIFIERS),
    }


def period_problems(
    start: PartialDate | date | None, end: PartialDate | date | None, field: str = "from"
) -> Problems:
    """A period runs forwards, compared on what both ends know: 2018-03 to 2018 does,
    2019-05 to 2019-03 does not."""
    start, end = (
        value if isinstance(value, PartialDate) or value is None else PartialDate(value)
        for value in (start, end)
    )
    if may_precede(start, end):
        return []
    return [
        (
            field,
            _("from (%(from)s) ligger efter to (%(to)s)")
            % {"from": start.isoformat(), "to": end.isoformat()},
        )
    ]


def cost_problems(
    amount: Decimal | None, start: date | None, end: date | None, described: bool
) -> Problems:
    """A cost, once described at all, has an amount of zero or more and a period that
    runs forwards."""
    problems: Problems = []
    if amount is None and described:
        problems.append(("amount", _("amount mangler")))
    elif amount is not None and amount < 0:
        problems.append(("amount", _("amount skal være >= 0")))
    return problems + period_problems(start, end)


def inspiration_problems(story: Any, source: Any) -> Problems:
    """A story names another as its inspiration, never itself (by slug in a file, by id
    in the admin)."""
    if story is not None and story == source:
        return [("inspired_by", _("en historie kan ikke være inspireret af sig selv"))]
    return []


def url_problems(url: str, field: str) -> Problems:
    """Only http(s) links reach a page: never javascript:, data: or the like."""
    if not url:
        return []
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return [(field, _("ugyldig URL"))]
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or not parts.netloc:
        return [(field, _("URL skal begynde med http:// eller https://"))]
    return []
