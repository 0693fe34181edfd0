"""A story's keywords (its tags): free words, written as their author wrote them
("opsøgende virksomhedsarbejde", "Den gode histories dag"), each with a slug for its
address in the search (`?tag=opsøgende-virksomhedsarbejde`).

A keyword is one thing however it is spelled: "Opsøgende virksomhedsarbejde",
"opsøgende virksomhedsarbejde" and the older slug-like "opsøgende-virksomhedsarbejde"
have one slug, so they are one keyword with one address. A story file or the editor
that writes a keyword another story has already gets that keyword, spelled as it was
first written; a new keyword keeps the spelling it is written with.
"""

from collections.abc import Iterable

from taggit.models import Tag


def keyword_slug(name: str) -> str:
    """The slug a keyword's address uses: taggit's own rule, Danish letters kept
    ("opsøgende virksomhedsarbejde" → "opsøgende-virksomhedsarbejde")."""
    return Tag().slugify(name)


def known_spellings(written: Iterable[str]) -> dict[str, str]:
    """Each written keyword with the spelling it is stored under: an existing keyword's
    where one has the same slug, else as written. One query however many keywords."""
    written = [name for name in dict.fromkeys(written) if name]
    slugs = {name: keyword_slug(name) for name in written}
    existing = dict(
        Tag.objects.filter(slug__in=[slug for slug in slugs.values() if slug]).values_list(
            "slug", "name"
        )
    )
    # Two spellings of a new keyword in one list are one keyword: the first one written
    # as words ("Dag til Dag") rather than as its slug ("dag-til-dag"), else the first.
    new_spelling: dict[str, str] = {}
    for name in written:
        slug = slugs[name]
        if slug and slug not in existing:
            if slug not in new_spelling or new_spelling[slug] == slug != name:
                new_spelling[slug] = name
    # Nothing a slug can hold ("!!!"): a keyword of its own.
    return {
        name: existing.get(slugs[name]) or new_spelling.get(slugs[name]) or name for name in written
    }


def as_known_keywords(written: Iterable[str]) -> list[str]:
    """The keywords to store for a story: each as it is known (`known_spellings`), in the
    order written, each once."""
    written = list(written)
    spelled = known_spellings(written)
    return list(dict.fromkeys(spelled[name] for name in written if name in spelled))
