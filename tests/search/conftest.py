from search.engines import database_engine
from search.query import SearchQuery
from tests.conftest import corpus_fixtures, front_matter

CORPUS = {
    "vejle-sj": (
        front_matter(
            "vejle-sj",
            "Borgere i arbejde",
            "Vejle",
            "[smaajobs]",
            "2018-02-01",
            outcomes="[{indicator: smaajob, value: 70}]",
        ),
        "Borgerne har fået småjobs i lokale virksomheder.",
    ),
    "aarhus-cykel": (
        front_matter(
            "aarhus-cykel",
            "Værkstedet i Aarhus",
            "Aarhus",
            "[virksomhedspraktik]",
            "2019-03-01",
            target_groups="[unge-under-30]",
            outcomes="[{indicator: ordinaert-job, value: 5, of: 10}]",
        ),
        "Deltagerne reparerer cykler i cykelværkstederne hver dag.",
    ),
    "thisted-tang": (
        front_matter(
            "thisted-tang",
            "Sommer ved havet",
            "Thisted",
            "[virksomhedspraktik, gradvis-optrapning]",
            "2020-06-01",
            outcomes="[{indicator: ordinaert-job, value: 3, of: 12}]",
        ),
        "Om sommeren arbejder tangsamlerne på stranden.",
    ),
    "skanderborg-mentor": (
        front_matter(
            "skanderborg-mentor",
            "Et korps af frivillige",
            "Skanderborg",
            "[erhvervsmentorer]",
            "2017-01-01",
            evidence_level="2",
        ),
        "Erhvervsmentorerne og mentorerne mødes hver måned.",
    ),
    "odense-andet": (
        front_matter("odense-andet", "Coaching i Odense", "Odense", "[coaching]", "2016-01-01"),
        "En historie om noget helt andet.",
    ),
}


corpus, shared_corpus = corpus_fixtures(CORPUS)


def search(q: str = "", sort: str = "relevance", page: int = 1, **filters):
    query = SearchQuery(
        q=q,
        sort=sort,
        page=page,
        filters={k: v if isinstance(v, list) else [v] for k, v in filters.items()},
    )
    return database_engine().search(query)


def slugs(q: str = "", **kwargs) -> list[str]:
    return [result["slug"] for result in search(q, **kwargs).results]
