"""Synthetic stories for the benchmarks (`bench_search`, `bench_pages`, `generate_stories`).

Real story pages under their region sections, with methods, target groups, a
municipality and outcomes, indexed by the real indexing code: the pages and the search
behave as with stories an editor wrote. Meant for scratch databases only.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from browse.models import RegionPage
from portal.site_tree import ensure_site_structure
from search.documents import build_document
from search.engines import database_engine
from stories.models import Indicator, Method, Municipality, Outcome, StoryPage, TargetGroup

WORDS = (
    "borgere jobcenter virksomhed småjobs praktik mentor mentorerne løntilskud ledige timer "
    "arbejdsplads kollegaer sagsbehandler uddannelse fleksjob cykelværkstedet tangsamlerne "
    "værksted opfølgning samtale sundhed læge team rengøring lager køkken butik landbrug "
    "kommune region indsats forløb progression resultat erfaring samarbejde ordinære vilkår"
).split()
COMMON_WORD = "borgere"  # in every synthetic story
# Synthetic stories are told apart from real ones by their slug.
SLUG_PREFIX = "bench-"
# Stories are written in transactions of this many: fewer commits, bounded memory.
BATCH = 500


def only_synthetic_stories() -> bool:
    """Whether every story in the database is a synthetic one (true when there are none)."""
    return not StoryPage.objects.exclude(slug__startswith=SLUG_PREFIX).exists()


def create_stories(count: int, rng: random.Random, first_number: int = 0) -> None:
    """`count` published synthetic stories, numbered from `first_number`, indexed for
    search. The same seed gives the same stories."""
    ensure_site_structure()
    sections = {page.region_id: page for page in RegionPage.objects.all()}
    municipalities = list(Municipality.objects.all())
    methods = list(Method.objects.all())
    groups = list(TargetGroup.objects.all())
    indicators = [i for i in Indicator.objects.all() if i.takes_base]
    engine = database_engine()
    end = first_number + count
    for start in range(first_number, end, BATCH):
        with transaction.atomic():
            for number in range(start, min(end, start + BATCH)):
                municipality = rng.choice(municipalities)
                words = rng.choices(WORDS, k=80)
                page = StoryPage(
                    title=f"{rng.choice(WORDS).capitalize()} og {rng.choice(WORDS)} "
                    f"i {municipality.name} {number}",
                    slug=f"{SLUG_PREFIX}{number}",
                    teaser=" ".join(rng.choices(WORDS, k=25)),
                    municipality=municipality,
                    date=date(2005, 1, 1) + timedelta(days=rng.randrange(7300)),
                    evidence_level=rng.randint(1, 5),
                    body=[("markdown", f"{COMMON_WORD} " + " ".join(words))],
                    live=True,
                )
                page.methods = rng.sample(methods, rng.randint(1, 3))
                page.target_groups = rng.sample(groups, rng.randint(0, 2))
                page.municipalities = [municipality]
                page.outcomes = [
                    Outcome(
                        indicator=rng.choice(indicators),
                        value=value,
                        of=value + rng.randint(0, 200),
                    )
                    for value in (rng.randint(1, 100) for _ in range(rng.randint(0, 3)))
                ]
                sections[municipality.region_id].add_child(instance=page)
                engine.index(build_document(page))
