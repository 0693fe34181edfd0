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
        problems = []
        region = target_group = None
        wanted_region = request.GET.get("region", "").strip()
        if wanted_region:
            region = next((r for r in regions if r.code == wanted_region), None)
            if region is None:
                problems.append(
                    _("Ukendt region “%(value)s”; kortet viser alle regioner.")
                    % {"value": printable(wanted_region)}
                )
        wanted_group = request.GET.get("target_group", "").strip()
        if wanted_group:
            target_group = next((t for t in target_groups if t.slug == wanted_group), None)
            if target_group is None:
                problems.append(
                    _("Ukendt målgruppe “%(value)s”; kortet viser alle målgrupper.")
                    % {"value": printable(wanted_group)}
                )
        context.update(
            evidence=evidence_map(region, target_group, reverse("search")),
            regions=regions,
            target_groups=target_groups,
            problems=problems,
        )
        return context
