"""The controlled vocabulary every installation ships (story-format.md).

Loaded once by a data migration; editors may then rename, describe and retire terms in
the admin. A slug once shipped keeps working, so slugs are never changed here.
"""

# (slug, name, description, aliases)
METHODS = [
    (
        "smaajobs",
        "Småjobs",
        "Få lønnede timer på ordinære vilkår.",
        ["småjob", "småjobs", "få timer", "lønnede timer", "små job", "timer på ordinære vilkår"],
    ),
    (
        "haandholdt-vejledning",
        "Håndholdt vejledning og tæt opfølgning",
        "",
        ["håndholdt indsats", "tæt opfølgning", "tæt kontakt"],
    ),
    (
        "erhvervsmentorer",
        "Erhvervsmentorkorps",
        "",
        ["erhvervsmentor", "virksomhedsmentor", "mentorkorps"],
    ),
    (
        "frivillige-mentorer",
        "Frivilligt mentorkorps og rollemodeller",
        "",
        ["frivillig mentor", "frivillige", "rollemodel"],
    ),
    (
        "virksomhedspraktik",
        "Virksomhedspraktik med jobperspektiv",
        "",
        ["praktik", "praktikplads", "virksomhedspraktik"],
    ),
    ("loentilskud", "Løntilskud", "", ["løntilskudsjob", "job med løntilskud"]),
    (
        "tvaerfagligt-team",
        "Tværfagligt team",
        "Jobcoach, psykolog, fysioterapeut.",
        ["jobcoach", "psykolog", "fysioterapeut", "tværfaglig indsats"],
    ),
    (
        "rehabiliteringsteam",
        "Rehabiliteringsteam og samarbejde med læger",
        "",
        ["rehabiliteringsteamet", "lægesamarbejde", "praktiserende læger"],
    ),
    (
        "eksterne-leverandoerer",
        "Eksterne leverandører med resultatbaseret afregning",
        "",
        ["anden aktør", "andre aktører", "leverandør", "resultatløn", "resultatbaseret afregning"],
    ),
    (
        "virksomhedspartnerskab",
        "Faste pladser i private virksomheder",
        "",
        ["partnerskab", "virksomhedspartnerskab", "faste pladser"],
    ),
    (
        "gradvis-optrapning",
        "Gradvis optrapning fra få timer",
        "",
        ["optrapning", "gradvis opstart", "flere timer"],
    ),
    (
        "progressionsmaaling",
        "Progressionsmåling",
        "",
        ["progression", "progressionsskema", "måling af progression"],
    ),
    (
        "praktikworkshop",
        "Workshop: find selv en praktikplads",
        "",
        ["workshop", "find selv praktik", "selvfundet praktik"],
    ),
    (
        "integrationsforloeb",
        "Integrationsforløb i en privat virksomhed",
        "",
        ["integration", "integrationsforløb", "sprogpraktik"],
    ),
    ("fleksjobambassadoerer", "Fleksjobambassadører", "", ["fleksjobambassadør", "fleksjob"]),
    ("ressourceforloeb", "Ressourceforløb", "", ["ressourceforløb"]),
    (
        "coaching",
        "Coaching og den professionelle samtale",
        "",
        ["coach", "samtale", "den professionelle samtale"],
    ),
    (
        "sundhedskoordinering",
        "Sundhed og beskæftigelse koordineret",
        "",
        ["sundhed", "sundhedskoordinator", "sundhedsindsats"],
    ),
    (
        "samlet-ungeindsats",
        "Samlet ungeindsats under ét tag",
        "",
        ["ungehus", "ungeindsats", "unge under ét tag"],
    ),
    (
        "digitalisering",
        "Digitale arbejdsgange i jobcentret",
        "",
        ["digital", "digitale arbejdsgange", "selvbetjening"],
    ),
    (
        "politisk-ejerskab",
        "Politisk ejerskab og investeringsstrategi",
        "",
        ["investeringsstrategi", "politisk ejerskab", "investering"],
    ),
    (
        "erfaringsdeling",
        "Erfaringsdeling og gode historier",
        "",
        ["gode historier", "erfaringsudveksling", "videndeling"],
    ),
]

# (slug, name, description, aliases)
TARGET_GROUPS = [
    (
        "kontanthjaelp-aktivitetsparate",
        "Aktivitetsparate kontanthjælpsmodtagere",
        "",
        ["aktivitetsparate", "kontanthjælp"],
    ),
    (
        "kontanthjaelp-jobparate",
        "Jobparate kontanthjælpsmodtagere",
        "",
        ["jobparate", "kontanthjælp"],
    ),
    ("unge-under-30", "Unge under 30", "", ["unge", "uddannelseshjælp"]),
    ("forsikrede-ledige", "Forsikrede ledige", "", ["dagpenge", "dagpengemodtagere"]),
    ("sygemeldte", "Sygemeldte", "", ["sygedagpenge", "sygemelding"]),
    (
        "ressourceforloeb-fleksjob",
        "Borgere i ressourceforløb og fleksjobvisiterede",
        "",
        ["fleksjobvisiterede", "ressourceforløb", "ledighedsydelse"],
    ),
    (
        "flygtninge-indvandrere",
        "Flygtninge og indvandrere",
        "",
        ["flygtninge", "indvandrere", "integrationsydelse", "starthjælp"],
    ),
    ("langtidsledige", "Langtidsledige", "", ["passive", "langvarigt ledige"]),
]

# (slug, name, unit, display unit, aliases)
INDICATORS = [
    ("deltagere", "Deltagere i forløb", "persons", "deltagere", ["deltagere"]),
    ("ordinaert-job", "I ordinært job", "persons", "personer", ["job", "ordinært job"]),
    (
        "job-eller-uddannelse",
        "I job eller uddannelse",
        "persons",
        "personer",
        ["job eller uddannelse"],
    ),
    ("uddannelse", "Startet uddannelse", "persons", "personer", ["uddannelse"]),
    ("smaajob", "I småjob eller lønnede timer", "persons", "personer", ["småjob", "lønnede timer"]),
    ("fleksjob", "I fleksjob", "persons", "personer", ["fleksjob"]),
    ("loentilskudsjob", "I løntilskudsjob", "persons", "personer", ["løntilskud"]),
    ("fuldtid", "I fuldtidsbeskæftigelse", "persons", "personer", ["fuld tid", "fuldtid"]),
    ("selvforsoergelse", "Selvforsørgende", "persons", "personer", ["selvforsørgelse"]),
    (
        "virksomhedspraktikker",
        "Virksomhedspraktikker etableret",
        "count",
        "praktikker",
        ["praktikker", "praktikpladser"],
    ),
    (
        "selv-fundet-praktik",
        "Har selv fundet praktikplads",
        "percent",
        "%",
        ["selv fundet praktik"],
    ),
    ("timer-pr-uge", "Lønnede timer pr. uge", "hours", "timer pr. uge", ["timer om ugen"]),
    ("mentorer", "Aktive mentorer", "count", "mentorer", ["mentorer"]),
    ("investering", "Investering", "kroner", "kr.", ["investering", "kroner"]),
]
