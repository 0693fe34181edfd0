"""The case story and its measured outcomes."""

from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import StoryBodyBlock
from ..formatting import (
    format_date,
    format_kroner,
    format_percent,
    format_period,
    format_qualified,
    format_range,
    format_story_date,
    unit_for,
)
from ..forms import StoryPageForm
from ..names import in_danish_order
from ..precision import DatePrecision, PartialDate, Qualifier, covers_same_days
from ..validation import (
    cost_problems,
    inspiration_problems,
    outcome_problems,
    url_problems,
)
from ..widgets import FigureInput, IndicatorSelect, MunicipalityCheckboxes
from .vocabulary import Indicator, Method, Municipality, TargetGroup

# Validation speaks the story-file's field names; the admin form has the model's.
_OUTCOME_FIELD = {"from": "period_from", "to": "period_to"}
# A card's thumbnail of the story's first body image: 16:9, small enough for a grid.
CARD_IMAGE_FILTER = "fill-480x270|format-webp"
# How many related stories a story page offers: a few ways on, not a second list.
RELATED_STORIES = 4


def precision_field(verbose_name: str = "", help_text: str = "") -> models.CharField:
    """How much of the date beside it is known; the date keeps only that part."""
    return models.CharField(
        verbose_name or _("kendt til"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=help_text,
    )


def keep_known_part(instance: models.Model, date_field: str, precision_field: str) -> None:
    """The date as the first day of what is known (2018-02-17 known to the month is
    stored as 2018-02-01), so nothing stored claims more than its precision."""
    known = PartialDate.of(getattr(instance, date_field), getattr(instance, precision_field))
    if known is not None:
        setattr(instance, date_field, known.first_day)


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryQuerySet(PageQuerySet):
    def newest_first(self) -> "StoryQuerySet":
        """Newest story date first, a partial date as its first day, equal dates newest
        story first, undated stories last on every database (stories.precision)."""
        return self.order_by(F("date").desc(nulls_last=True), "-pk")

    def for_cards(self) -> "StoryQuerySet":
        """Published, public stories with what a card shows, in a fixed number of queries."""
        return (
            self.live()
            .public()
            .with_card_images()
            .select_related("municipality__region")
            .prefetch_related(
                "methods__page",
                Prefetch("outcomes", queryset=Outcome.objects.select_related("indicator")),
            )
        )

    def related_to(
        self, story: "StoryPage", leave_out: Iterable[int] = (), limit: int = RELATED_STORIES
    ) -> "StoryQuerySet":
        """The stories most like `story`, most alike first: those sharing more of its
        methods, then more of its target groups, then those in its region, then the
        newest. A story sharing none of the three is not related, and `story` itself and
        `leave_out` (those shown beside it already) are left out. One query, ordered and
        cut in the database: the counts are correlated subqueries on the indexed link
        tables, so no candidate is fetched to be weighed in Python."""
        method_ids = [method.pk for method in story.methods.all()]
        group_ids = [group.pk for group in story.target_groups.all()]
        left_out = [pk for pk in (story.pk, *leave_out) if pk is not None]
        shared_methods = _shared_count(StoryPage.methods.through, "method_id", method_ids)
        shared_groups = _shared_count(StoryPage.target_groups.through, "targetgroup_id", group_ids)
        same_region = Case(
            When(municipality__region_id=story.municipality.region_id, then=Value(1)),
            default=Value(0),
        )
        return (
            self.exclude(pk__in=left_out)
            .annotate(
                shared_methods=shared_methods, shared_groups=shared_groups, same_region=same_region
            )
            .filter(Q(shared_methods__gt=0) | Q(shared_groups__gt=0) | Q(same_region=1))
            .order_by(
                "-shared_methods",
                "-shared_groups",
                "-same_region",
                F("date").desc(nulls_last=True),
                "-pk",
            )[:limit]
        )

    def with_card_images(self) -> "StoryQuerySet":
        """Each story's card image with its thumbnail (`card_rendition`), in one query more."""
        renditions = get_image_model().get_rendition_model().objects
        return self.select_related("card_image").prefetch_related(
            Prefetch(
                "card_image__renditions", queryset=renditions.filter(filter_spec=CARD_IMAGE_FILTER)
            )
        )


def _shared_count(link_model: type[models.Model], term_field: str, term_ids: list[int]):
    """How many of these terms a story has (0 for none), as a correlated subquery on the
    link table of a story's terms."""
    if not term_ids:
        return Value(0)
    links = (
        link_model.objects.filter(storypage_id=OuterRef("pk"), **{f"{term_field}__in": term_ids})
        .order_by()
        .values("storypage_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    return Coalesce(Subquery(links, output_field=models.IntegerField()), Value(0))


StoryPageManager = PageManager.from_queryset(StoryQuerySet)


class StoryPage(Page):
    class EvidenceLevel(models.IntegerChoices):
        ONE_CASE = 1, _("Én fortalt case")
        LOCAL_COUNT = 2, _("Lokal optælling")
        BEFORE_AFTER = 3, _("Før/efter-måling eller registerdata")
        COMPARISON = 4, _("Sammenligning med en kontrolgruppe")
        RANDOMISED = 5, _("Lodtrækningsforsøg")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        RUNNING = "running", _("I gang")
        SCALED = "scaled", _("Udbredt til flere")
        STOPPED = "stopped", _("Stoppet")

    teaser = models.TextField(_("teaser"), max_length=500, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="lead_stories",
        verbose_name=_("kommune"),
        help_text=_("Den kommune, historien hører til; den afgør regionen."),
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        related_name="stories",
        blank=True,
        verbose_name=_("alle kommuner"),
        help_text=_("Alle kommuner, der deler historien; kommunen ovenfor tælles altid med."),
    )
    methods = ParentalManyToManyField(Method, related_name="stories", verbose_name=_("metoder"))
    target_groups = ParentalManyToManyField(
        TargetGroup, related_name="stories", blank=True, verbose_name=_("målgrupper")
    )
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("nøgleord"))
    date = models.DateField(
        _("dato"),
        null=True,
        blank=True,
        help_text=_("Hvornår historien blev fortalt. Tom, hvis historien er udateret."),
    )
    date_precision = precision_field(
        help_text=_("Ved måned eller år gemmes kun måneden eller året.")
    )
    evidence_level = models.PositiveSmallIntegerField(
        _("evidensniveau"), choices=EvidenceLevel.choices, default=EvidenceLevel.ONE_CASE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    partners = models.TextField(_("partnere"), blank=True, help_text=_("Én pr. linje."))
    source_title = models.CharField(_("kildens titel"), max_length=300, blank=True)
    source_author = models.CharField(_("forfatter"), max_length=200, blank=True)
    source_publisher = models.CharField(_("udgiver"), max_length=200, blank=True)
    source_date = models.DateField(_("kildens dato"), null=True, blank=True)
    source_date_precision = precision_field()
    source_url = models.URLField(_("kildens adresse"), max_length=500, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("stilling"), max_length=300, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    cost_amount = models.DecimalField(
        _("udgift i kr."), max_digits=14, decimal_places=2, null=True, blank=True
    )
    cost_from = models.DateField(_("udgift fra"), null=True, blank=True)
    cost_to = models.DateField(_("udgift til"), null=True, blank=True)
    cost_note = models.CharField(_("note om udgiften"), max_length=300, blank=True)
    body = StreamField(StoryBodyBlock(), blank=True, verbose_name=_("brødtekst"))
    # The body's first image and its alt text, kept by save() so that a list of cards
    # needs no body; not for editors, who choose images in the body.
    card_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The body refers to the image already; this copy is not a second use of it.
    card_image.wagtail_reference_index_ignore = True
    card_image_alt = models.CharField(max_length=250, blank=True, editable=False)

    objects = StoryPageManager()
    base_form_class = StoryPageForm

    parent_page_types = ["browse.RegionPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("municipalities", widget=MunicipalityCheckboxes),
                FieldPanel("methods", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
                FieldRowPanel([FieldPanel("evidence_level"), FieldPanel("status")]),
            ],
            heading=_("Emne og sted"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("cost_amount"),
                FieldRowPanel([FieldPanel("cost_from"), FieldPanel("cost_to")]),
                FieldPanel("cost_note"),
            ],
            heading=_("Udgift"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("partners"),
                # Wagtail's page chooser: search among all the stories, not a 10,000-line list.
                MultipleChooserPanel(
                    "inspirations",
                    chooser_field_name="source",
                    heading=_("Inspireret af"),
                    label=_("historie"),
                ),
            ],
            heading=_("Partnere og spredning"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source_title"),
                FieldPanel("source_author"),
                FieldPanel("source_publisher"),
                FieldRowPanel([FieldPanel("source_date"), FieldPanel("source_date_precision")]),
                FieldPanel("source_url"),
            ],
            heading=_("Kilde"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Kontakt"),
        ),
    ]

    # The measured results have a tab of their own, next to the text, not below it.
    outcome_panels = [
        InlinePanel("outcomes", heading=_("Målte resultater"), label=_("resultat")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Indhold")),
            ObjectList(outcome_panels, heading=_("Resultater")),
            ObjectList(Page.promote_panels, heading=_("Promover")),
            ObjectList(Page.settings_panels, heading=_("Indstillinger")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("partners"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.RelatedFields("methods", [index.SearchField("name"), index.SearchField("aliases")]),
        index.FilterField("date"),
        index.FilterField("evidence_level"),
    ]

    # The read-only Wagtail API (/api/v2/pages/); opendata.api gives the places, terms
    # and outcomes their shape. Contact e-mail and phone are left to the page itself.
    api_fields = [
        "teaser",
        "date",
        "evidence_level",
        "status",
        "municipality",
        "municipalities",
        "region",
        "methods",
        "target_groups",
        "tags",
        "outcomes",
        "body",
        "partner_list",
        "source_title",
        "source_author",
        "source_publisher",
        "source_date",
        "source_url",
        "contact_name",
        "contact_role",
        "cost_amount",
        "cost_from",
        "cost_to",
        "cost_note",
    ]

    class Meta:
        verbose_name = _("historie")
        verbose_name_plural = _("historier")

    # Facts derived from the fields -------------------------------------------------
    @property
    def region(self):
        return self.municipality.region

    @property
    def known_date(self) -> PartialDate | None:
        """The story's date as precisely as it is known; None when undated."""
        return PartialDate.of(self.date, self.date_precision)

    @property
    def date_text(self) -> str:
        """ "1. februar 2018", "februar 2018", "2018" or "udateret"."""
        return format_story_date(self.known_date)

    @property
    def date_iso(self) -> str:
        """For <time datetime>: "2018-02-01", "2018-02", "2018"; empty when undated."""
        return self.known_date.isoformat() if self.known_date else ""

    @property
    def known_source_date(self) -> PartialDate | None:
        return PartialDate.of(self.source_date, self.source_date_precision)

    @property
    def source_details(self) -> str:
        """Who wrote the source, who published it and when: "Ib Ravn, KL, marts 2019"."""
        parts = [self.source_author, self.source_publisher, format_date(self.known_source_date)]
        return ", ".join(part for part in parts if part)

    @property
    def cost_period_text(self) -> str:
        return format_period(self.cost_from, self.cost_to) if self.cost_to else ""

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def inspired_by_ids(self) -> list[int]:
        """The stories this one took its practice from, in the editor's order; read from
        the page's own (possibly unsaved) inspirations, so previews show them too."""
        return [inspiration.source_id for inspiration in self.inspirations.all()]

    @property
    def other_municipalities(self) -> list[Municipality]:
        """The municipalities sharing the story besides its own, in Danish order."""
        return in_danish_order(m for m in self.municipalities.all() if m.pk != self.municipality_id)

    def cost_per_person(self, outcome: "Outcome") -> Decimal | None:
        """Kroner per person, only where the cost and an exact person count cover the same
        days (a partial date of the count covering all of its month or year); a bound or an
        estimate would make the kroner a bound the other way, so it gets none."""
        if (
            self.cost_amount is None
            or not self.cost_to
            or not outcome.indicator.counts_persons
            or outcome.value_max is not None
            or outcome.qualifier
            or not outcome.value
            or not covers_same_days(
                outcome.known_from, outcome.known_to, self.cost_from, self.cost_to
            )
        ):
            return None
        return self.cost_amount / outcome.value

    def cost_per_person_reached(self) -> Decimal | None:
        """The story's cost shared among the most persons it counted for the cost's own
        days (usually its participants): its one kroner-per-person figure, where a
        method's tile takes the median of its stories'."""
        amounts = [self.cost_per_person(outcome) for outcome in self.outcomes.all()]
        return min((amount for amount in amounts if amount is not None), default=None)

    def outcomes_for_display(self) -> list["Outcome"]:
        outcomes = list(self.outcomes.all())
        for outcome in outcomes:
            outcome.cost_per_person_text = format_kroner(self.cost_per_person(outcome))
        return outcomes

    def first_body_image(self) -> tuple[AbstractImage | None, str]:
        """The first image block's image (one still in the library) and alt text."""
        for block in self.body:
            if block.block_type == "image" and block.value["image"] is not None:
                return block.value["image"], block.value["alt_text"]
        return None, ""

    @property
    def card_rendition(self) -> AbstractRendition | None:
        """The card's thumbnail; for_cards() fetches a list's in one query."""
        if self.card_image_id is None:
            return None
        return get_rendition_or_not_found(self.card_image, CARD_IMAGE_FILTER)

    @property
    def headline_outcome(self) -> "Outcome | None":
        outcomes = list(self.outcomes.all())
        with_base = [o for o in outcomes if o.of]
        return (with_base or outcomes or [None])[0]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = StoryPage.objects.live().public().select_related("municipality")
        context["outcomes"] = outcomes = self.outcomes_for_display()
        # A column empty on every row is left out: it only takes room on a phone.
        context["outcome_columns"] = {
            "period": any(o.period_text for o in outcomes),
            "target_group": any(o.target_group_id for o in outcomes),
            "cost": any(o.cost_per_person_text for o in outcomes),
        }
        context["inspired_by"] = inspired_by = list(live.filter(pk__in=self.inspired_by_ids))
        # A story not yet saved (the preview of a new one) inspired no one yet.
        context["taken_up_by"] = taken_up_by = (
            list(live.filter(inspirations__source=self)) if self.pk else []
        )
        # The stories beside it in "Inspireret af" and "Taget op af" are not offered twice.
        context["related_stories"] = StoryPage.objects.for_cards().related_to(
            self, leave_out=[story.pk for story in inspired_by + taken_up_by]
        )
        return context

    # Validation ------------------------------------------------------------------
    def clean(self) -> None:
        super().clean()
        self.keep_known_parts()
        errors: dict[str, list[str]] = {}
        cost_given = (self.cost_amount is not None, self.cost_from, self.cost_to, self.cost_note)
        described = any(cost_given)
        cost = cost_problems(self.cost_amount, self.cost_from, self.cost_to, described)
        for field, message in url_problems(self.source_url, "source_url") + [
            (f"cost_{field}", message) for field, message in cost
        ]:
            errors.setdefault(field, []).append(message)
        if self.slug and StoryPage.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            errors.setdefault("slug", []).append(
                _("En anden historie har allerede denne slug; historier har hver sin.")
            )
        if errors:
            raise ValidationError(errors)

    def keep_known_parts(self) -> None:
        keep_known_part(self, "date", "date_precision")
        keep_known_part(self, "source_date", "source_date_precision")

    def save(self, *args, **kwargs):
        self.keep_known_parts()
        # The lead municipality is always among the story's municipalities, so filtering
        # by `municipalities` finds every story of a place.
        if self.municipality_id:
            chosen = list(self.municipalities.all())
            if self.municipality_id not in {m.pk for m in chosen}:
                self.municipalities = chosen + [self.municipality]
        # The card follows the body saved on the page's row; a draft, saved with only its
        # revision fields, leaves the published card as it is.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.card_image, self.card_image_alt = self.first_body_image()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "card_image", "card_image_alt"}
        return super().save(*args, **kwargs)


class Inspiration(Orderable):
    """One "inspireret af" link: `story` took up a practice from `source`."""

    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="inspirations")
    source = models.ForeignKey(
        StoryPage,
        on_delete=models.CASCADE,
        related_name="inspired",
        verbose_name=_("historie"),
        help_text=_("Den historie, praksis blev taget op fra."),
    )

    panels = [FieldPanel("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("inspiration")
        verbose_name_plural = _("inspirationer")
        constraints = [
            models.UniqueConstraint(fields=["story", "source"], name="one_inspiration_per_source")
        ]

    def clean(self) -> None:
        super().clean()
        problems = inspiration_problems(self.story_id, self.source_id)
        if problems:
            raise ValidationError({"source": [message for _field, message in problems]})


class Outcome(Orderable):
    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("indikator")
    )
    value = models.DecimalField(_("værdi"), max_digits=15, decimal_places=2)
    value_max = models.DecimalField(
        _("højeste værdi"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kun for et interval, fx 5–15."),
    )
    of = models.PositiveIntegerField(
        _("af (basis)"),
        null=True,
        blank=True,
        help_text=_("Hvor mange der var i alt; så vises en andel, fx 34 af 190 (18 %)."),
    )
    qualifier = models.CharField(
        _("angivet som"),
        max_length=10,
        blank=True,
        choices=[("", _("præcist tal"))] + Qualifier.choices,
        help_text=_("Når kilden giver en grænse eller et skøn: mindst, over, ca. eller højst."),
    )
    period_from = models.DateField(_("periode fra"), null=True, blank=True)
    period_from_precision = precision_field(_("fra kendt til"))
    period_to = models.DateField(
        _("periode til"), null=True, blank=True, help_text=_("Alene: opgjort pr. denne dato.")
    )
    period_to_precision = precision_field(_("til kendt til"))
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("målgruppe"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldPanel("indicator", widget=IndicatorSelect),
        FieldRowPanel(
            [
                FieldPanel("qualifier"),
                FieldPanel("value", widget=FigureInput),
                FieldPanel("value_max", widget=FigureInput),
                FieldPanel("of"),
            ]
        ),
        FieldRowPanel([FieldPanel("period_from"), FieldPanel("period_from_precision")]),
        FieldRowPanel([FieldPanel("period_to"), FieldPanel("period_to_precision")]),
        FieldPanel("target_group"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("resultat")
        verbose_name_plural = _("resultater")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.figure}" if self.indicator_id else self.figure

    def clean(self) -> None:
        super().clean()
        self.keep_known_parts()
        problems = outcome_problems(self)
        if problems:
            errors: dict[str, list[str]] = {}
            for field, message in problems:
                errors.setdefault(_OUTCOME_FIELD.get(field, field), []).append(message)
            raise ValidationError(errors)

    def keep_known_parts(self) -> None:
        keep_known_part(self, "period_from", "period_from_precision")
        keep_known_part(self, "period_to", "period_to_precision")

    def save(self, *args, **kwargs):
        self.keep_known_parts()
        return super().save(*args, **kwargs)

    @property
    def known_from(self) -> PartialDate | None:
        return PartialDate.of(self.period_from, self.period_from_precision)

    @property
    def known_to(self) -> PartialDate | None:
        return PartialDate.of(self.period_to, self.period_to_precision)

    # A rate is derived from value and base, never stored.
    @property
    def rate(self) -> Decimal | None:
        if not self.of or self.value is None:
            return None
        return Decimal(self.value) / Decimal(self.of)

    @property
    def rate_max(self) -> Decimal | None:
        if not self.of or self.value_max is None:
            return None
        return Decimal(self.value_max) / Decimal(self.of)

    @property
    def rate_text(self) -> str:
        """The share, qualified as its count is: "18 %", "mindst 18 %"."""
        if self.rate is None:
            return ""
        if self.rate_max is None:
            rate = format_percent(self.rate)
        else:
            rate = f"{format_percent(self.rate).removesuffix(' %')}–{format_percent(self.rate_max)}"
        return format_qualified(rate, self.qualifier)

    @property
    def amount_text(self) -> str:
        """The count with its base and no share ("mindst 34 af 190"); else the figure."""
        if not self.of:
            return self.figure
        amount = f"{format_range(self.value, self.value_max)} af {format_range(self.of, None)}"
        return format_qualified(amount, self.qualifier)

    @property
    def figure(self) -> str:
        """The outcome in numbers, Danish style: "34 af 190 (18 %)", "5–15 timer pr. uge",
        "mindst 70 personer"."""
        if self.value is None:
            return ""
        if self.of:
            return f"{self.amount_text} ({self.rate_text})"
        unit = self.indicator.display_unit if self.indicator_id else ""
        if self.value_max is None:
            unit = unit_for(self.value, unit)
        amount = f"{format_range(self.value, self.value_max)} {unit}".strip()
        return format_qualified(amount, self.qualifier)

    @property
    def period_text(self) -> str:
        return format_period(self.known_from, self.known_to)
