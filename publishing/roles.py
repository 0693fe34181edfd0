"""The portal's roles as Wagtail groups with page permissions.

- A consultant group per region: add and edit stories in that region's section only
  (Wagtail's "add" lets them edit their own pages and delete them while unpublished;
  without "publish" they submit for moderation and cannot publish or unpublish).
- Moderators: add, edit, publish (so unpublish and move), lock and unlock everywhere
  under the home page.
- Curators: add, edit and publish collections; nothing on stories.
- Every role adds images and chooses any image for a story or collection (Wagtail's
  "add" lets them change and delete only the images they uploaded themselves).

The groups are created by a migration, so every installation has them. Their page
permissions need the pages, which `setup_portal` builds: it calls `ensure_roles` after
the tree.

Stories go through moderation: a Wagtail workflow on the stories section, whose one
task is approval by a moderator. A consultant submits; a moderator approves (the story
is published) or asks for changes with a comment. Wagtail e-mails the moderators when a
story is submitted and the consultant when it is approved or sent back, through
Django's e-mail backend.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from browse.models import RegionPage, StoriesIndexPage
from curation.models import CollectionsIndexPage
from stories.models import Region

MODERATORS = "Moderatorer"
CURATORS = "Kuratorer"
CONSULTANTS_PREFIX = "Konsulenter i "
STORY_WORKFLOW = "Historier: godkendes af en moderator"
MODERATOR_APPROVAL = "Godkendelse af en moderator"

# Wagtail's page permission codenames (on wagtailcore.Page).
CONSULTANT_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
CURATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Wagtail's image permission codenames (on wagtailimages.Image), granted on the root
# collection so they reach every collection below it.
EDITOR_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def consultant_group_name(region: Region) -> str:
    return f"{CONSULTANTS_PREFIX}{region.name}"


def _group(name: str) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    # Every role works in the Wagtail admin.
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def _grant(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def ensure_roles() -> None:
    """Every role's group, and its page permissions on the pages that exist."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    moderators = _group(MODERATORS)
    if site is not None:
        _grant(moderators, site.root_page, MODERATOR_PAGE_PERMISSIONS)
    curators = _group(CURATORS)
    for index in CollectionsIndexPage.objects.all():
        _grant(curators, index, CURATOR_PAGE_PERMISSIONS)
    sections = {page.region_id: page for page in RegionPage.objects.all()}
    for region in Region.objects.all():
        group = _group(consultant_group_name(region))
        if region.pk in sections:
            _grant(group, sections[region.pk], CONSULTANT_PAGE_PERMISSIONS)
    ensure_image_permissions()
    ensure_story_workflow(moderators)


def ensure_image_permissions() -> None:
    """Every role's group may upload images and choose any image in the admin."""
    groups = Group.objects.filter(
        Q(name__in=[MODERATORS, CURATORS]) | Q(name__startswith=CONSULTANTS_PREFIX)
    )
    root = Collection.get_first_root_node()
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=EDITOR_IMAGE_PERMISSIONS
        )
    )
    for group in groups:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def ensure_story_workflow(moderators: Group) -> Workflow:
    """Moderation of every story: the workflow on the stories section."""
    workflow, _created = Workflow.objects.get_or_create(name=STORY_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=MODERATOR_APPROVAL).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATOR_APPROVAL)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in StoriesIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
