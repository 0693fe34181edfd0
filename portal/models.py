"""Site-wide things: the home page and the settings an editor can change in the admin
(the footer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

from curation.models import listed_collections
from findings.method_facts import with_method_facts
from findings.places import live_story_count
from stories.models import Method, Municipality, Region, StoryPage


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """What the footer of every page says, editable under Indstillinger in the admin.
    (The portal's name is `settings.WAGTAIL_SITE_NAME`, translated like any text.)"""

    footer_text = models.TextField(
        _("tekst i sidefoden"),
        blank=True,
        help_text=_("Tom: portalens egen beskrivelse, på dansk og engelsk."),
    )
    editorial_email = models.EmailField(
        _("redaktionens e-mail"),
        blank=True,
        help_text=_("Vises i sidefoden, så læsere kan foreslå en historie eller rette en fejl."),
    )

    panels = [FieldPanel("footer_text"), FieldPanel("editorial_email")]

    class Meta:
        verbose_name = _("portalens indstillinger")


class HomePage(Page):
    intro = models.TextField(_("introduktion"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "browse.StoriesIndexPage",
        "browse.MethodsIndexPage",
        "browse.MunicipalitiesIndexPage",
        "curation.CollectionsIndexPage",
        "browse.EvidenceMapPage",
        "browse.EvidenceLevelsPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["newest_stories"] = StoryPage.objects.for_cards().newest_first()[:6]
        used = [
            method
            for method in with_method_facts(
                Method.objects.filter(active=True).select_related("page")
            )
            if method.facts.story_count
        ]
        context["methods"] = sorted(used, key=lambda m: (-m.facts.story_count, m.name))
        context["regions"] = Region.objects.annotate(
            story_count=live_story_count("municipalities__lead_stories")
        ).select_related("page")
        context["story_total"] = StoryPage.objects.live().public().count()
        context["municipality_total"] = (
            Municipality.objects.filter(stories__live=True).distinct().count()
        )
        context["collections"] = listed_collections()[:3]
        return context
