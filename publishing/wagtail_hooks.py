"""Where Wagtail's admin answers differently from what our roles allow, these hooks
answer instead; tests/publishing/test_admin_endpoints.py holds the matrix."""

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from stories.visibility import visible_to_editor

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
def show_what_the_editor_may_see(pages, request: HttpRequest):
    """The page chooser lists no other region's drafts (stories.visibility)."""
    return visible_to_editor(pages, request.user)
