"""Story files (Markdown with YAML front matter) into story pages: the format in
docs/story-files.md.

The run has two phases. `read_story_files` checks every file and collects every problem
as `FILE:LINE: message` without writing anything. `write_stories` runs only when no file
has a problem, inside one transaction, so an import either completes or leaves nothing
behind. The checks on values are the admin's own (`stories.validation` and the model
fields), so a story file and the editor refuse the same things.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from browse.models import RegionPage
from stories.keywords import known_spellings
from stories.models import Inspiration, Method, Municipality, Outcome, StoryPage, TargetGroup
from stories.precision import UNDATED, PartialDate
from stories.validation import (
    STATUSES,
    TEASER_MAX,
    cost_problems,
    inspiration_problems,
    outcome_problems,
    url_problems,
)

from .reader import SLUG_RE, FileReader, Problem, Vocabularies, collect_paths
from .yaml_lines import LineDict

STORY_FIELDS = {
    "title",
    "slug",
    "municipality",
    "municipalities",
    "methods",
    "target_groups",
    "tags",
    "date",
    "evidence_level",
    "teaser",
    "partners",
    "source",
    "contact",
    "status",
    "inspired_by",
    "cost",
    "outcomes",
}
SOURCE_FIELDS = {"title", "author", "publisher", "date", "url"}
CONTACT_FIELDS = {"name", "role", "email", "phone"}
COST_FIELDS = {"amount", "from", "to", "note"}
OUTCOME_FIELDS = {
    "indicator",
    "value",
    "value_max",
    "qualifier",
    "of",
    "from",
    "to",
    "target_group",
    "note",
}


@dataclass
class StoryData:
    """One valid story file, its vocabulary already resolved to objects."""

    path: str
    slug: str
    slug_line: int
    title: str
    municipality: Municipality
    municipality_line: int
    municipalities: list[Municipality]
    methods: list[Method]
    date: PartialDate | None  # None: the file says `undated`
    body: str
    target_groups: list[TargetGroup] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    evidence_level: int = 1
    teaser: str = ""
    partners: list[str] = field(default_factory=list)
    status: str = "running"
    source: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] = field(default_factory=dict)
    cost: dict[str, Any] = field(default_factory=dict)
    inspired_by: list[str] = field(default_factory=list)
    # Unsaved, checked outcomes in the file's order.
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass
class ImportResult:
    stories: list[StoryData]
    problems: list[Problem]
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    # Files whose story already says what the file says: no new revision.
    unchanged: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line of the body's first line), or None without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None


class StoryFileReader(FileReader):
    """Checks one story file."""

    def __init__(self, path, vocabularies: Vocabularies) -> None:
        super().__init__(path, vocabularies)
        # Kept even when the file has other problems, so every problem is reported at once.
        self.slug_found: str = ""
        self.inspired_refs: list[tuple[str, int]] = []

    def read(self) -> StoryData | None:
        text = self.read_text()
        if text is None:
            return None
        parts = split_front_matter(text)
        if parts is None:
            self.problem(
                1,
                "ingen front matter: filen skal begynde med en linje '---', YAML-felterne "
                "og en afsluttende linje '---'",
            )
            return None
        front_matter, body, _body_line = parts
        data = self.load_mapping(front_matter, line_offset=1, what="front matter")
        if data is None:
            return None
        return self.read_fields(data, body)

    def read_fields(self, data: LineDict, body: str) -> StoryData | None:
        line = data.lines.get
        self.unknown_keys(data, STORY_FIELDS, "felt")
        for required in ("title", "municipality", "methods"):
            if data.get(required) in (None, "", []):
                self.problem(line(required, 1), f"feltet '{required}' mangler")
        if data.get("date") in (None, ""):
            self.problem(
                line("date", 1),
                f"feltet 'date' mangler (skriv '{UNDATED}', hvis historien er udateret)",
            )

        title = self.text(data, "title", StoryPage, "title")
        slug, slug_line = self.slug(data, title)
        municipality = self.municipality(data.get("municipality"), line("municipality", 1))
        municipalities = [
            m
            for m in (
                self.municipality(value, item_line)
                for value, item_line in self.items(data, "municipalities")
            )
            if m
        ]
        methods = self.terms(data, "methods", self.vocab.methods, "metode")
        target_groups = self.terms(data, "target_groups", self.vocab.target_groups, "målgruppe")
        tags = [
            str(value).strip()[:100]
            for value, _item_line in self.items(data, "tags")
            if str(value).strip()
        ]
        story_date = None if data.get("date") == UNDATED else self.partial_date(data, "date")
        evidence_level = self.evidence_level(data)
        teaser = self.text(data, "teaser", StoryPage, "teaser") or ""
        if len(teaser) > TEASER_MAX:
            self.problem(
                line("teaser", 1), f"teaser er {len(teaser)} tegn; højst {TEASER_MAX} er tilladt"
            )
        partners = [
            str(value).strip() for value, _ in self.items(data, "partners") if str(value).strip()
        ]
        status = data.get("status", "running")
        if status not in STATUSES:
            self.problem(
                line("status", 1),
                f"ukendt status '{status}'; brug en af: {', '.join(STATUSES)}",
            )
        source = self.source(data)
        contact = self.contact(data)
        cost = self.cost(data)
        inspired_by = []
        for value, item_line in self.items(data, "inspired_by"):
            if not isinstance(value, str) or not SLUG_RE.match(value):
                self.problem(item_line, f"inspired_by: '{value}' er ikke en slug")
            elif problems := inspiration_problems(slug, value):
                for _field, message in problems:
                    self.problem(item_line, f"inspired_by: {message}")
            else:
                inspired_by.append(value)
                self.inspired_refs.append((value, item_line))
        self.slug_found = slug
        outcomes = self.outcomes(data)

        if self.problems:
            return None
        all_municipalities = [municipality] + [m for m in municipalities if m.pk != municipality.pk]
        return StoryData(
            path=self.name,
            slug=slug,
            slug_line=slug_line,
            title=title,
            municipality=municipality,
            municipality_line=line("municipality", 1),
            municipalities=list(dict.fromkeys(all_municipalities)),
            methods=methods,
            target_groups=target_groups,
            tags=list(dict.fromkeys(tags)),
            date=story_date,
            evidence_level=evidence_level,
            teaser=teaser,
            partners=partners,
            status=status,
            source=source,
            contact=contact,
            cost=cost,
            inspired_by=list(dict.fromkeys(inspired_by)),
            outcomes=outcomes,
            body=body.strip("\n"),
        )

    # Field readers

    def evidence_level(self, data: LineDict) -> int:
        value = data.get("evidence_level", 1)
        if value is None:
            return 1
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            self.problem(
                data.lines.get("evidence_level", 1),
                f"evidence_level skal være et helt tal fra 1 til 5, ikke '{value}'",
            )
            return 1
        return value

    def source(self, data: LineDict) -> dict[str, Any]:
        source = self.sub_mapping(data, "source", SOURCE_FIELDS)
        if source is None:
            return {}
        url = str(source.get("url") or "").strip()
        url_line = source.lines.get("url", 1)
        problems = url_problems(url, "url")
        for _field, message in problems:
            self.problem(url_line, f"source.url: {message}")
        if not problems:
            self.model_field(StoryPage, "source_url", url, url_line, "source.url")
        return {
            "source_title": self.text(source, "title", StoryPage, "source_title", "source.title")
            or "",
            "source_author": self.text(
                source, "author", StoryPage, "source_author", "source.author"
            )
            or "",
            "source_publisher": self.text(
                source, "publisher", StoryPage, "source_publisher", "source.publisher"
            )
            or "",
            "source_date": self.partial_date(source, "date", "source.date"),
            "source_url": url,
        }

    def contact(self, data: LineDict) -> dict[str, Any]:
        contact = self.sub_mapping(data, "contact", CONTACT_FIELDS)
        if contact is None:
            return {}
        return {
            f"contact_{key}": self.text(contact, key, StoryPage, f"contact_{key}", f"contact.{key}")
            or ""
            for key in ("name", "role", "email", "phone")
        }

    def cost(self, data: LineDict) -> dict[str, Any]:
        cost = self.sub_mapping(data, "cost", COST_FIELDS)
        if cost is None:
            return {}
        amount = self.number(cost, "amount", "cost.amount")
        start = self.date(cost, "from", "cost.from")
        end = self.date(cost, "to", "cost.to")
        unreadable = cost.get("amount") is not None and amount is None  # number() said why
        for field_name, message in cost_problems(amount, start, end, described=not unreadable):
            self.problem(cost.lines.get(field_name, cost.line), f"cost.{message}")
        note = self.text(cost, "note", StoryPage, "cost_note", "cost.note") or ""
        return {"cost_amount": amount, "cost_from": start, "cost_to": end, "cost_note": note}

    def outcomes(self, data: LineDict) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for number, (item, item_line) in enumerate(self.items(data, "outcomes"), start=1):
            label = f"outcomes[{number}]"
            if not isinstance(item, LineDict):
                self.problem(item_line, f"{label} skal have felterne indicator og value")
                continue
            self.unknown_keys(item, OUTCOME_FIELDS, "felt", prefix=f"{label}.")
            indicator = None
            if item.get("indicator") in (None, ""):
                self.problem(item.line, f"{label}: indicator mangler")
            else:
                indicator = self.term(
                    item["indicator"], item.lines["indicator"], self.vocab.indicators, "indikator"
                )
            if "value" not in item or item["value"] is None:
                self.problem(item.line, f"{label}: value mangler")
            value = self.number(item, "value", f"{label}.value")
            value_max = self.number(item, "value_max", f"{label}.value_max")
            of = self.number(item, "of", f"{label}.of")
            # Checked with the rest of the outcome (stories.validation).
            qualifier = str(item.get("qualifier") or "").strip()
            start = self.partial_date(item, "from", f"{label}.from")
            end = self.partial_date(item, "to", f"{label}.to")
            target_group = None
            if item.get("target_group") not in (None, ""):
                target_group = self.term(
                    item["target_group"],
                    item.lines["target_group"],
                    self.vocab.target_groups,
                    "målgruppe",
                )
            note = self.text(item, "note", Outcome, "note", f"{label}.note") or ""
            if indicator is None or value is None:
                continue
            outcome = Outcome(
                indicator=indicator,
                value=value,
                value_max=value_max,
                qualifier=qualifier,
                of=of,
                period_from=start.first_day if start else None,
                period_from_precision=start.precision if start else "day",
                period_to=end.first_day if end else None,
                period_to_precision=end.precision if end else "day",
                target_group=target_group,
                note=note,
            )
            problems = outcome_problems(outcome)
            for field_name, message in problems:
                self.problem(item.lines.get(field_name, item.line), f"{label}: {message}")
            if not problems:
                # Stored as the model stores them: two decimals, a whole base.
                outcome.value = value.quantize(Decimal("0.01"))
                outcome.value_max = value_max.quantize(Decimal("0.01")) if value_max else None
                outcome.of = int(of) if of is not None else None
                outcomes.append(outcome)
        return outcomes


def read_story_files(paths: list[str]) -> ImportResult:
    """Checks every file of the run; nothing is written."""
    files, problems = collect_paths(paths)
    vocabularies = Vocabularies()
    stories: list[StoryData] = []
    readers: list[StoryFileReader] = []
    for path in files:
        reader = StoryFileReader(path, vocabularies)
        story = reader.read()
        readers.append(reader)
        if story:
            stories.append(story)

    first_with_slug: dict[str, StoryData] = {}
    for story in stories:
        if story.slug in first_with_slug:
            story_problem = Problem(
                story.path,
                story.slug_line,
                f"slug '{story.slug}' bruges også af {first_with_slug[story.slug].path} "
                "i samme kørsel",
            )
            next(r for r in readers if r.name == story.path).problems.append(story_problem)
        else:
            first_with_slug[story.slug] = story

    run_slugs = {reader.slug_found for reader in readers if reader.slug_found}
    wanted = {slug for reader in readers for slug, _line in reader.inspired_refs}
    known = run_slugs | set(
        StoryPage.objects.filter(slug__in=wanted).values_list("slug", flat=True)
    )
    for reader in readers:
        for slug, line in reader.inspired_refs:
            if slug not in known:
                reader.problem(
                    line,
                    f"inspired_by: historien '{slug}' findes hverken i portalen "
                    "eller i denne kørsel",
                )
    # Stories are written into their region's section of the page tree, which
    # `setup_portal` builds; the importer never builds it.
    sections = set(RegionPage.objects.values_list("region_id", flat=True))
    for story in stories:
        if story.municipality.region_id not in sections:
            reader = next(r for r in readers if r.name == story.path)
            reader.problem(
                story.municipality_line,
                f"sidetræet har intet afsnit for {story.municipality.region.name}: kør "
                "'python manage.py setup_portal' (eller 'make run') først",
            )
    for reader in readers:
        problems.extend(sorted(reader.problems, key=lambda problem: problem.line))
    return ImportResult(stories=stories, problems=problems)


# Writing ---------------------------------------------------------------------------
def _apply(page: StoryPage, story: StoryData) -> None:
    page.title = story.title
    page.draft_title = story.title
    page.slug = story.slug
    page.teaser = story.teaser
    page.municipality = story.municipality
    page.municipalities = story.municipalities
    page.methods = story.methods
    page.target_groups = story.target_groups
    page.date = story.date.first_day if story.date else None
    page.date_precision = story.date.precision if story.date else "day"
    page.evidence_level = story.evidence_level
    page.status = story.status
    page.partners = "\n".join(story.partners)
    for name in ("source_title", "source_author", "source_publisher", "source_url"):
        setattr(page, name, story.source.get(name, ""))
    source_date = story.source.get("source_date")
    page.source_date = source_date.first_day if source_date else None
    page.source_date_precision = source_date.precision if source_date else "day"
    for name in ("contact_name", "contact_role", "contact_email", "contact_phone"):
        setattr(page, name, story.contact.get(name, ""))
    page.cost_amount = story.cost.get("cost_amount")
    page.cost_from = story.cost.get("cost_from")
    page.cost_to = story.cost.get("cost_to")
    page.cost_note = story.cost.get("cost_note", "")
    page.body = [("markdown", story.body)] if story.body.strip() else []
    for position, outcome in enumerate(story.outcomes):
        outcome.sort_order = position
    page.outcomes = story.outcomes


# What an import writes besides the story's own fields: its terms, outcomes, links.
IMPORTED_TERMS = ("municipalities", "methods", "target_groups")
OUTCOME_BOOKKEEPING = {"id", "story_id", "sort_order"}


def imported_content(page: StoryPage) -> tuple:
    """Everything an import writes to a story, comparable between the latest revision
    and the same page with a file applied, to tell an unchanged file from a changed one."""
    fields = tuple(
        (f.attname, getattr(page, f.attname))
        for f in StoryPage._meta.concrete_fields
        # The body is compared block by block below (a StreamValue is equal only to itself).
        if f.model is StoryPage and f.attname not in ("page_ptr_id", "body")
    )
    body = tuple((block.block_type, block.block.get_prep_value(block.value)) for block in page.body)
    terms = tuple(sorted(item.pk for item in getattr(page, name).all()) for name in IMPORTED_TERMS)
    outcomes = tuple(
        tuple(
            (f.attname, getattr(outcome, f.attname))
            for f in Outcome._meta.concrete_fields
            if f.attname not in OUTCOME_BOOKKEEPING
        )
        for outcome in sorted(page.outcomes.all(), key=lambda outcome: outcome.sort_order or 0)
    )
    inspirations = tuple(
        item.source_id
        for item in sorted(page.inspirations.all(), key=lambda item: item.sort_order or 0)
    )
    tags = tuple(sorted(tag.name for tag in page.tags.all()))
    return (page.title, page.slug, fields, body, terms, outcomes, inspirations, tags)


@transaction.atomic
def write_stories(result: ImportResult, publish: bool, user=None) -> None:
    """Creates or updates every story of a checked run, all in one transaction."""
    sections = {section.region_id: section for section in RegionPage.objects.all()}
    existing = {
        page.slug: page
        for page in StoryPage.objects.filter(slug__in=[s.slug for s in result.stories])
    }
    pages: dict[str, StoryPage] = {}
    # The latest revision's content of each existing story that stays where it is and,
    # with --publish, is live as it is: unchanged if the file says the same.
    before: dict[str, tuple] = {}
    # A keyword another story has already is that keyword, as it is spelled there.
    spellings = known_spellings(name for story in result.stories for name in story.tags)
    # First every page exists, so that inspired_by can point at any story of the run.
    for story in result.stories:
        section = sections[story.municipality.region_id]
        page = existing.get(story.slug)
        if page is None:
            page = StoryPage(live=False)
            _apply(page, story)
            page.tags.set(list(dict.fromkeys(spellings[name] for name in story.tags)))
            section.add_child(instance=page)
            result.created.append(story.slug)
        else:
            published = page.live and not page.has_unpublished_changes
            page = page.get_latest_revision_as_object()
            if page.get_parent().pk == section.pk and (published or not publish):
                before[story.slug] = imported_content(page)
            if page.get_parent().pk != section.pk:
                page.move(section, pos="last-child")
                page = StoryPage.objects.get(pk=page.pk).get_latest_revision_as_object()
            _apply(page, story)
            page.tags.set(list(dict.fromkeys(spellings[name] for name in story.tags)))
        pages[story.slug] = page

    by_slug = {
        p.slug: p
        for p in StoryPage.objects.filter(
            slug__in={slug for s in result.stories for slug in s.inspired_by}
        )
    }
    by_slug.update(pages)
    for story in result.stories:
        page = pages[story.slug]
        page.inspirations = [Inspiration(source=by_slug[slug]) for slug in story.inspired_by]
        if story.slug not in result.created:
            if before.get(story.slug) == imported_content(page):
                result.unchanged.append(story.slug)
                continue
            result.updated.append(story.slug)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)


def import_stories(
    paths: list[str], *, publish: bool = False, dry_run: bool = False, user=None
) -> ImportResult:
    result = read_story_files(paths)
    if result.problems or dry_run:
        return result
    write_stories(result, publish=publish, user=user)
    return result
