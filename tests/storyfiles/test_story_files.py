"""The story-file contract (story-format.md), tested as written."""

import pytest
from django.core.management import CommandError, call_command

from browse.models import RegionPage
from stories.models import Outcome, StoryPage
from storyfiles.story_files import import_stories
from tests.conftest import CONTRACT_EXAMPLE, minimal

pytestmark = pytest.mark.django_db


def run(*paths, publish=True, dry_run=False):
    return import_stories([str(p) for p in paths], publish=publish, dry_run=dry_run)


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


# Accepting -----------------------------------------------------------------------
def test_the_contract_example_imports_with_every_field(site, story_dir):
    file = story_dir.write_raw("vejle.md", CONTRACT_EXAMPLE)
    result = run(file)
    assert result.problems == []
    page = StoryPage.objects.get(slug="vejle-smaajobs")
    assert page.live
    assert page.title == "Småjobs på ordinære vilkår"
    assert page.municipality.code == "630"
    assert page.region.name == "Region Syddanmark"
    assert page.get_parent().specific.region.name == "Region Syddanmark"
    assert sorted(m.slug for m in page.methods.all()) == ["haandholdt-vejledning", "smaajobs"]
    assert [t.slug for t in page.target_groups.all()] == ["kontanthjaelp-aktivitetsparate"]
    assert sorted(t.name for t in page.tags.all()) == ["frugtlager", "virksomhedskonsulent"]
    assert page.date.isoformat() == "2018-02-01"
    assert page.evidence_level == 2
    assert page.teaser.startswith("I Vejle har 70 borgere")
    assert page.partner_list == ["Dag til Dag"]
    assert page.source_title == "Jobcenter: Skab småjobs i virksomhederne"
    assert page.source_publisher == "Vejlederforum"
    assert page.source_url == "https://example.org/artikel"
    assert page.contact_name == "Birgit Thorup"
    assert page.status == "running"
    outcomes = list(page.outcomes.all())
    assert [o.indicator.slug for o in outcomes] == ["smaajob", "timer-pr-uge"]
    assert outcomes[0].value == 70 and outcomes[0].period_to.isoformat() == "2018-02-01"
    assert (outcomes[1].value, outcomes[1].value_max) == (5, 15)
    assert outcomes[1].note == "pr. borger i småjob"


def test_municipality_by_code_name_case_and_kommune_suffix(site, story_dir):
    files = [
        story_dir.write("a.md", minimal("a").replace("Vejle", '"630"')),
        story_dir.write("b.md", minimal("b").replace("Vejle", "vejle kommune")),
        story_dir.write("c.md", minimal("c").replace("Vejle", "Københavns Kommune")),
        story_dir.write("d.md", minimal("d").replace("Vejle", "Århus")),
        story_dir.write("e.md", minimal("e").replace("Vejle", "101")),
    ]
    assert run(*files).problems == []
    codes = dict(StoryPage.objects.values_list("slug", "municipality__code"))
    assert codes == {"a": "630", "b": "630", "c": "101", "d": "751", "e": "101"}


def test_several_municipalities_and_the_first_decides_the_region(site, story_dir):
    file = story_dir.write(
        "shared.md",
        minimal("delt", municipalities="[Aalborg, Hjørring]").replace(
            "municipality: Vejle", "municipality: Odense"
        ),
    )
    assert run(file).problems == []
    page = StoryPage.objects.get(slug="delt")
    assert page.region.name == "Region Syddanmark"
    assert sorted(m.name for m in page.municipalities.all()) == ["Aalborg", "Hjørring", "Odense"]
    assert StoryPage.objects.filter(municipalities__name="Hjørring").count() == 1


def test_slug_is_derived_from_the_title_when_absent(site, story_dir):
    file = story_dir.write(
        "x.md",
        "title: Småjobs i Ærø og Århus\nmunicipality: Ærø\nmethods: [smaajobs]\ndate: 2020-01-01",
    )
    assert run(file).problems == []
    assert StoryPage.objects.filter(slug="smaajobs-i-aeroe-og-aarhus").exists()


def test_defaults_evidence_level_1_and_status_running(site, story_dir):
    assert run(story_dir.write("x.md", minimal())).problems == []
    page = StoryPage.objects.get()
    assert (page.evidence_level, page.status) == (1, "running")


def test_folder_imports_every_md_file_recursively(site, story_dir):
    story_dir.write("a.md", minimal("a"))
    (story_dir.path / "sub").mkdir()
    story_dir.write("sub/b.md", minimal("b"))
    story_dir.write_raw("notes.txt", "not a story")
    assert run(story_dir.path).problems == []
    assert StoryPage.objects.count() == 2


@pytest.mark.parametrize(
    ("written", "stored", "precision"),
    [
        ("2018-02-01", "2018-02-01", "day"),
        ('"2018-02-01"', "2018-02-01", "day"),
        ("2018-02", "2018-02-01", "month"),
        ("2018", "2018-01-01", "year"),  # YAML reads this as a number
        ('"2018"', "2018-01-01", "year"),
    ],
)
def test_dates_as_precise_as_the_source(site, story_dir, written, stored, precision):
    file = story_dir.write(
        "a.md",
        minimal(
            date=written,
            source=f"{{title: Kilde, author: Ib Ravn, date: {written}}}",
            outcomes=f"[{{indicator: deltagere, value: 3, from: {written}, to: {written}}}]",
        ),
    )
    assert run(file).problems == []
    page = StoryPage.objects.get()
    outcome = page.outcomes.get()
    for value, known in [
        (page.date, page.date_precision),
        (page.source_date, page.source_date_precision),
        (outcome.period_from, outcome.period_from_precision),
        (outcome.period_to, outcome.period_to_precision),
    ]:
        assert (value.isoformat(), known) == (stored, precision)
    assert page.known_date.isoformat() == written.strip('"')
    assert page.source_author == "Ib Ravn"


def test_an_undated_story_a_planned_one_and_qualified_figures(site, story_dir):
    file = story_dir.write(
        "a.md",
        minimal(
            date="undated",
            status="planned",
            outcomes="[{indicator: deltagere, value: 100, qualifier: at_least}, "
            "{indicator: deltagere, value: 100, qualifier: more_than}, "
            "{indicator: investering, value: 30000, qualifier: about}, "
            "{indicator: deltagere, value: 5, qualifier: at_most}, "
            "{indicator: deltagere, value: 7}]",
        ),
    )
    assert run(file).problems == []
    page = StoryPage.objects.get()
    assert (page.date, page.date_text, page.status) == (None, "udateret", "planned")
    assert page.get_status_display() == "Planlagt"
    assert [(o.qualifier, o.figure) for o in page.outcomes.all()] == [
        ("at_least", "mindst 100 deltagere"),
        ("more_than", "over 100 deltagere"),
        ("about", "ca. 30.000 kr."),
        ("at_most", "højst 5 deltagere"),
        ("", "7 deltagere"),
    ]


def test_cost_status_and_inspired_by_within_one_run(site, story_dir):
    original = story_dir.write("a.md", minimal("original"))
    copy = story_dir.write(
        "b.md",
        minimal("kopi", status="scaled", inspired_by="[original]")
        + "\ncost: {amount: 90000, from: 2020-01-01, to: 2020-12-31}"
        + "\noutcomes:\n  - {indicator: ordinaert-job, value: 3, from: 2020-01-01, to: 2020-12-31}",
    )
    assert run(original, copy).problems == []
    kopi = StoryPage.objects.get(slug="kopi")
    assert kopi.status == "scaled"
    assert [i.source.slug for i in kopi.inspirations.all()] == ["original"]
    assert kopi.cost_amount == 90000
    assert kopi.cost_per_person(kopi.outcomes.get()) == 30000


def test_dry_run_writes_nothing(site, story_dir):
    result = run(story_dir.write("a.md", minimal()), dry_run=True)
    assert result.problems == [] and len(result.stories) == 1
    assert not StoryPage.objects.exists()


def test_without_publish_stories_are_drafts_for_review(site, story_dir):
    run(story_dir.write("a.md", minimal()), publish=False)
    page = StoryPage.objects.get()
    assert not page.live
    assert page.latest_revision is not None


# Re-import -----------------------------------------------------------------------
def test_reimport_by_slug_makes_a_new_revision_not_a_duplicate(site, story_dir):
    file = story_dir.write("a.md", minimal(outcomes="[{indicator: deltagere, value: 10}]"))
    run(file)
    page = StoryPage.objects.get()
    revisions = page.revisions.count()
    story_dir.write("a.md", minimal(outcomes="[{indicator: deltagere, value: 12}]"))
    result = run(file)
    assert result.updated == ["test-historie"] and result.created == []
    assert StoryPage.objects.count() == 1
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert [o.value for o in page.outcomes.all()] == [12]
    assert Outcome.objects.count() == 1


def test_reimporting_an_unchanged_file_makes_no_revision(site, story_dir):
    file = story_dir.write(
        "a.md",
        minimal(
            municipalities="[Fredericia]",
            target_groups="[unge-under-30]",
            tags="[bip, Småjobs i Vejle]",
            teaser="Uændret",
            source="{title: Kilde, date: 2018-02, url: 'https://example.org/a'}",
            cost="{amount: 1500.5, from: 2020-01-01, to: 2020-06-30}",
            outcomes="[{indicator: deltagere, value: 10, of: 20, from: 2019-03}, "
            "{indicator: timer-pr-uge, value: 5, value_max: 15, note: pr. uge}]",
        ),
        body="# Overskrift\n\nBrødtekst med **fed**.",
    )
    other = story_dir.write("b.md", minimal("b-historie", inspired_by="[test-historie]"))
    run(file, other)
    page = StoryPage.objects.get(slug="test-historie")
    revisions = page.revisions.count()
    result = run(file, other)
    assert result.unchanged == ["test-historie", "b-historie"]
    assert result.updated == [] and result.created == []
    assert page.revisions.count() == revisions
    # A draft is unchanged too; the live version is then still the one published.
    assert run(file, publish=False).unchanged == ["test-historie"]
    assert page.revisions.count() == revisions
    # One changed character is a change.
    file.write_text(file.read_text().replace("**fed**", "**fedt**"))
    assert run(file).updated == ["test-historie"]
    assert page.revisions.count() == revisions + 1


def test_an_unchanged_draft_is_published_when_asked(site, story_dir):
    file = story_dir.write("a.md", minimal())
    run(file, publish=False)
    result = run(file, publish=True)
    assert result.updated == ["test-historie"] and result.unchanged == []
    assert StoryPage.objects.get().live


def test_reimport_without_publish_leaves_the_live_version_alone(site, story_dir):
    file = story_dir.write("a.md", minimal(teaser="Først"))
    run(file)
    story_dir.write("a.md", minimal(teaser="Senere"))
    run(file, publish=False)
    page = StoryPage.objects.get()
    assert page.teaser == "Først"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().teaser == "Senere"


def test_reimport_moves_a_story_whose_municipality_changes_region(site, story_dir):
    file = story_dir.write("a.md", minimal())
    run(file)
    story_dir.write("a.md", minimal().replace("Vejle", "Aalborg"))
    assert run(file).problems == []
    page = StoryPage.objects.get()
    assert page.get_parent().specific.region.name == "Region Nordjylland"
    assert page.url.startswith("/historier/nordjylland/")


# Refusals ------------------------------------------------------------------------
REFUSALS = [
    # (front matter, expected line, words in the message)
    (minimal().replace("title: Testhistorie test-historie\n", ""), 1, "'title' mangler"),
    (minimal().replace("municipality: Vejle\n", ""), 1, "'municipality' mangler"),
    (minimal().replace("methods: [smaajobs]\n", ""), 1, "'methods' mangler"),
    (minimal().replace("methods: [smaajobs]", "methods: []"), 5, "'methods' mangler"),
    (minimal().replace("date: 2020-05-01", ""), 1, "'date' mangler (skriv 'undated'"),
    (minimal().replace("Vejle", "Vejlle"), 4, "ukendt kommune 'Vejlle'; nærmeste kendte: Vejle"),
    (minimal().replace("Vejle", "999"), 4, "ukendt kommune '999'"),
    (
        minimal().replace("[smaajobs]", "[smajobs]"),
        5,
        "ukendt metode 'smajobs'; nærmeste kendte: smaajobs",
    ),
    (minimal(target_groups="[unge]"), 7, "ukendt målgruppe 'unge'; nærmeste kendte: unge-under-30"),
    (
        minimal(outcomes="\n  - indicator: smaajobs\n    value: 1"),
        8,
        "ukendt indikator 'smaajobs'; nærmeste kendte: smaajob",
    ),
    (minimal().replace("2020-05-01", "2020-02-30"), 6, "ugyldig dato"),
    (minimal().replace("2020-05-01", "1. maj 2020"), 6, "ugyldig dato"),
    (minimal().replace("2020-05-01", "2018-13"), 6, "ugyldig dato i 'date': '2018-13'"),
    (minimal().replace("2020-05-01", "18"), 6, "ugyldig dato i 'date': '18' (brug ÅÅÅÅ-MM-DD"),
    (minimal().replace("2020-05-01", "2018-2"), 6, "ugyldig dato"),
    (minimal().replace("2020-05-01", "2018.5"), 6, "ugyldig dato"),
    (minimal().replace("2020-05-01", "udateret"), 6, "ugyldig dato"),
    (minimal(source="{date: 2018-00}"), 7, "ugyldig dato i 'source.date': '2018-00'"),
    (
        minimal(outcomes="\n  - indicator: deltagere\n    value: 3\n    to: 2019-02-29"),
        10,
        "ugyldig dato i 'outcomes[1].to'",
    ),
    (
        minimal(
            outcomes="\n  - indicator: ordinaert-job\n    value: 3"
            "\n    from: 2019-05\n    to: 2019-03"
        ),
        10,
        "from (2019-05) ligger efter to (2019-03)",
    ),
    (
        minimal(outcomes="\n  - indicator: ordinaert-job\n    value: 3\n    qualifier: cirka"),
        10,
        "ukendt qualifier 'cirka'; brug en af: at_least, more_than, about, at_most",
    ),
    (
        minimal(outcomes="\n  - indicator: timer-pr-uge\n    value: 15\n    value_max: 5"),
        10,
        "value_max (5) er mindre end value (15)",
    ),
    (
        minimal(outcomes="\n  - indicator: ordinaert-job\n    value: 34\n    of: 19"),
        10,
        "of (19) er mindre end value (34)",
    ),
    (
        minimal(
            outcomes="\n  - indicator: ordinaert-job\n    value: 3"
            "\n    from: 2020-02-01\n    to: 2020-01-01"
        ),
        10,
        "from (2020-02-01) ligger efter to (2020-01-01)",
    ),
    (
        minimal(outcomes="\n  - indicator: ordinaert-job\n    value: -1"),
        9,
        "value skal være et tal >= 0",
    ),
    (minimal(outcomes="\n  - indicator: ordinaert-job\n    value: mange"), 9, "skal være et tal"),
    (minimal(outcomes="\n  - indicator: ordinaert-job"), 8, "value mangler"),
    (minimal(outcomes="\n  - value: 3"), 8, "indicator mangler"),
    (
        minimal(status="paused"),
        7,
        "ukendt status 'paused'; brug en af: planned, running, scaled, stopped",
    ),
    (
        minimal(inspired_by="[findes-ikke]"),
        7,
        "'findes-ikke' findes hverken i portalen eller i denne kørsel",
    ),
    (minimal(evidence_level="6"), 7, "evidence_level skal være et helt tal fra 1 til 5"),
    (minimal(teaser="x" * 501), 7, "teaser"),
    (
        minimal(x="!!python/object/apply:os.system [echo]"),
        7,
        "tags, der konstruerer objekter, afvises",
    ),
    (minimal(x="!!python/name:os.system"), 7, "afvises"),
    (minimal() + "\ntitle: igen", 7, "står mere end én gang"),
    (minimal(methodz="[smaajobs]"), 7, "ukendt felt 'methodz'; mente du 'methods'?"),
    (minimal(source="{url: 'javascript:alert(1)'}"), 7, "URL skal begynde med http"),
    ("title: [unclosed", 2, "ugyldig YAML"),
    (minimal(teaser='"a\\x00b"'), 7, "NUL-tegn"),
    (minimal(tags="{a: 1}"), 7, "skal være en liste"),
    (minimal(contact="Birgit"), 7, "skal have underfelter"),
    (minimal(outcomes="[{indicator: deltagere, value: 3, of: 1.5}]"), 7, "helt tal"),
    (minimal(outcomes="[{indicator: deltagere, value: .nan}]"), 7, "endeligt tal"),
    (minimal(outcomes="[{indicator: deltagere, value: 100000000000000000}]"), 7, "for stort"),
    (minimal(cost="{amount: 5, from: 2021-01-01, to: 2020-01-01}"), 7, "ligger efter"),
    # Aliases are refused at the first anchor: nine levels of them would be 9^9 values.
    (minimal(partners="&p [a]", tags="*p"), 7, "YAML-ankre (&p) er ikke tilladt"),
    (minimal(tags="*p"), 7, "YAML-aliaser (*p) er ikke tilladt"),
    (
        minimal(x="&a [1]")
        + "".join(
            f"\nx{n}: &a{n} [*a{n - 1 if n > 1 else ''}, *a{n - 1 if n > 1 else ''}]"
            for n in range(1, 10)
        ),
        7,
        "YAML-ankre (&a) er ikke tilladt",
    ),
    # Deep nesting is a FILE:LINE message, not Python's recursion limit.
    (minimal(tags="[" * 3000 + "]" * 3000), 7, "indlejret mere end 20 niveauer"),
    (minimal(x="\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 2000))), 26, "indlejret"),
]


@pytest.mark.parametrize(("front_matter", "line", "words"), REFUSALS)
def test_each_refusal_names_file_line_and_problem(site, story_dir, front_matter, line, words):
    file = story_dir.write("bad.md", front_matter)
    result = run(file)
    assert any(
        message.startswith(f"{file}:{line}: ") and words in message for message in messages(result)
    ), messages(result)
    assert not StoryPage.objects.exists()


def test_a_period_compares_what_both_ends_know(site, story_dir):
    # From March 2018 to some day in 2018 may run forwards; so may 2018 to January 2018.
    file = story_dir.write(
        "a.md",
        minimal(
            outcomes="[{indicator: deltagere, value: 3, from: 2018-03, to: 2018}, "
            "{indicator: deltagere, value: 4, from: 2018, to: 2018-01-31}]"
        ),
    )
    assert run(file).problems == []
    assert [o.period_text for o in Outcome.objects.order_by("sort_order")] == [
        "marts 2018 – 2018",
        "2018 – 31. januar 2018",
    ]


def test_no_front_matter(site, story_dir):
    file = story_dir.write_raw("plain.md", "# Bare Markdown\n\nIngen felter.\n")
    assert messages(run(file)) == [
        f"{file}:1: ingen front matter: filen skal begynde med en "
        "linje '---', YAML-felterne og en afsluttende linje '---'"
    ]


def test_unclosed_front_matter(site, story_dir):
    file = story_dir.write_raw("open.md", "---\ntitle: x\n")
    assert "ingen front matter" in messages(run(file))[0]


def test_invalid_utf8_names_the_line(site, story_dir):
    content = ("---\n" + minimal() + "\n---\nLinje et\n").encode() + b"caf\xe9\n"
    file = story_dir.write_raw("latin1.md", content)
    assert messages(run(file)) == [f"{file}:9: filen er ikke gyldig UTF-8 (byte 0xe9)"]


def test_raw_nul_in_the_body(site, story_dir):
    file = story_dir.write_raw("nul.md", "---\n" + minimal() + "\n---\nLinje\nmed \x00 NUL\n")
    assert messages(run(file)) == [f"{file}:9: filen indeholder NUL-tegn"]


def test_two_files_with_the_same_slug_in_one_run(site, story_dir):
    first = story_dir.write("a.md", minimal("samme"))
    second = story_dir.write("b.md", minimal("samme"))
    result = run(first, second)
    assert messages(result) == [f"{second}:3: slug 'samme' bruges også af {first} i samme kørsel"]
    assert not StoryPage.objects.exists()


def test_a_run_with_one_bad_file_writes_nothing(site, story_dir):
    for number in range(3):
        story_dir.write(f"good{number}.md", minimal(f"god-{number}"))
    story_dir.write("bad.md", minimal("daarlig").replace("Vejle", "Atlantis"))
    result = run(story_dir.path)
    assert len(result.problems) == 1
    assert not StoryPage.objects.exists()
    assert not Outcome.objects.exists()


def test_every_problem_of_every_file_is_reported(site, story_dir):
    story_dir.write("a.md", minimal("a", status="x", evidence_level="9"))
    story_dir.write("b.md", minimal("b").replace("Vejle", "Atlantis"))
    result = run(story_dir.path)
    assert len(result.problems) == 3
    assert {p.file.rsplit("/", 1)[-1] for p in result.problems} == {"a.md", "b.md"}


def test_a_failure_while_writing_rolls_back_the_whole_run(site, story_dir, monkeypatch):
    from storyfiles import story_files as importer

    story_dir.write("a.md", minimal("a"))
    story_dir.write("b.md", minimal("b"))
    calls = []
    original = importer._apply

    def fail_on_second(page, story):
        calls.append(story.slug)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(page, story)

    monkeypatch.setattr(importer, "_apply", fail_on_second)
    with pytest.raises(RuntimeError):
        run(story_dir.path)
    assert not StoryPage.objects.exists()


def test_command_exits_non_zero_without_traceback(site, story_dir, capsys):
    file = story_dir.write("bad.md", minimal().replace("Vejle", "Atlantis"))
    with pytest.raises(CommandError, match="intet er skrevet"):
        call_command("import_stories", str(file))
    assert f"{file}:4: ukendt kommune 'Atlantis'" in capsys.readouterr().err


def test_command_missing_path(site, capsys):
    with pytest.raises(CommandError):
        call_command("import_stories", "/does/not/exist")
    assert "/does/not/exist:1: filen eller mappen findes ikke" in capsys.readouterr().err


def test_command_reports_created_and_updated(site, story_dir, capsys):
    file = story_dir.write("a.md", minimal())
    call_command("import_stories", str(file), "--publish")
    call_command("import_stories", str(file), "--publish")
    file.write_text(file.read_text().replace("Brødtekst", "Ny brødtekst"))
    call_command("import_stories", str(file), "--publish")
    out = capsys.readouterr().out
    assert "1 nye, 0 opdateret med en ny revision, 0 uændret" in out
    assert "0 nye, 0 opdateret med en ny revision, 1 uændret (ingen ny revision)" in out
    assert "0 nye, 1 opdateret med en ny revision, 0 uændret" in out


def test_without_the_page_tree_the_import_says_to_build_it_and_writes_nothing(site, story_dir):
    RegionPage.objects.filter(region__code="1083").delete()  # Syddanmark, Vejle's region
    file = story_dir.write("a.md", minimal())
    result = run(file)
    assert messages(result) == [
        f"{file}:4: sidetræet har intet afsnit for Region Syddanmark: kør "
        "'python manage.py setup_portal' (eller 'make run') først"
    ]
    assert not StoryPage.objects.exists()
