"""Small text helpers for Danish names and slugs."""

import re
import unicodedata
from collections.abc import Callable, Iterable
from operator import attrgetter

from django.utils.text import slugify

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slug(text: str, max_length: int = 255) -> str:
    """ "Småjobs i Vejle" → "smaajobs-i-vejle": Danish letters spelled out, not dropped."""
    return slugify(str(text).translate(_DANISH_LETTERS))[:max_length].strip("-")


def fold(text: str) -> str:
    """A lookup key that ignores case, "Kommune", Danish å/aa spelling and dashes."""
    key = str(text).casefold().strip()
    key = re.sub(r"\s+kommune$", "", key)
    key = key.replace("å", "aa").replace("-", " ")
    return re.sub(r"\s+", " ", key)


def printable(text: str, limit: int = 40) -> str:
    """A visitor's value fit to quote back in a message: no control characters, short."""
    return "".join(ch for ch in str(text) if ch.isprintable())[:limit]


# The Danish alphabet's order: a–z, then æ, ø, å (Retskrivningsordbogen; CLDR's "da").
_DANISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
_LETTER_RANK = {letter: 20 + rank for rank, letter in enumerate(_DANISH_ALPHABET)}
# Letters Danish files under another: ä as æ, ö as ø, ü as y (CLDR's "da").
_FILED_AS = str.maketrans({"ä": "æ", "ö": "ø", "ü": "y", "ǿ": "ø"})


def _primary_letters(name: str) -> str:
    """The name as Danish alphabetises it: lower case, "aa" as "å" wherever it stands
    (Aabenraa, Aalborg, Aarhus under Å, Faaborg after Fredericia), other accents
    dropped (é as e), æ, ø and å kept as letters of their own."""
    # NFC first, so an å written as a + ring is the letter å.
    text = unicodedata.normalize("NFC", str(name)).casefold().translate(_FILED_AS)
    text = text.replace("aa", "å")
    kept = []
    for char in text:
        if char in _LETTER_RANK:
            kept.append(char)
        else:
            # é → e + ´: keep the base letter; å, æ and ø never reach here.
            kept.append(unicodedata.normalize("NFD", char)[0])
    return "".join(kept)


def danish_sort_key(name: str) -> tuple:
    """A key that puts names in Danish alphabetical order: a–z, then æ, ø, å, with "aa"
    as å, case and accents set aside, and a space or dash before any letter or digit.
    Python's own order (and SQLite's) puts Å before Æ and Aarhus first, and sorting in
    the database would depend on its collation, so lists shown to readers are sorted
    with this key, in Python, after the query."""
    ranks = []
    for char in _primary_letters(name):
        if char in _LETTER_RANK:
            ranks.append(_LETTER_RANK[char])
        elif char.isdigit():
            ranks.append(1 + unicodedata.digit(char, 0))
        elif char.isalpha():
            # A letter outside the Danish alphabet (a Greek or Sami one): after å.
            ranks.append(100 + ord(char))
        else:
            ranks.append(0)
    # Names equal but for case or accents keep one order: the plain text breaks the tie.
    return (tuple(ranks), str(name).casefold(), str(name))


def in_danish_order[T](
    items: Iterable[T], name: Callable[[T], str] = attrgetter("name")
) -> list[T]:
    """The items (municipalities, regions, terms) by their names in Danish order."""
    return sorted(items, key=lambda item: danish_sort_key(name(item)))
