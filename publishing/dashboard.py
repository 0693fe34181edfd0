"""The admin's first page for the people who publish.

A consultant sees where they may start a story ("Ny historie i Region …"), the stories
sent back to them with the moderator's comment, those awaiting moderation and their
drafts. A moderator sees the stories waiting for them, oldest first.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

from browse.models import RegionPage
from stories.models import StoryPage


def _stories(states: QuerySet[WorkflowState]) -> list[tuple[WorkflowState, StoryPage]]:
    """Each workflow state of a story with its story (the latest draft's title)."""
    states = list(states.select_related("current_task_state"))
    pages = StoryPage.objects.in_bulk([int(state.object_id) for state in states])
    found = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is not None:
            found.append((state, page))
    return found


class ConsultantPanel(Component):
    name = "consultant_stories"
    template_name = "publishing/consultant_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        mine = WorkflowState.objects.filter(requested_by=user).order_by("-created_at")
        in_workflow = set(
            mine.filter(status__in=[WorkflowState.STATUS_IN_PROGRESS]).values_list(
                "object_id", flat=True
            )
        )
        drafts = [
            page
            for page in StoryPage.objects.filter(owner=user, has_unpublished_changes=True)
            .select_related("latest_revision")
            .order_by("-latest_revision_created_at")
            if str(page.pk) not in in_workflow
        ]
        return {
            "request": request,
            "new_story_sections": [
                section
                for section in RegionPage.objects.live().order_by("title")
                if section.permissions_for_user(user).can_add_subpage()
            ],
            "sent_back": _stories(mine.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)),
            "awaiting": _stories(mine.filter(status=WorkflowState.STATUS_IN_PROGRESS)),
            "drafts": drafts,
        }


class ModeratorPanel(Component):
    name = "moderator_queue"
    template_name = "publishing/moderator_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        waiting = list(
            TaskState.objects.reviewable_by(request.user)
            .select_related("workflow_state", "workflow_state__requested_by", "revision")
            .order_by("started_at")
        )
        pages = StoryPage.objects.in_bulk(
            [int(state.workflow_state.object_id) for state in waiting]
        )
        return {
            "request": request,
            "waiting": [
                (state, pages[int(state.workflow_state.object_id)])
                for state in waiting
                if int(state.workflow_state.object_id) in pages
            ],
        }


def dashboard_panels(request, panels: list) -> None:
    """Our panels first; Wagtail's own list of pages to moderate (newest first) gives
    way to ours (oldest first)."""
    panels[:] = [
        panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"
    ]
    panels.insert(0, ModeratorPanel())
    panels.insert(0, ConsultantPanel())
