"""A story as the search index sees it: its texts, facet values and result document."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.html import strip_tags

from stories.markdown import render_markdown
from stories.models import StoryPage

FACETS = ("method", "target_group", "region", "municipality", "indicator", "evidence_level", "year")


@dataclass
class StoryDocument:
    story_id: int
    title: str
    teaser: str
    aliases: str
    body: str
    date: Any
    evidence_level: int
    best_rate: float | None
    facets: dict[str, set[str]] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict)


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def body_text(page: StoryPage) -> str:
    parts: list[str] = []
    for block in page.body:
        value = block.value
        if block.block_type == "markdown":
            parts.append(strip_tags(render_markdown(value)))
        elif block.block_type == "paragraph":
            parts.append(strip_tags(value.source))
        elif block.block_type == "quote":
            parts.append(f"{value['text']} {value['attribution']}")
        elif block.block_type == "fact_box":
            parts.append(f"{value['title']} {strip_tags(value['body'].source)}")
        elif block.block_type == "image":
            parts.append(f"{value['alt_text']} {value['caption']}")
    return "\n".join(parts)


def outcome_document(outcome) -> dict[str, Any]:
    rate = outcome.rate
    return {
        "indicator": outcome.indicator.slug,
        "indicator_name": outcome.indicator.name,
        "unit": outcome.indicator.unit,
        "value": _number(outcome.value),
        "value_max": _number(outcome.value_max),
        "of": outcome.of,
        "rate": round(float(rate), 4) if rate is not None else None,
        "from": outcome.period_from.isoformat() if outcome.period_from else None,
        "to": outcome.period_to.isoformat() if outcome.period_to else None,
        "target_group": outcome.target_group.slug if outcome.target_group_id else None,
        "note": outcome.note,
        "text": outcome.figure,
        "period": outcome.period_text,
    }


def build_document(page: StoryPage) -> StoryDocument:
    municipalities = sorted(
        page.municipalities.select_related("region"),
        key=lambda m: (m.pk != page.municipality_id, m.name),
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

    facets = {
        "method": {m.slug for m in methods},
        "target_group": {t.slug for t in target_groups}
        | {o.target_group.slug for o in outcomes if o.target_group_id},
        "region": {region.code},
        "municipality": {m.code for m in municipalities},
        "indicator": {o.indicator.slug for o in outcomes},
        "evidence_level": {str(page.evidence_level)},
        "year": {str(page.date.year)},
    }
    document = {
        "slug": page.slug,
        "title": page.title,
        "url": page.url,
        "teaser": page.teaser,
        "date": page.date.isoformat(),
        "municipalities": [{"code": m.code, "name": m.name} for m in municipalities],
        "region": {"code": region.code, "name": region.name},
        "methods": [m.slug for m in methods],
        "evidence_level": page.evidence_level,
        "outcomes": [outcome_document(o) for o in outcomes],
    }
    return StoryDocument(
        story_id=page.pk,
        title=page.title,
        teaser=page.teaser,
        aliases=" ".join(alias_words),
        body=body_text(page),
        date=page.date,
        evidence_level=page.evidence_level,
        best_rate=max(rates) if rates else None,
        facets=facets,
        document=document,
    )
