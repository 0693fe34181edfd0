"""What an editor may see in the admin of pages that are not theirs."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.query import PageQuerySet


def visible_to_editor(pages: PageQuerySet, user: AbstractBaseUser) -> PageQuerySet:
    """Every published page (a story of another region is linked to as "inspired by", a
    curator picks stories for a collection), but of the unpublished only those the user
    may edit: another region's drafts, titles included, are that region's business."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
