"""What each evidence level means, in plain Danish: the one place the words of the page
"Om evidensniveauerne" and of every evidence badge come from, so they never drift."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import StoryPage

Level = StoryPage.EvidenceLevel


@dataclass(frozen=True)
class EvidenceLevelExplained:
    level: int
    summary: Promise  # one sentence: how the result was found
    tells: Promise  # what a practitioner can conclude
    does_not_tell: Promise  # what they cannot
    example: Promise  # the kind of story that sits at this level

    @property
    def name(self) -> str:
        return Level(self.level).label

    @property
    def anchor(self) -> str:
        """The level's place on the page, `#niveau-3`, which its badges link to."""
        return f"niveau-{self.level}"


EVIDENCE_LEVELS = [
    EvidenceLevelExplained(
        Level.ONE_CASE,
        _("Jobcentret fortæller, hvad det gjorde, og hvordan det gik, uden at have talt op."),
        _(
            "At noget kan lade sig gøre, og hvordan de bar sig ad. Det giver idéer og en "
            "kontakt, man kan ringe til."
        ),
        _(
            "Hvor mange det hjalp, og om det ville virke for andre borgere eller i en "
            "anden kommune."
        ),
        _(
            "En virksomhedskonsulent fortæller om en borger, der fik et par timer om ugen "
            "på et lager og siden flere."
        ),
    ),
    EvidenceLevelExplained(
        Level.LOCAL_COUNT,
        _("Jobcentret har selv talt, hvor mange der var med, og hvor mange der fx fik job."),
        _("Hvor mange borgere indsatsen nåede, og hvor mange der kom videre."),
        _(
            "Om de var kommet videre alligevel. Tallet har ikke noget at blive sammenlignet "
            "med, og andre jobcentre tæller måske på en anden måde."
        ),
        _(
            "Et jobcenter har talt, hvor mange af deltagerne i et forløb der fik småjobs "
            "eller ordinært job undervejs."
        ),
    ),
    EvidenceLevelExplained(
        Level.BEFORE_AFTER,
        _(
            "Det samme er målt før og efter indsatsen, eller tallene kommer fra offentlige "
            "registre, så de er talt ens og kan følges over tid."
        ),
        _("Om noget ændrede sig for deltagerne, målt på en fast måde."),
        _(
            "Om det var indsatsen, der gjorde forskellen. Bedre tider på arbejdsmarkedet, nye "
            "regler eller andre indsatser kan også have flyttet tallet."
        ),
        _(
            "Deltagernes tid på offentlig forsørgelse året før og året efter forløbet, "
            "hentet fra registrene."
        ),
    ),
    EvidenceLevelExplained(
        Level.COMPARISON,
        _(
            "Deltagerne er sammenlignet med lignende borgere, der ikke fik indsatsen: en "
            "kontrolgruppe."
        ),
        _("Et skøn over, hvad indsatsen gjorde ud over det, der ville være sket alligevel."),
        _(
            "Om grupperne var forskellige fra starten. Meldte de mest motiverede sig selv, "
            "ser indsatsen bedre ud, end den er."
        ),
        _(
            "Deltagerne er sammenlignet med borgere med samme alder, ydelse og tid som "
            "ledige, fra en kommune uden indsatsen."
        ),
    ),
    EvidenceLevelExplained(
        Level.RANDOMISED,
        _("Lodtrækning afgjorde, hvem der fik indsatsen, og hvem der fik den sædvanlige hjælp."),
        _(
            "Med størst sikkerhed, om indsatsen virkede for de borgere, der var med: "
            "grupperne adskilte sig kun ved lodtrækningen."
        ),
        _(
            "Om den virker på samme måde i en anden kommune, for en anden målgruppe eller "
            "på et andet tidspunkt."
        ),
        _(
            "Et forsøg, hvor ledige ved lodtrækning fik ekstra samtaler eller de "
            "sædvanlige, og hvor begge grupper blev fulgt i registrene."
        ),
    ),
]

EXPLAINED = {explained.level: explained for explained in EVIDENCE_LEVELS}
