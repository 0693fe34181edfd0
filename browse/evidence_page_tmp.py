"""The evidence map page: where knowledge exists, and where it is missing."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..text import printable
from .vocabulary import Region, TargetGroup


class EvidenceMapPage(Page):
    intro = models.TextField(gettext_lazy("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["stories.HomePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = gettext_lazy("evidenskort")

    def get_context(self, request, *args, **kwargs):
        from ..evidence import evidence_map

        context = super().get_context(request, *args, **kwargs)
        regions = list(Region.objects.all())
        target_groups = list(TargetGroup.objects.order_by("name"))
        problems: list[str] = []
        region = _chosen(
            request,
            "region",
            {r.code: r for r in regions},
            problems,
            _("Ukendt region “%(value)s”; kortet viser alle regioner."),
        )
        target_group = _chosen(
            request,
            "target_group",
            {t.slug: t for t in target_groups},
            problems,
            _("Ukendt målgruppe “%(value)s”; kortet viser alle målgrupper."),
        )
        context.update(
            evidence=evidence_map(region, target_group, reverse("search")),
            regions=regions,
            target_groups=target_groups,
            problems=problems,
        )
        return context


def _chosen(request, name: str, options: dict, problems: list[str], unknown: str):
    """The option a GET parameter names; an unknown value is explained, not obeyed."""
    wanted = request.GET.get(name, "").strip()
    if wanted and wanted not in options:
        problems.append(unknown % {"value": printable(wanted)})
    return options.get(wanted)
