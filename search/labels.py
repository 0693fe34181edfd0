"""Human labels for facet values, looked up in one small query per vocabulary."""

import re

from taggit.models import Tag

from stories.models import Indicator, Method, Municipality, Region, StoryPage, TargetGroup

from .documents import FACETS

YEAR_RE = re.compile(r"[0-9]{4}")

# The facets whose labels are the vocabulary's own names: Danish content, whatever the
# reader's language; the others (evidence level, year) are the interface's words.
VOCABULARY_LOOKUPS = {
    "method": (Method, "slug"),
    "target_group": (TargetGroup, "slug"),
    "indicator": (Indicator, "slug"),
    "region": (Region, "code"),
    "municipality": (Municipality, "code"),
    "tag": (Tag, "slug"),
}


def facet_labels(values_by_facet: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    for name, (model, key) in VOCABULARY_LOOKUPS.items():
        wanted = values_by_facet.get(name)
        if wanted:
            labels[name] = dict(
                model.objects.filter(**{f"{key}__in": wanted}).values_list(key, "name")
            )
    levels = dict(StoryPage.EvidenceLevel.choices)
    labels["evidence_level"] = {
        str(level): f"{level} – {name}"
        for level, name in levels.items()
        if str(level) in values_by_facet.get("evidence_level", ())
    }
    # A year is any year written as four digits; a story's date is within 1-9999.
    labels["year"] = {
        value: value for value in values_by_facet.get("year", ()) if YEAR_RE.fullmatch(value)
    }
    return labels


def known_values(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    """The chosen values that are in the vocabulary (or are a level or a year), in their
    order; a facet whose values are all unknown is left out."""
    labels = facet_labels({name: set(values) for name, values in filters.items()})
    known = {
        name: [value for value in values if value in labels.get(name, {})]
        for name, values in filters.items()
    }
    return {name: values for name, values in known.items() if values}
