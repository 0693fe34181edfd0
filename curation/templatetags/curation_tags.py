from django import template
from django.urls import reverse

from curation.curating import may_curate
from stories.models import StoryPage

register = template.Library()


@register.inclusion_tag("curation/add_to_collection_link.html", takes_context=True)
def add_to_collection_link(context, story: StoryPage) -> dict:
    """ "Tilføj til samling" for a signed-in user who may curate. An anonymous visitor
    costs nothing here (no query), so their page stays the same for everyone."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "is_preview", False):
        return {}
    if not story.live or not may_curate(user):
        return {}
    return {"url": reverse("add_to_collection", args=(story.pk,))}
