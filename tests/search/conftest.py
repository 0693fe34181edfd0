import pytest

from search.engines import database_engine
from search.query import SearchQuery
from storyfiles.story_files import import_stories
from tests.conftest import StoryDir, front_matter, kept_for_the_module

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


def import_corpus(story_dir: StoryDir) -> StoryDir:
    for slug, (matter, body) in CORPUS.items():
        story_dir.write(f"{slug}.md", matter, body=body)
    result = import_stories([str(story_dir.path)], publish=True)
    assert result.problems == [], result.problems
    return story_dir


@pytest.fixture
def corpus(site, story_dir):
    return import_corpus(story_dir)


@pytest.fixture(scope="module")
def shared_corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    """The corpus imported once for a module whose every test reads it; a module opts in
    by defining `corpus` as `shared_corpus` (see kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker):
        yield import_corpus(StoryDir(tmp_path_factory.mktemp("corpus")))


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
