"""What story files and collection files have in common: finding the files, reading
them as text, their line-aware YAML, the vocabulary they name, and the field readers
that turn a value into a checked one or a `FILE:LINE: message`.

`FileReader` is the base of both `StoryFileReader` and `CollectionFileReader`; neither
knows the other.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError

from stories.models import Indicator, Method, Municipality, TargetGroup
from stories.names import danish_slug, fold
from stories.precision import PartialDate

from .yaml_lines import LineDict, LineList, load_yaml

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


# Finding files ---------------------------------------------------------------------
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


class FileReader:
    """Reads one file; every problem found is added to `problems`, so a run can report
    every problem of every file at once."""

    def __init__(self, path: Path, vocabularies: Vocabularies) -> None:
        self.path = path
        self.name = str(path)
        self.vocab = vocabularies
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    # The whole file
    def read_text(self) -> str | None:
        """The file as text: UTF-8, without a byte-order mark, with Unix line ends and
        no NUL characters; None (and a problem) otherwise."""
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
        return text

    def load_mapping(self, text: str, line_offset: int, what: str) -> LineDict | None:
        """The YAML text as a mapping of fields; None (and a problem) for invalid YAML,
        an object-constructing tag, anything but a mapping, or a NUL written as an
        escape. `line_offset`: the file line before the text's first line."""
        try:
            data = load_yaml(text, line_offset=line_offset)
        except yaml.constructor.ConstructorError as error:
            line = error.problem_mark.line + 1 + line_offset if error.problem_mark else 1
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
            line = mark.line + 1 + line_offset if mark else 1
            self.problem(line, f"ugyldig YAML: {getattr(error, 'problem', None) or error}")
            return None
        if not isinstance(data, LineDict):
            self.problem(1, f"{what} skal være en samling af felter (navn: værdi)")
            return None
        if self.has_nul(data, data.line):
            return None
        return data

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

    def partial_date(self, data: LineDict, key: str, label: str = "") -> PartialDate | None:
        """A date as precise as the source: 2018-02-01, 2018-02 or 2018 (YAML reads an
        unquoted 2018 as a number, so a whole number of four digits is a year too)."""
        value = data.get(key)
        if value in (None, ""):
            return None
        line = data.lines.get(key, 1)
        text = str(value).strip() if isinstance(value, (str, int)) else ""
        try:
            return PartialDate.parse(text)
        except ValueError:
            self.problem(
                line,
                f"ugyldig dato i '{label or key}': '{value}' (brug ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)",
            )
            return None

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

    def sub_mapping(self, data: LineDict, key: str, known: set[str]) -> LineDict | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineDict):
            self.problem(data.lines.get(key, 1), f"feltet '{key}' skal have underfelter")
            return None
        self.unknown_keys(value, known, "underfelt", prefix=f"{key}.")
        return value
