"""Pages back into files: a story as a story file, a collection as a collection file,
and a collection with its stories as one ZIP that `import_stories` and
`import_collections` read on another installation (docs/story-files.md).

What the files cannot carry is said, not hidden: images stay behind (the format has no
images), and an "inspireret af" link is kept only to a story in the same ZIP, so the
import never refers to a story the other installation lacks.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import yaml
from wagtail.rich_text import expand_db_html

from curation.models import CollectionPage
from findings.rows import json_number
from stories.models import StoryPage
from stories.precision import UNDATED

README_NAME = "LAES-MIG.txt"


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)


def body_markdown(page: StoryPage) -> tuple[str, list[str]]:
    """The body as Markdown, and what could not go into it."""
    parts: list[str] = []
    left_out: list[str] = []
    for block in page.body:
        value = block.value
        if block.block_type == "markdown":
            parts.append(value)
        elif block.block_type == "paragraph":
            parts.append(expand_db_html(value.source))
        elif block.block_type == "quote":
            quote = "\n".join(f"> {line}" for line in value["text"].splitlines())
            if value["attribution"]:
                quote += f"\n>\n> — {value['attribution']}"
            parts.append(quote)
        elif block.block_type == "fact_box":
            parts.append(f"**{value['title']}**\n\n{expand_db_html(value['body'].source)}")
        elif block.block_type == "image":
            left_out.append(f"billede: {value['alt_text']}")
        # An embedded outcome is the story's own outcome, which the file lists anyway.
    return "\n\n".join(part.strip("\n") for part in parts if part.strip()), left_out


def story_front_matter(page: StoryPage, known_slugs: set[str]) -> dict[str, Any]:
    """The story's fields as the story-file format names them; empty ones left out."""
    data: dict[str, Any] = {
        "title": page.title,
        "slug": page.slug,
        "municipality": page.municipality.name,
    }
    others = [m.name for m in page.municipalities.all() if m.pk != page.municipality_id]
    optional: dict[str, Any] = {
        "municipalities": others,
        "methods": [m.slug for m in page.methods.all()],
        "target_groups": [t.slug for t in page.target_groups.all()],
        "tags": sorted(tag.name for tag in page.tags.all()),
        # As precise as it is known: "2018-02-01", "2018-02" or "2018".
        "date": page.known_date.isoformat() if page.known_date else UNDATED,
        "evidence_level": page.evidence_level,
        "status": page.status,
        "teaser": page.teaser,
        "partners": page.partner_list,
        "source": {
            "title": page.source_title,
            "author": page.source_author,
            "publisher": page.source_publisher,
            "date": page.known_source_date.isoformat() if page.known_source_date else "",
            "url": page.source_url,
        },
        "contact": {
            "name": page.contact_name,
            "role": page.contact_role,
            "email": page.contact_email,
            "phone": page.contact_phone,
        },
        "inspired_by": [
            inspiration.source.slug
            for inspiration in page.inspirations.all()
            if inspiration.source.slug in known_slugs
        ],
    }
    if page.cost_amount is not None:
        optional["cost"] = {
            "amount": json_number(page.cost_amount),
            "from": page.cost_from.isoformat() if page.cost_from else "",
            "to": page.cost_to.isoformat() if page.cost_to else "",
            "note": page.cost_note,
        }
    optional["outcomes"] = [
        {
            "indicator": outcome.indicator.slug,
            "value": json_number(outcome.value),
            "value_max": json_number(outcome.value_max),
            "qualifier": outcome.qualifier,
            "of": outcome.of,
            "from": outcome.known_from.isoformat() if outcome.known_from else None,
            "to": outcome.known_to.isoformat() if outcome.known_to else None,
            "target_group": outcome.target_group.slug if outcome.target_group_id else None,
            "note": outcome.note,
        }
        for outcome in page.outcomes.all()
    ]
    for key, value in optional.items():
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v not in (None, "")}
        elif isinstance(value, list):
            value = [
                {k: v for k, v in item.items() if v not in (None, "")}
                if isinstance(item, dict)
                else item
                for item in value
            ]
        if value not in (None, "", [], {}):
            data[key] = value
    return data


def story_file_text(page: StoryPage, known_slugs: set[str] | None = None) -> tuple[str, list[str]]:
    """The story as a story file, and what could not go into it."""
    body, left_out = body_markdown(page)
    front_matter = _dump(story_front_matter(page, known_slugs or set()))
    return f"---\n{front_matter}---\n{body}\n", left_out


def collection_file_text(page: CollectionPage, items: list) -> str:
    data: dict[str, Any] = {"title": page.title, "slug": page.slug}
    for key in ("event_name", "event_place", "curator", "intro"):
        if getattr(page, key):
            data[key] = getattr(page, key)
    if page.event_date:
        data["event_date"] = page.event_date.isoformat()
    data["items"] = [
        {"story": item.live_story.slug, **({"note": item.note} if item.note else {})}
        if item.live_story
        else {"method": item.method.slug, **({"note": item.note} if item.note else {})}
        for item in items
    ]
    return _dump(data)


def collection_zip(page: CollectionPage) -> bytes:
    """The collection's public items: stories/<slug>.md, collections/<slug>.yaml and a
    short note on how to import them and what stayed behind."""
    items = page.public_items()
    stories = [item.live_story for item in items if item.live_story]
    slugs = {story.slug for story in stories}
    left_behind: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for story in stories:
            text, left_out = story_file_text(story, slugs)
            archive.writestr(f"stories/{story.slug}.md", text)
            left_behind += [f"{story.slug}: {what}" for what in left_out]
        archive.writestr(f"collections/{page.slug}.yaml", collection_file_text(page, items))
        lines = [
            f"{page.title}: {len(stories)} historie(r) og samlingen.",
            "",
            "Indlæs dem i en anden portal med:",
            "  python manage.py import_stories stories --publish",
            "  python manage.py import_collections collections --publish",
        ]
        if left_behind:
            lines += ["", "Ikke med i filerne (formatet har ingen billeder):", *left_behind]
        archive.writestr(README_NAME, "\n".join(lines) + "\n")
    return buffer.getvalue()
