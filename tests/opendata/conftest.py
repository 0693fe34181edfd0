from tests.conftest import corpus_fixtures, front_matter

# A small corpus with what the filters need told apart: places in three regions, one
# story shared by two municipalities, story-level and outcome-level target groups,
# every evidence level used, rates, ranges and a decimal.
CORPUS = {
    "holbaek-job": front_matter(
        "holbaek-job",
        municipality="Holbæk",  # 316, Region Sjælland 1085
        methods="[eksterne-leverandoerer]",
        target_groups="[kontanthjaelp-aktivitetsparate]",
        evidence_level="2",
        date="2019-08-15",
        teaser="Leverandøren får kun betaling, når borgeren kommer i job.",
        source="{title: Betaling for job, url: 'https://example.org/holbaek'}",
        outcomes="[{indicator: job-eller-uddannelse, value: 34, of: 190, "
        "from: 2019-04-01, to: 2019-08-15}, {indicator: deltagere, value: 190}]",
    ),
    "vejle-sj": front_matter(
        "vejle-sj",
        municipality="Vejle",  # 630, Region Syddanmark 1083
        methods="[smaajobs, haandholdt-vejledning]",
        target_groups="[kontanthjaelp-aktivitetsparate]",
        evidence_level="2",
        date="2018-02-01",
        source="{title: Skab småjobs, publisher: Vejlederforum, date: 2018-02-01}",
        outcomes="[{indicator: smaajob, value: 70, to: 2018-02-01}, "
        "{indicator: timer-pr-uge, value: 5, value_max: 15}]",
    ),
    "aarhus-unge": front_matter(
        "aarhus-unge",
        municipality="Aarhus",  # 751, Region Midtjylland 1082
        methods="[virksomhedspraktik]",
        target_groups="[unge-under-30, langtidsledige]",
        evidence_level="3",
        date="2020-03-01",
        outcomes="[{indicator: ordinaert-job, value: 3, of: 12, target_group: unge-under-30}]",
    ),
    "odense-delt": front_matter(
        "odense-delt",
        municipality="Odense",  # 461, Region Syddanmark 1083
        municipalities="[Middelfart]",  # 410
        methods="[smaajobs, coaching]",
        evidence_level="1",
        date="2021-01-01",
        outcomes="[{indicator: timer-pr-uge, value: 7.5}]",
    ),
    "skanderborg-uden": front_matter(
        "skanderborg-uden",
        municipality="Skanderborg",
        methods="[erhvervsmentorer]",
        date="2017-01-01",
    ),
}


corpus, shared_corpus = corpus_fixtures(
    {slug: (matter, "Brødtekst.") for slug, matter in CORPUS.items()}
)
