"""Places and controlled vocabulary: the terms stories are tagged and measured with."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from ..validation import url_problems


class Region(models.Model):
    code = models.CharField(_("kode"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        return self.name.removeprefix("Region ")


class Municipality(index.Indexed, models.Model):
    code = models.CharField(_("kommunekode"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class Vocabulary(index.Indexed, models.Model):
    """A term of the controlled vocabulary, editable as a snippet.

    The slug is what story files and URLs use, so it cannot change once saved; editors
    rename a term through its name and retire it with `active`.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    aliases = models.TextField(
        _("synonymer"), blank=True, help_text=_("Ét synonym pr. linje, fx “få timer”.")
    )
    active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("Et udgået begreb vises stadig på de historier, der bruger det."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("aliases"),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("aliases"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        if self.pk:
            saved_slug = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True)
            if saved_slug and saved_slug[0] != self.slug:
                raise ValidationError(
                    {"slug": _("En slug kan ikke ændres, når den er gemt: historier bruger den.")}
                )


class Method(Vocabulary):
    research_note = RichTextField(
        _("forskningsnote"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Hvad forskningen siger om metoden, fx Jobeffekters vurdering. Vises på "
            "metodens side og, forkortet, på dens felt i metodeoversigten."
        ),
    )
    research_link = models.URLField(_("link til forskning"), blank=True)
    research_link_title = models.CharField(_("linkets titel"), max_length=200, blank=True)

    panels = Vocabulary.panels + [
        MultiFieldPanel(
            [
                FieldPanel("research_note"),
                FieldPanel("research_link"),
                FieldPanel("research_link_title"),
            ],
            heading=_("Forskning"),
        ),
    ]

    class Meta(Vocabulary.Meta):
        verbose_name = _("metode")
        verbose_name_plural = _("metoder")

    def clean(self) -> None:
        super().clean()
        problems = url_problems(self.research_link, "research_link")
        if problems:
            raise ValidationError(dict(problems))


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")


class Indicator(Vocabulary):
    class Unit(models.TextChoices):
        PERSONS = "persons", _("personer")
        COUNT = "count", _("antal")
        PERCENT = "percent", _("procent")
        HOURS = "hours", _("timer")
        KRONER = "kroner", _("kroner")

    unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices)
    display_unit = models.CharField(
        _("enhed som vist"),
        max_length=40,
        blank=True,
        help_text=_("Vises efter tallet, fx “timer pr. uge” eller “kr.”."),
    )

    panels = (
        Vocabulary.panels[:2]
        + [FieldPanel("unit"), FieldPanel("display_unit")]
        + (Vocabulary.panels[2:])
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    @property
    def counts_persons(self) -> bool:
        return self.unit == self.Unit.PERSONS

    @property
    def takes_base(self) -> bool:
        """A base (“af N”) makes sense only for things counted, not for hours or kroner."""
        return self.unit in (self.Unit.PERSONS, self.Unit.COUNT)
