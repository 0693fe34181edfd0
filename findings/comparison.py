"""Outcomes side by side, honestly: one chart per indicator, and the notes that say when
figures are not alike (the table's order is `sorting`).

Rules (issue 4, "Comparability"):
- a rate is drawn only where the outcome has a base; figures without one get a chart
  of their own on a value axis, never the rate axis;
- different indicators never share an axis: one chart (or two) per indicator;
- period and evidence level stand beside every figure;
- a note is shown when the results compared differ in target group, definition (the
  outcome's note), period, base or evidence level, or when some are bounds or estimates;
- a bound or an estimate ("mindst 70", "ca. 30") is never drawn as an exact bar: its bar
  is hatched and a marker at its end says which way the true figure may lie (issue 10).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median, quantiles
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stories.formatting import format_number, format_percent, format_period
from stories.precision import ESTIMATES, LOWER_BOUNDS, UPPER_BOUNDS

from .rows import OutcomeRow


# Notes on comparability ----------------------------------------------------------
def _period_label(row: OutcomeRow) -> str:
    return format_period(*row.period) or _("ikke oplyst")


# A note names at most this many target groups, periods or definitions, then how many more.
NOTE_ITEMS = 8


def _listed(items: list[str]) -> str:
    if len(items) <= NOTE_ITEMS:
        return "; ".join(items)
    more = len(items) - NOTE_ITEMS
    return ngettext("%(items)s og %(more)d til", "%(items)s og %(more)d andre", more) % {
        "items": "; ".join(items[:NOTE_ITEMS]),
        "more": more,
    }


def comparability_notes(rows: list[OutcomeRow]) -> list[str]:
    """Plain-language warnings for rows of one indicator shown side by side."""
    if len(rows) < 2:
        return []
    notes: list[str] = []
    groups = {row.target_group_text for row in rows}
    if len(groups) > 1:
        named = sorted(g for g in groups if g)
        text = _("Resultaterne gælder forskellige målgrupper: %(groups)s.") % {
            "groups": _listed(named)
        }
        if "" in groups:
            text += " " + _("For nogle er målgruppen ikke oplyst.")
        notes.append(text)
    periods = {row.period for row in rows}
    if len(periods) > 1:
        labels = list(dict.fromkeys(_period_label(row) for row in rows))
        notes.append(
            _("Resultaterne er opgjort over forskellige perioder: %(periods)s.")
            % {"periods": _listed(labels)}
        )
    definitions = {row.outcome.note for row in rows}
    if len(definitions) > 1:
        described = sorted(d for d in definitions if d)
        notes.append(
            _("Resultaterne er ikke opgjort ens: %(notes)s.")
            % {"notes": _listed([f"“{d}”" for d in described])}
        )
    with_base = sum(1 for row in rows if row.has_base)
    if 0 < with_base < len(rows):
        notes.append(
            _(
                "Kun %(with_base)s af %(total)s resultater har en basis (“af N”); "
                "andele vises kun for dem, de øvrige står for sig."
            )
            % {"with_base": with_base, "total": len(rows)}
        )
    qualified = sum(1 for row in rows if row.is_qualified)
    if qualified:
        notes.append(
            _(
                "%(qualified)s af %(total)s resultater er en grænse eller et skøn (mindst, "
                "over, ca. eller højst), ikke et præcist tal."
            )
            % {"qualified": qualified, "total": len(rows)}
        )
    levels = sorted({row.evidence_level for row in rows})
    if len(levels) > 1:
        notes.append(
            _("Evidensniveauet er forskelligt (fra %(low)s til %(high)s af 5).")
            % {"low": levels[0], "high": levels[-1]}
        )
    return notes


# Charts ----------------------------------------------------------------------------
# A chart is drawn in HTML and CSS, not SVG: an SVG scaled down to a phone shrinks its
# text with it (to about 6 px), where HTML text keeps its size and only the bars shrink.
# Positions are percentages of the bar's track, so the chart fits any width.


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above value: an axis end a reader can
    divide in their head."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return Decimal(step) * magnitude
    return 10 * magnitude


def axis_ticks(top: Decimal, whole: bool) -> list[Decimal]:
    """Four, five or two equal steps up to the axis end; for counts only whole steps, so
    an axis of persons never reads "0,25"."""
    for parts in (4, 5, 2, 1):
        step = top / parts
        if not whole or step == step.to_integral_value():
            return [step * i for i in range(parts + 1)]
    return [Decimal(0), top]


def bound_kind(qualifier: str) -> str:
    """Which way the true figure may lie from a qualified one: "lower" (mindst, over: it
    may be higher), "upper" (højst: it may be lower), "estimate" (ca.); "" when exact."""
    if qualifier in LOWER_BOUNDS:
        return "lower"
    if qualifier in UPPER_BOUNDS:
        return "upper"
    if qualifier in ESTIMATES:
        return "estimate"
    return ""


def _percent(part: Decimal, whole: Decimal) -> float:
    return round(float(part * 100 / whole), 1)


@dataclass
class ChartBar:
    """One bar: its length, and for a range the span beyond it, as percentages of the
    axis; the figure is written beside it."""

    row: OutcomeRow
    width: float
    range_x: float | None
    range_width: float | None
    label: str
    figure: str

    @property
    def bound(self) -> str:
        return bound_kind(self.row.outcome.qualifier)

    @property
    def end(self) -> float:
        """Where the bar (or its range) ends: where a bound's marker sits."""
        if self.range_x is not None and self.range_width is not None:
            return round(self.range_x + self.range_width, 1)
        return self.width


@dataclass
class Chart:
    """One horizontal bar chart: every bar on the same axis, the figure (with its base)
    written beside it."""

    kind: str  # "rate" or "value"
    title: str
    axis_label: str
    bars: list[ChartBar] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def steps(self) -> int:
        """The number of gaps between the axis' ticks, for the grid lines."""
        return max(len(self.ticks) - 1, 1)

    @property
    def bounds(self) -> list[str]:
        """The kinds of bound among the bars, for the legend under the chart."""
        return [
            kind
            for kind in ("lower", "upper", "estimate")
            if any(bar.bound == kind for bar in self.bars)
        ]


def _bar_label(row: OutcomeRow) -> str:
    end = row.outcome.known_to or row.outcome.known_from or row.story.known_date
    return f"{row.municipality.name} {end.year}" if end else row.municipality.name


def _chart(kind: str, rows: list[OutcomeRow], title: str, axis_label: str) -> Chart:
    if kind == "rate":
        top = Decimal(1)
        highs = [row.outcome.rate_max or row.rate for row in rows]
        if max(highs) > 1:  # a base smaller than the count: show it, don't clip it
            top = nice_ceiling(max(highs))
    else:
        top = nice_ceiling(max(row.outcome.value_max or row.outcome.value for row in rows))
    chart = Chart(kind=kind, title=title, axis_label=axis_label)
    for row in rows:
        outcome = row.outcome
        low = row.rate if kind == "rate" else outcome.value
        high = outcome.rate_max if kind == "rate" else outcome.value_max
        range_x = range_width = None
        if high is not None and high != low:
            range_x = _percent(low, top)
            range_width = _percent(high - low, top)
        chart.bars.append(
            ChartBar(
                row=row,
                width=_percent(low, top),
                range_x=range_x,
                range_width=range_width,
                label=_bar_label(row),
                figure=outcome.figure,
            )
        )
    for tick in axis_ticks(top, whole=kind == "value"):
        text = f"{format_number(tick * 100, 0)} %" if kind == "rate" else format_number(tick)
        chart.ticks.append({"x": _percent(tick, top), "text": text})
    return chart


# Distributions ---------------------------------------------------------------------
# However many municipalities report an indicator, its figures are summed up in one look:
# how many, the median, the quartiles and the range. Quartiles are the "inclusive" ones
# (statistics.quantiles): the lower quartile of n sorted figures lies a quarter of the
# way from the first to the last, (n - 1) / 4 places in, between two figures if need be.


@dataclass(frozen=True)
class Distribution:
    """The spread of one indicator's figures: rates (with their bases) or values."""

    kind: str  # "rate" or "value"
    result_count: int
    municipality_count: int
    lowest: Decimal
    lower_quartile: Decimal
    median: Decimal
    upper_quartile: Decimal
    highest: Decimal
    # The bases ("af N") the rates rest on: the smallest, the median and the largest.
    base_lowest: int | None = None
    base_median: Decimal | None = None
    base_highest: int | None = None
    unit: str = ""

    def _text(self, figure: Decimal) -> str:
        return format_percent(figure) if self.kind == "rate" else format_number(figure, 1)

    @property
    def lowest_text(self) -> str:
        return self._text(self.lowest)

    @property
    def lower_quartile_text(self) -> str:
        return self._text(self.lower_quartile)

    @property
    def median_text(self) -> str:
        return self._text(self.median)

    @property
    def upper_quartile_text(self) -> str:
        return self._text(self.upper_quartile)

    @property
    def highest_text(self) -> str:
        return self._text(self.highest)

    @property
    def base_median_text(self) -> str:
        return format_number(self.base_median, 0) if self.base_median is not None else ""


def _quartiles(figures: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    if len(figures) == 1:
        return figures[0], figures[0], figures[0]
    lower, middle, upper = quantiles(figures, n=4, method="inclusive")
    return lower, middle, upper


def distribution(kind: str, rows: list[OutcomeRow], unit: str = "") -> Distribution | None:
    """The distribution of rows' rates (kind "rate", rows with a base) or values. A range
    counts by its low end, as its bar starts there; a bound counts as its figure."""
    if not rows:
        return None
    if kind == "rate":
        figures = sorted(row.rate for row in rows)
    else:
        figures = sorted(Decimal(row.outcome.value) for row in rows)
    lower, middle, upper = _quartiles(figures)
    bases = sorted(row.outcome.of for row in rows if row.outcome.of) if kind == "rate" else []
    return Distribution(
        kind=kind,
        result_count=len(rows),
        municipality_count=len({row.municipality.pk for row in rows}),
        lowest=figures[0],
        lower_quartile=lower,
        median=middle,
        upper_quartile=upper,
        highest=figures[-1],
        base_lowest=bases[0] if bases else None,
        base_median=Decimal(median(bases)) if bases else None,
        base_highest=bases[-1] if bases else None,
        unit=unit,
    )


# A chart draws at most this many bars, and a page about PAGE_BARS in all (a method
# measured with many indicators gets fewer bars each, never fewer than FEWEST_BARS); the
# distribution above each chart sums up all of its results, the table lists them.
CHART_BARS = 10
PAGE_BARS = 48
FEWEST_BARS = 4


def bars_per_chart(indicator_count: int) -> int:
    """How many bars each indicator's chart may draw, so the page stays light."""
    if indicator_count <= 0:
        return CHART_BARS
    return min(CHART_BARS, max(FEWEST_BARS, PAGE_BARS // indicator_count))


@dataclass
class IndicatorComparison:
    indicator: Any
    rows: list[OutcomeRow]
    notes: list[str]
    charts: list[Chart]
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def municipality_count(self) -> int:
        return len({row.municipality.pk for row in self.rows})

    @property
    def drawn_count(self) -> int:
        return sum(len(chart.bars) for chart in self.charts)

    @property
    def is_capped(self) -> bool:
        return self.drawn_count < len(self.rows)


def _nearest(rows: list[OutcomeRow], nearness: Callable[[OutcomeRow], Any] | None, cap: int):
    """The `cap` rows nearest the reader (rows come newest first; `nearness` sorts the
    nearest first, and a stable sort keeps the newest first among equals)."""
    if nearness is not None:
        rows = sorted(rows, key=nearness)
    return rows[:cap]


def compare_by_indicator(
    rows: list[OutcomeRow],
    nearness: Callable[[OutcomeRow], Any] | None = None,
    chart_bars: int | None = None,
) -> list[IndicatorComparison]:
    """The rows grouped by indicator (most reported first), each with its notes, the
    distribution of its figures and its charts: rates on a 0–100 % axis where there is a
    base, other figures on their own. A chart draws at most `chart_bars` bars (by
    default bars_per_chart), those nearest the reader (`nearness`, a sort key; else the
    newest)."""
    groups: OrderedDict[str, list[OutcomeRow]] = OrderedDict()
    for row in rows:
        groups.setdefault(row.indicator.slug, []).append(row)
    if chart_bars is None:
        chart_bars = bars_per_chart(len(groups))
    comparisons = []
    for group in sorted(groups.values(), key=lambda g: (-len(g), g[0].indicator.name)):
        indicator = group[0].indicator
        unit = indicator.display_unit or indicator.get_unit_display()
        all_with_base = [r for r in group if r.has_base]
        all_without = [r for r in group if not r.has_base]
        with_base = sorted(_nearest(all_with_base, nearness, chart_bars), key=lambda r: -r.rate)
        without = sorted(
            _nearest(all_without, nearness, chart_bars), key=lambda r: -r.outcome.value
        )
        charts = []
        if with_base:
            charts.append(
                _chart(
                    "rate",
                    with_base,
                    _("%(indicator)s: andel af basis") % {"indicator": indicator.name},
                    _("andel af dem, der var med (basis = N)"),
                )
            )
        if without:
            charts.append(
                _chart(
                    "value",
                    without,
                    (
                        _("%(indicator)s: tal uden basis") % {"indicator": indicator.name}
                        if with_base
                        else indicator.name
                    ),
                    unit,
                )
            )
        distributions = [
            d
            for d in (distribution("rate", all_with_base), distribution("value", all_without, unit))
            if d is not None
        ]
        comparisons.append(
            IndicatorComparison(indicator, group, comparability_notes(group), charts, distributions)
        )
    return comparisons


def overview_note(comparisons: list[IndicatorComparison]) -> str:
    if len(comparisons) < 2:
        return ""
    return ngettext(
        "Resultaterne er målt med %(count)d forskellig indikator.",
        "Resultaterne er målt med %(count)d forskellige indikatorer. Hver har sin egen "
        "figur: tal for forskellige ting sammenlignes ikke på samme akse.",
        len(comparisons),
    ) % {"count": len(comparisons)}
