"""Story files (Markdown with YAML front matter) into story pages: the contract in
story-format.md.

The run has two phases. `read_story_files` checks every file and collects every problem
as `FILE:LINE: message` without touching the database's content. `write_stories` runs
only when no file has a problem, inside one transaction, so an import either completes
or leaves nothing behind.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Indicator, Method, Municipality, Outcome, RegionPage, StoryPage, TargetGroup
from .structure import ensure_site_structure
from .text import danish_slug, fold
from .validation import (
    STATUSES,
    TEASER_MAX,
    OutcomeFacts,
    outcome_problems,
    period_problems,
    url_problems,
)

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
SOURCE_FIELDS = {"title", "publisher", "date", "url"}
CONTACT_FIELDS = {"name", "role", "email", "phone"}
COST_FIELDS = {"amount", "from", "to", "note"}
OUTCOME_FIELDS = {"indicator", "value", "value_max", "of", "from", "to", "target_group", "note"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Outcome values are stored with two decimals in at most 15 digits.
MAX_NUMBER = Decimal("9999999999999")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class OutcomeData:
    indicator: Indicator
    value: Decimal
    value_max: Decimal | None = None
    of: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    target_group: TargetGroup | None = None
    note: str = ""


@dataclass
class StoryData:
    """One valid story file, its vocabulary already resolved to objects."""

    path: str
    slug: str
    slug_line: int
    title: str
    municipality: Municipality
    municipalities: list[Municipality]
    methods: list[Method]
    date: date
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
    outcomes: list[OutcomeData] = field(default_factory=list)


@dataclass
class ImportResult:
    stories: list[StoryData]
    problems: list[Problem]
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


# YAML ------------------------------------------------------------------------------
class LineDict(dict):
    """A mapping that remembers the line of each key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line = 1


class LineList(list):
    """A sequence that remembers the line of each item."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[int] = []
        self.line = 1


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class StoryYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no object-constructing tags), keeping line numbers, refusing
    duplicate keys, and leaving dates as text so a bad date is our message, not a crash."""

    line_offset = 0


def _construct_mapping(loader: StoryYamlLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1 + loader.line_offset
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "en nøgle skal være tekst", key_node.start_mark
            )
        if key in mapping:
            raise DuplicateKey(
                None, None, f"feltet '{key}' står mere end én gang", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    return mapping


def _construct_sequence(loader: StoryYamlLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList()
    sequence.line = node.start_mark.line + 1 + loader.line_offset
    for item_node in node.value:
        sequence.append(loader.construct_object(item_node, deep=True))
        sequence.lines.append(item_node.start_mark.line + 1 + loader.line_offset)
    return sequence


def _construct_timestamp(loader: StoryYamlLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


StoryYamlLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
StoryYamlLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
StoryYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, line_offset: int) -> Any:
    loader = StoryYamlLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


# Vocabulary lookups ----------------------------------------------------------------
class Vocabularies:
    """Every known term, loaded once a run; retired terms still resolve."""

    def __init__(self) -> None:
        self.methods = {m.slug: m for m in Method.objects.all()}
        self.target_groups = {t.slug: t for t in TargetGroup.objects.all()}
        self.indicators = {i.slug: i for i in Indicator.objects.all()}
        municipalities = list(Municipality.objects.select_related("region"))
        self.municipality_by_code = {m.code: m for m in municipalities}
        self.municipality_by_name = {fold(m.name): m for m in municipalities}

    def municipality(self, value: Any) -> Municipality | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            value = f"{value:03d}"
        text = str(value).strip()
        if text.isdigit():
            return self.municipality_by_code.get(text.zfill(3))
        key = fold(text)
        found = self.municipality_by_name.get(key)
        if found is None and key.endswith("s"):
            # The official genitive: "Københavns Kommune", "Frederiksbergs Kommune".
            found = self.municipality_by_name.get(key[:-1])
        return found

    def municipality_suggestions(self, value: Any) -> list[str]:
        names = {fold(m.name): m.name for m in self.municipality_by_code.values()}
        return [names[key] for key in _closest(fold(str(value)), list(names))]


def _closest(word: str, candidates: list[str], n: int = 3) -> list[str]:
    """The closest known terms, always some, so a message can name them."""
    word = word.casefold()
    scored = sorted(
        candidates,
        key=lambda c: difflib.SequenceMatcher(None, word, c.casefold()).ratio(),
        reverse=True,
    )
    return scored[:n]


def _vocabulary_suggestions(word: str, terms: dict[str, Any]) -> str:
    # Match against slugs, names and aliases, but always suggest the slug to write.
    by_label: dict[str, str] = {}
    for slug, term in terms.items():
        for label in [slug, term.name, *term.alias_list]:
            by_label.setdefault(label.casefold(), slug)
    slugs: list[str] = []
    for label in _closest(str(word), list(by_label), n=12):
        if by_label[label] not in slugs:
            slugs.append(by_label[label])
    return ", ".join(f"{slug} ({terms[slug].name})" for slug in slugs[:3])


# Reading files ---------------------------------------------------------------------
def collect_paths(
    paths: list[str], patterns: tuple[str, ...] = ("*.md",)
) -> tuple[list[Path], list[Problem]]:
    """The files named, and every file matching `patterns` under the folders named."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for pattern in patterns for p in path.rglob(pattern) if p.is_file())
            if not found:
                problems.append(
                    Problem(raw, 1, f"mappen indeholder ingen {' eller '.join(patterns)}-filer")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(raw, 1, "filen eller mappen findes ikke"))
    unique: list[Path] = []
    for path in files:
        if path.resolve() not in {p.resolve() for p in unique}:
            unique.append(path)
    return unique, problems


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line of the body's first line), or None without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None


class FileReader:
    """Checks one story file; every problem found is added to `problems`."""

    def __init__(self, path: Path, vocabularies: Vocabularies) -> None:
        self.path = path
        self.name = str(path)
        self.vocab = vocabularies
        self.problems: list[Problem] = []
        # Kept even when the file has other problems, so every problem is reported at once.
        self.slug_found: str = ""
        self.inspired_refs: list[tuple[str, int]] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    # The whole file
    def read(self) -> StoryData | None:
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            self.problem(1, f"filen kan ikke læses: {error.strerror}")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.problem(line, f"filen er ikke gyldig UTF-8 (byte 0x{raw[error.start]:02x})")
            return None
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if "\x00" in text:
            self.problem(text[: text.index("\x00")].count("\n") + 1, "filen indeholder NUL-tegn")
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
        try:
            data = load_yaml(front_matter, line_offset=1)
        except yaml.constructor.ConstructorError as error:
            line = error.problem_mark.line + 2 if error.problem_mark else 1
            tag = re.search(r"'(tag:[^']+|![^']*)'", str(error.problem))
            if tag:
                self.problem(
                    line,
                    f"YAML-tagget {tag.group(1)} er ikke tilladt: tags, der konstruerer "
                    "objekter, afvises",
                )
            else:
                self.problem(line, f"ugyldig YAML: {error.problem}")
            return None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            self.problem(line, f"ugyldig YAML: {getattr(error, 'problem', None) or error}")
            return None
        if not isinstance(data, LineDict):
            self.problem(1, "front matter skal være en samling af felter (navn: værdi)")
            return None
        if self.has_nul(data, data.line):
            return None
        return self.read_fields(data, body)

    def has_nul(self, value: Any, line: int) -> bool:
        """NUL characters written as YAML escapes ("\\x00"); no database stores them."""
        if isinstance(value, str):
            if "\x00" in value:
                self.problem(line, "feltet indeholder et NUL-tegn")
                return True
            return False
        children: list[tuple[Any, int]] = []
        if isinstance(value, LineDict):
            children = [(item, value.lines.get(key, line)) for key, item in value.items()]
            children += [(key, value.lines.get(key, line)) for key in value]
        elif isinstance(value, LineList):
            children = list(zip(value, value.lines, strict=True))
        found = False
        for child, child_line in children:
            found = self.has_nul(child, child_line) or found
        return found

    def read_fields(self, data: LineDict, body: str) -> StoryData | None:
        line = data.lines.get
        self.unknown_keys(data, STORY_FIELDS, "felt")
        for required in ("title", "municipality", "methods", "date"):
            if data.get(required) in (None, "", []):
                self.problem(line(required, 1), f"feltet '{required}' mangler")

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
        story_date = self.date(data, "date")
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
            elif value == slug:
                self.problem(item_line, "en historie kan ikke være inspireret af sig selv")
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
    def unknown_keys(self, data: LineDict, known: set[str], what: str, prefix: str = "") -> None:
        for key in data:
            if key not in known:
                guess = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
                hint = (
                    f"; mente du '{guess[0]}'?"
                    if guess
                    else f"; kendte: {', '.join(sorted(known))}"
                )
                self.problem(data.lines.get(key, data.line), f"ukendt {what} '{prefix}{key}'{hint}")

    def items(self, data: LineDict, key: str) -> list[tuple[Any, int]]:
        """A list field as (value, line) pairs; a single value counts as a list of one."""
        value = data.get(key)
        line = data.lines.get(key, 1)
        if value is None:
            return []
        if isinstance(value, LineList):
            return list(zip(value, value.lines, strict=True))
        if isinstance(value, dict):
            self.problem(line, f"feltet '{key}' skal være en liste")
            return []
        return [(value, line)]

    def text(self, data: LineDict, key: str, model, field_name: str, label: str = "") -> str | None:
        value = data.get(key)
        if value is None:
            return None
        line = data.lines.get(key, 1)
        if isinstance(value, (dict, list)):
            self.problem(line, f"feltet '{label or key}' skal være tekst")
            return None
        text = str(value).strip()
        self.model_field(model, field_name, text, line, label or key)
        return text

    def model_field(self, model, field_name: str, value: Any, line: int, label: str) -> None:
        """The model field's own checks (length, URL, e-mail): one validation for the
        importer and the admin."""
        model_field = model._meta.get_field(field_name)
        if value in (None, "") and model_field.blank:
            return
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            for message in error.messages:
                self.problem(line, f"{label}: {message}")

    def slug(self, data: LineDict, title: str | None) -> tuple[str, int]:
        if "slug" in data and data["slug"] is not None:
            slug = str(data["slug"]).strip()
            line = data.lines["slug"]
            if not SLUG_RE.match(slug) or len(slug) > 255:
                self.problem(
                    line, f"ugyldig slug '{slug}': kun små bogstaver a-z, tal og bindestreg"
                )
            return slug, line
        slug = danish_slug(title or "")
        if title and not slug:
            self.problem(data.lines.get("title", 1), "der kan ikke dannes en slug af titlen")
        return slug, data.lines.get("title", 1)

    def municipality(self, value: Any, line: int) -> Municipality | None:
        if value in (None, ""):
            return None
        if isinstance(value, (dict, list)):
            self.problem(line, "en kommune angives med navn eller kode")
            return None
        found = self.vocab.municipality(value)
        if found is None:
            suggestions = ", ".join(self.vocab.municipality_suggestions(value))
            self.problem(line, f"ukendt kommune '{value}'; nærmeste kendte: {suggestions}")
        return found

    def terms(self, data: LineDict, key: str, terms: dict[str, Any], what: str) -> list[Any]:
        found = []
        for value, line in self.items(data, key):
            term = self.term(value, line, terms, what)
            if term and term not in found:
                found.append(term)
        return found

    def term(self, value: Any, line: int, terms: dict[str, Any], what: str) -> Any:
        term = terms.get(str(value).strip()) if isinstance(value, str) else None
        if term is None:
            self.problem(
                line,
                f"ukendt {what} '{value}'; nærmeste kendte: "
                f"{_vocabulary_suggestions(str(value), terms)}",
            )
        return term

    def date(self, data: LineDict, key: str, label: str = "") -> date | None:
        value = data.get(key)
        if value in (None, ""):
            return None
        line = data.lines.get(key, 1)
        parsed = None
        if isinstance(value, str) and ISO_DATE_RE.match(value.strip()):
            try:
                parsed = date.fromisoformat(value.strip())
            except ValueError:
                parsed = None
        if parsed is None:
            self.problem(line, f"ugyldig dato i '{label or key}': '{value}' (brug ÅÅÅÅ-MM-DD)")
        return parsed

    def number(self, data: LineDict, key: str, label: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        line = data.lines.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(line, f"{label} skal være et tal, ikke '{value}'")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.problem(line, f"{label} skal være et endeligt tal")
            return None
        if abs(number) > MAX_NUMBER:
            self.problem(line, f"{label} er for stort")
            return None
        return number

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

    def sub_mapping(self, data: LineDict, key: str, known: set[str]) -> LineDict | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineDict):
            self.problem(data.lines.get(key, 1), f"feltet '{key}' skal have underfelter")
            return None
        self.unknown_keys(value, known, "underfelt", prefix=f"{key}.")
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
            "source_publisher": self.text(
                source, "publisher", StoryPage, "source_publisher", "source.publisher"
            )
            or "",
            "source_date": self.date(source, "date", "source.date"),
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
        if "amount" not in cost:
            self.problem(cost.line, "cost.amount mangler")
        elif amount is not None and amount < 0:
            self.problem(cost.lines["amount"], "cost.amount skal være >= 0")
        start = self.date(cost, "from", "cost.from")
        end = self.date(cost, "to", "cost.to")
        for _field, message in period_problems(start, end):
            self.problem(cost.lines.get("from", cost.line), f"cost: {message}")
        note = self.text(cost, "note", StoryPage, "cost_note", "cost.note") or ""
        return {"cost_amount": amount, "cost_from": start, "cost_to": end, "cost_note": note}

    def outcomes(self, data: LineDict) -> list[OutcomeData]:
        outcomes: list[OutcomeData] = []
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
            start = self.date(item, "from", f"{label}.from")
            end = self.date(item, "to", f"{label}.to")
            target_group = None
            if item.get("target_group") not in (None, ""):
                target_group = self.term(
                    item["target_group"],
                    item.lines["target_group"],
                    self.vocab.target_groups,
                    "målgruppe",
                )
            note = self.text(item, "note", Outcome, "note", f"{label}.note") or ""
            facts = OutcomeFacts(
                value=value,
                value_max=value_max,
                of=of,
                period_from=start,
                period_to=end,
                indicator_takes_base=indicator.takes_base if indicator else True,
            )
            if value is not None:
                for field_name, message in outcome_problems(facts):
                    self.problem(item.lines.get(field_name, item.line), f"{label}: {message}")
            if indicator and value is not None:
                outcomes.append(
                    OutcomeData(
                        indicator=indicator,
                        value=value.quantize(Decimal("0.01")),
                        value_max=value_max.quantize(Decimal("0.01")) if value_max else None,
                        of=int(of) if of is not None else None,
                        period_from=start,
                        period_to=end,
                        target_group=target_group,
                        note=note,
                    )
                )
        return outcomes


def read_story_files(paths: list[str]) -> ImportResult:
    """Checks every file of the run; nothing is written."""
    files, problems = collect_paths(paths)
    vocabularies = Vocabularies()
    stories: list[StoryData] = []
    readers: list[FileReader] = []
    for path in files:
        reader = FileReader(path, vocabularies)
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
    page.date = story.date
    page.evidence_level = story.evidence_level
    page.status = story.status
    page.partners = "\n".join(story.partners)
    for name in ("source_title", "source_publisher", "source_url"):
        setattr(page, name, story.source.get(name, ""))
    page.source_date = story.source.get("source_date")
    for name in ("contact_name", "contact_role", "contact_email", "contact_phone"):
        setattr(page, name, story.contact.get(name, ""))
    page.cost_amount = story.cost.get("cost_amount")
    page.cost_from = story.cost.get("cost_from")
    page.cost_to = story.cost.get("cost_to")
    page.cost_note = story.cost.get("cost_note", "")
    page.body = [("markdown", story.body)] if story.body.strip() else []
    page.outcomes = [
        Outcome(
            indicator=o.indicator,
            value=o.value,
            value_max=o.value_max,
            of=o.of,
            period_from=o.period_from,
            period_to=o.period_to,
            target_group=o.target_group,
            note=o.note,
            sort_order=position,
        )
        for position, o in enumerate(story.outcomes)
    ]


@transaction.atomic
def write_stories(result: ImportResult, publish: bool, user=None) -> None:
    """Creates or updates every story of a checked run, all in one transaction."""
    ensure_site_structure()
    sections = {section.region_id: section for section in RegionPage.objects.all()}
    existing = {
        page.slug: page
        for page in StoryPage.objects.filter(slug__in=[s.slug for s in result.stories])
    }
    pages: dict[str, StoryPage] = {}
    # First every page exists, so that inspired_by can point at any story of the run.
    for story in result.stories:
        section = sections[story.municipality.region_id]
        page = existing.get(story.slug)
        if page is None:
            page = StoryPage(live=False)
            _apply(page, story)
            page.tags.set(story.tags)
            section.add_child(instance=page)
            result.created.append(story.slug)
        else:
            page = page.get_latest_revision_as_object()
            if page.get_parent().pk != section.pk:
                page.move(section, pos="last-child")
                page = StoryPage.objects.get(pk=page.pk).get_latest_revision_as_object()
            _apply(page, story)
            page.tags.set(story.tags)
            result.updated.append(story.slug)
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
        page.inspired_by = [by_slug[slug] for slug in story.inspired_by]
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
