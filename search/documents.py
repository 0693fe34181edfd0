"""A story as the search index sees it: its texts, facet values and result document."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from findings.filters import FILTER_NAMES, story_values
from findings.rows import row_for
from stories.addresses import page_path
from stories.models import StoryPage
from stories.names import danish_sort_key

# The facets are the filters, with their one meaning (`findings.filters`).
FACETS = FILTER_NAMES
# Facets with too many values to list beside the results (a keyword is shared by few
# stories, and there are thousands at scale): stored and filtered on like the others,
# but counted only for the values a search has chosen, so the count beside a chosen
# keyword is right and no search pays for counting every keyword.
UNLISTED_FACETS = frozenset({"tag"})


@dataclass
class StoryDocument:
    story_id: int
    title: str
    teaser: str
    aliases: str
    body: str
    # What "newest first" orders by: a partial date's first day; an undated story gets
    # the earliest date there is, so it comes last on every engine (stories.precision).
    sort_date: date
    evidence_level: int
    best_rate: float | None
    facets: dict[str, set[str]] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict)


def public_stories():
    """The stories the index holds: live and public, with what their documents need."""
    return (
        StoryPage.objects.live()
        .public()
        .select_related("municipality__region")
        .prefetch_related("tags", "methods", "target_groups")
    )


def body_text(page: StoryPage) -> str:
    """The body's words, as each block gives them for search (Wagtail's
    `get_searchable_content`): no markup, images by their alt text and caption."""
    return "\n".join(page.body.stream_block.get_searchable_content(page.body))


def build_document(page: StoryPage) -> StoryDocument:
    municipalities = sorted(
        page.municipalities.select_related("region"),
        key=lambda m: (m.pk != page.municipality_id, danish_sort_key(m.name)),
    )
    methods = list(page.methods.all())
    target_groups = list(page.target_groups.all())
    outcomes = list(page.outcomes.select_related("indicator", "target_group"))
    region = page.municipality.region
    rates = [float(o.rate) for o in outcomes if o.rate is not None]

    alias_words: list[str] = []
    for term in methods + target_groups + [o.indicator for o in outcomes]:
        alias_words += [term.name, *term.alias_list]
    alias_words += [m.name for m in municipalities] + [region.name]
    alias_words += [tag.name for tag in page.tags.all()] + page.partner_list

    facets = story_values(page, outcomes)
    document = {
        "slug": page.slug,
        "title": page.title,
        # Danish, whatever language the admin that published it is read in; the search
        # page gives it in the reader's language, /api/search/ in full.
        "url": page_path(page),
        "teaser": page.teaser,
        # Exactly as precise as it is known ("2018", "2018-02", "2018-02-01"); null if undated.
        "date": page.date_iso or None,
        "municipalities": [{"code": m.code, "name": m.name} for m in municipalities],
        "region": {"code": region.code, "name": region.name},
        "methods": [m.slug for m in methods],
        "evidence_level": page.evidence_level,
        "outcomes": [row_for(page, outcome).outcome_data() for outcome in outcomes],
    }
    return StoryDocument(
        story_id=page.pk,
        title=page.title,
        teaser=page.teaser,
        aliases=" ".join(alias_words),
        body=body_text(page),
        sort_date=page.known_date.first_day if page.known_date else date.min,
        evidence_level=page.evidence_level,
        best_rate=max(rates) if rates else None,
        facets=facets,
        document=document,
    )
