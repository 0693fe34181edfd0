"""Names in Danish alphabetical order (stories.names.danish_sort_key): a–z, then æ, ø, å,
with "aa" as å. Python's and SQLite's own order put Å before Æ and Aarhus first."""

from stories.names import danish_sort_key, in_danish_order
from tests.conftest import REPO


def danish(names: list[str]) -> list[str]:
    return sorted(names, key=danish_sort_key)


def test_ae_oe_aa_come_after_z_in_that_order():
    assert danish(["Åbyhøj", "Ølstykke", "Ærø", "Zealand", "Vejle"]) == [
        "Vejle",
        "Zealand",
        "Ærø",
        "Ølstykke",
        "Åbyhøj",
    ]
    # Python's code-point order is not Danish: Å (U+00C5) before Æ (U+00C6).
    assert sorted(["Ærø", "Åbyhøj"]) == ["Åbyhøj", "Ærø"]


def test_aa_is_filed_as_aa_wherever_it_stands():
    # Aabenraa, Aalborg and Aarhus come after Ærø, not first; Faaborg after Furesø.
    region = ["Aabenraa", "Assens", "Ærø", "Faaborg-Midtfyn", "Fanø", "Furesø", "Vejle"]
    assert danish(region) == [
        "Assens",
        "Fanø",
        "Furesø",
        "Faaborg-Midtfyn",
        "Vejle",
        "Ærø",
        "Aabenraa",
    ]
    assert danish(["Aarhus", "Aalborg", "Åbo", "Aabenraa"]) == [
        "Aabenraa",
        "Åbo",
        "Aalborg",
        "Aarhus",
    ]


def test_case_and_accents_are_set_aside():
    assert danish(["odense", "Nyborg", "Émile", "Esbjerg", "Egedal"]) == [
        "Egedal",
        "Émile",
        "Esbjerg",
        "Nyborg",
        "odense",
    ]
    # ä is filed as æ, ö as ø, ü as y (Danish usage, as in CLDR).
    assert danish(["Öresund", "Ølsted", "Zürich", "Åby"]) == ["Zürich", "Ølsted", "Öresund", "Åby"]
    assert danish(["Tzar", "Tüsk", "Tvis"]) == ["Tvis", "Tüsk", "Tzar"]
    # An å written as a and a combining ring is the letter å.
    assert danish(["A\u030abo", "Ærø", "Zealand"]) == ["Zealand", "Ærø", "A\u030abo"]


def test_a_dash_or_space_comes_before_any_letter_and_digits_before_letters():
    assert danish(["Høje-Taastrup", "Højer", "Hørsholm"]) == ["Høje-Taastrup", "Højer", "Hørsholm"]
    assert danish(["Brønderslev", "Brøndby"]) == ["Brøndby", "Brønderslev"]
    assert danish(["B-hold", "225-timers-reglen", "3F"]) == ["225-timers-reglen", "3F", "B-hold"]


def test_the_98_municipalities_in_danish_order():
    lines = (REPO / "stories" / "data" / "municipalities.csv").read_text().splitlines()[1:]
    names = [line.split(",")[1] for line in lines]
    ordered = danish(names)
    assert ordered[:3] == ["Albertslund", "Allerød", "Assens"]
    assert ordered[-4:] == ["Ærø", "Aabenraa", "Aalborg", "Aarhus"]
    assert ordered.index("Faaborg-Midtfyn") == ordered.index("Furesø") + 1
    assert ordered.index("Tårnby") == ordered.index("Tønder") + 1


def test_in_danish_order_sorts_things_by_their_names():
    class Place:
        def __init__(self, name):
            self.name = name

    places = [Place("Aarhus"), Place("Odder"), Place("Ærø")]
    assert [p.name for p in in_danish_order(places)] == ["Odder", "Ærø", "Aarhus"]
    assert in_danish_order(["b", "a"], name=str) == ["a", "b"]
