"""Where Wagtail's admin answers differently from what our roles allow, these hooks
answer instead; tests/publishing/test_admin_endpoints.py holds the matrix."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.query import PageQuerySet

from .dashboard import dashboard_panels

hooks.register("construct_homepage_panels", dashboard_panels)


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(
    request: HttpRequest, page: Page, destination: Page
) -> HttpResponse | None:
    """Wagtail checks the move only when it is posted; its confirm page would show anyone
    with admin access a move they cannot make, with the titles of both pages."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


@hooks.register("construct_page_chooser_queryset")
def show_what_the_editor_may_see(pages: PageQuerySet, request: HttpRequest) -> PageQuerySet:
    """The page chooser lists every published page (a consultant links to another
    region's story as "inspired by", a curator picks stories for a collection), but of
    the pages not published only those the user may edit: another region's drafts,
    titles included, are that region's business."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        request.user, {"change"}
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
