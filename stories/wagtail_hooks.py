from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Indicator, Method, Municipality, TargetGroup


class MethodViewSet(SnippetViewSet):
    model = Method
    icon = "pick"
    list_display = ["name", "slug", "active"]
    list_filter = ["active"]
    search_fields = ["name", "aliases"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "active"]
    list_filter = ["active"]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    list_display = ["name", "slug", "unit", "active"]
    list_filter = ["unit", "active"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    # The 98 municipalities are fixed by law; the admin shows them, it does not edit them.
    add_to_admin_menu = False
    inspect_view_enabled = True


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Begreber")
    menu_icon = "tag"
    menu_order = 300
    items = (MethodViewSet, TargetGroupViewSet, IndicatorViewSet, MunicipalityViewSet)


register_snippet(VocabularyGroup)
