"""What counts as English in the Danish admin: one definition for the unit tests (which
read the HTML the admin serves) and the browser tests (which read what the browser draws).

The English strings come from Wagtail's catalogues (the English msgids), so a text is
only flagged if Wagtail shows it as an interface text. A text is English when it equals
one of those msgids (or matches one with placeholders, like "Choose %(object)s") and is
not also what Wagtail's Danish translators wrote for it, nor on the short allow-lists.

This module reads files only (no Django, none of the project's code), so the browser
suite, which treats the portal as a black box, can use it too.
"""

import re
from collections.abc import Iterable
from pathlib import Path

import wagtail

WAGTAIL = Path(wagtail.__file__).parent

# Words that are the same in Danish and English, shown as they are on purpose.
SAME_IN_DANISH = {
    "Status",  # the Danish word too
    "Status:",  # the side panel's screen-reader prefix ("Status: Kladde")
    "Markdown",  # a name
    "Sites",  # Danish plural of "site" (Retskrivningsordbogen), as in "Søg på hele sitet"
}

# English that no catalogue can reach: Wagtail 8.0.1 writes these into its templates
# without marking them for translation. Turning them Danish would take overriding
# Wagtail's templates; until then they are known and listed here.
NOT_TRANSLATABLE = {
    "Search",  # the hidden submit button of the search box (value="Search", home.html)
    "Actions",  # aria-label of the header's button bar (shared/headers/_actions.html)
    "None",  # a hidden, empty comment counter on the side panel toggle prints Python's None
}

# Wagtail's Danish uses two words for things the project names otherwise; the admin says
# each thing one way (locale/da overrides Wagtail's entries), so these never show.
REJECTED_TERMS = {
    "skitse": "kladde",
    "kodeord": "adgangskode",
}


def _unquote(text: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text[1:-1]
    )


def read_po(path: Path) -> dict[str, list[str]]:
    """msgid -> its msgstr(s) (plural forms in order), for one .po file; fuzzy entries and
    obsolete ones are left out, as compilemessages leaves them out."""
    entries: dict[str, list[str]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            continue
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"') and key:
                fields[key] += _unquote(line)
                continue
            key, _, value = line.partition(" ")
            fields[key] = _unquote(value.strip())
        if fields.get("msgid"):
            strs = [fields[k] for k in sorted(fields) if k.startswith("msgstr")]
            entries[fields["msgid"]] = strs
            if "msgid_plural" in fields:
                entries[fields["msgid_plural"]] = strs
    return entries


def wagtail_catalogues(language: str) -> dict[str, list[str]]:
    """Wagtail's catalogues for one language, the Python ones and the JavaScript ones."""
    merged: dict[str, list[str]] = {}
    for path in sorted(WAGTAIL.glob(f"**/locale/{language}/LC_MESSAGES/django*.po")):
        merged.update(read_po(path))
    return merged


ENGLISH = set(wagtail_catalogues("en"))
# What Wagtail's translators wrote in Danish: a text equal to it is Danish already
# (e.g. "Dashboard" -> "Dashboard"), even if it looks like the English.
WAGTAIL_DANISH = {text for msgstrs in wagtail_catalogues("da").values() for text in msgstrs if text}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _pattern(msgid: str) -> re.Pattern | None:
    """A regular expression for a msgid with placeholders, if enough of it is words
    (four letters or more outside the placeholders) to say it is English."""
    parts = PLACEHOLDER.split(msgid)
    if len("".join(re.findall(r"[A-Za-z]", "".join(parts)))) < 4:
        return None
    return re.compile("^" + "(.+?)".join(re.escape(" ".join(p.split())) for p in parts) + "$")


MARKUP = re.compile(r"<[^>]+>")


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]{2,}", text))


def _pieces(msgid: str, at: re.Pattern) -> list[str]:
    return [piece for piece in (" ".join(part.split()) for part in at.split(msgid)) if piece]


# A page shows a msgid with markup as separate text nodes ('Sorry, no snippets match "'
# before <em>…</em>), and one whose placeholder holds markup the same way: so each piece
# of a msgid is looked for too. A piece without placeholders counts from two words (one
# word may be Danish as well); one with placeholders is matched as a pattern.
PIECES = {
    piece
    for msgid in ENGLISH
    for piece in _pieces(msgid, re.compile(f"{MARKUP.pattern}|{PLACEHOLDER.pattern}"))
    if _words(piece) >= 2 and piece != msgid
}
PATTERNS = [
    pattern
    for pattern in map(
        _pattern,
        {
            piece
            for msgid in ENGLISH
            for piece in _pieces(msgid, MARKUP)
            if PLACEHOLDER.search(piece)
        },
    )
    if pattern
]


def english_texts(texts: Iterable[str]) -> list[str]:
    """The texts among these that are Wagtail's English, sorted and each once."""
    found = set()
    for raw in texts:
        text = " ".join(raw.split())
        if not text or text in SAME_IN_DANISH | NOT_TRANSLATABLE or text in WAGTAIL_DANISH:
            continue
        if text in ENGLISH or text in PIECES or any(p.match(text) for p in PATTERNS):
            found.add(text)
    return sorted(found)


def rejected_terms(texts: Iterable[str]) -> list[str]:
    """The texts among these that use a word the project has replaced (REJECTED_TERMS)."""
    words = re.compile(r"\b(" + "|".join(REJECTED_TERMS) + r")", re.IGNORECASE)
    return sorted({" ".join(text.split()) for text in texts if words.search(text)})
