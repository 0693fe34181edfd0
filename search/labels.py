"""Human labels for facet values, looked up in one small query per vocabulary."""

from taggit.models import Tag

from stories.models import Indicator, Method, Municipality, Region, StoryPage, TargetGroup

from .documents import FACETS

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
        value: f"{value} – {levels[int(value)]}"
        for value in values_by_facet.get("evidence_level", ())
        if value.isdigit() and int(value) in levels
    }
    labels["year"] = {value: value for value in values_by_facet.get("year", ())}
    return labels
