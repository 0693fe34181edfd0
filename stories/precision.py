"""What a date or a figure claims to know, and no more (issue 10).

A date is known to the day, the month or the year (`PartialDate`); a story may also be
undated. A figure may be exact, or a bound or an estimate (`Qualifier`). The models store
a partial date as the first day of what is known beside its precision, so a database
can still filter and order by it.

Ordering, everywhere dates of mixed precision meet: a partial date counts as its first
day (2018 as 1 January 2018, 2018-02 as 1 February 2018), equal first days keep the
list's own order (in story lists the newest story, by id, first), and undated stories
come last whichever way a list runs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("dagen")
    MONTH = "month", _("måneden")
    YEAR = "year", _("året")


# The written forms: 2018-02-01, 2018-02 and 2018 (four-digit years only).
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# What a story file writes for a story whose date is not known.
UNDATED = "undated"


@dataclass(frozen=True)
class PartialDate:
    """A date as precisely as it is known. `first_day` is the first day of what is known
    (2018-02-01 for February 2018)."""

    first_day: date
    precision: str = DatePrecision.DAY

    def __post_init__(self) -> None:
        # A plain string, so equal dates hash alike whether given "day" or the choice.
        object.__setattr__(self, "precision", DatePrecision(self.precision).value)
        # Whatever day was given, only the known part is kept.
        known = self.first_day
        if self.precision == DatePrecision.MONTH:
            known = known.replace(day=1)
        elif self.precision == DatePrecision.YEAR:
            known = known.replace(month=1, day=1)
        object.__setattr__(self, "first_day", known)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """ "2018-02-01", "2018-02" or "2018"; ValueError for anything else, including a
        day or month the calendar does not have."""
        match = PARTIAL_DATE_RE.match(text.strip())
        if not match:
            raise ValueError(f"not a date: {text!r}")
        year, month, day = match.groups()
        if day is not None:
            return cls(date(int(year), int(month), int(day)), DatePrecision.DAY)
        if month is not None:
            return cls(date(int(year), int(month), 1), DatePrecision.MONTH)
        return cls(date(int(year), 1, 1), DatePrecision.YEAR)

    @classmethod
    def of(cls, value: date | None, precision: str | None = None) -> PartialDate | None:
        """A stored date and its precision as one value; None for no date."""
        if value is None:
            return None
        return cls(value, precision or DatePrecision.DAY)

    @property
    def year(self) -> int:
        return self.first_day.year

    @property
    def last_day(self) -> date:
        """The last day the date can mean: 2018-02 ends on 28 February 2018."""
        if self.precision == DatePrecision.YEAR:
            return self.first_day.replace(month=12, day=31)
        if self.precision == DatePrecision.MONTH:
            days = calendar.monthrange(self.first_day.year, self.first_day.month)[1]
            return self.first_day.replace(day=days)
        return self.first_day

    def isoformat(self) -> str:
        """Exactly what is known: "2018-02-01", "2018-02" or "2018"."""
        if self.precision == DatePrecision.YEAR:
            return f"{self.first_day.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return self.first_day.isoformat()[:7]
        return self.first_day.isoformat()

    def __str__(self) -> str:
        return self.isoformat()


def oldest_first(value: PartialDate | None) -> tuple[bool, date]:
    """A sort key, oldest first: a partial date as its first day, undated last."""
    return (value is None, value.first_day if value else date.min)


def may_precede(start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether a period from `start` to `end` can run forwards: compared on what both
    know, so 2018-03 to 2018 can, and 2019-05 to 2019-03 cannot."""
    return start is None or end is None or start.first_day <= end.last_day


def covers_same_days(
    start: PartialDate | None, end: PartialDate | None, first: date | None, last: date | None
) -> bool:
    """Whether a period of partial dates spans exactly the days `first`..`last`: a
    partial start begins on its first day, a partial end ends on its last."""
    return (start.first_day if start else None, end.last_day if end else None) == (first, last)


class Qualifier(models.TextChoices):
    """A figure the source gives as a bound or an estimate; blank is exact."""

    AT_LEAST = "at_least", _("mindst")
    MORE_THAN = "more_than", _("over")
    ABOUT = "about", _("ca.")
    AT_MOST = "at_most", _("højst")


# How a chart marks a qualified figure: the true value lies above, below or around it.
LOWER_BOUNDS = (Qualifier.AT_LEAST, Qualifier.MORE_THAN)
UPPER_BOUNDS = (Qualifier.AT_MOST,)
ESTIMATES = (Qualifier.ABOUT,)
