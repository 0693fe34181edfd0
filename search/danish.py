"""Danish words for search: tokens, Snowball stems, and highlighted snippets.

The SQLite engine has no Danish stemmer, so the index and the query are stemmed here with
the same Snowball algorithm PostgreSQL's `danish` configuration and Elasticsearch's
`danish` analyzer use: "småjobs" and "småjob" both become "småjob".
"""

import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.casefold())


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in WORD_RE.findall(text or "") if t.strip("_")]


def stem_text(text: str) -> str:
    """The text as space-separated stems, for the SQLite full-text index."""
    return " ".join(stem(token) for token in tokens(text))


def clean_query(text: str) -> str:
    """What is searched: no NUL bytes or control characters, and a bounded length."""
    text = "".join(ch for ch in (text or "") if ch >= " " or ch in "\t\n")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def query_stems(text: str) -> list[str]:
    """Distinct stems of the query's words, in order, at most MAX_QUERY_TERMS."""
    stems: list[str] = []
    for token in tokens(text):
        word_stem = stem(token)
        if word_stem and word_stem not in stems:
            stems.append(word_stem)
    return stems[:MAX_QUERY_TERMS]


def snippet(text: str, stems: list[str], length: int = 220) -> SafeString:
    """A piece of the text around the first matching word, matches wrapped in <mark>.
    The text is escaped first: only our own <mark> tags are markup."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    wanted = set(stems)
    matches = [m for m in WORD_RE.finditer(text) if stem(m.group()) in wanted] if wanted else []
    start = max(0, matches[0].start() - length // 3) if matches else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < matches[0].start() else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces: list[str] = []
    cursor = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - escaped above
