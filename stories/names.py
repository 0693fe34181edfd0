"""Small text helpers for Danish names and slugs."""

import re

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
