"""Removes Wagtail's own groups "Editors" and "Moderators", which its migrations make
with permissions on the whole tree, beside ours (publishing.roles). A group that has
users is kept: an operator has put people in it, and their access is not ours to take.

With "Moderators" goes the approval Wagtail made for it, "Moderators approval", a
workflow on the root page that every page outside the stories section falls under
(collections too): left behind, its task would have no one to approve. It is taken off
its pages and deactivated, only when its task has no group left."""

from django.conf import settings
from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def remove_wagtail_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if not User.objects.filter(groups=group).exists():
            group.delete()

    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        tasks = GroupApprovalTask.objects.filter(pk__in=task_ids)
        if tasks.count() == len(task_ids) and not tasks.filter(groups__isnull=False).exists():
            WorkflowPage.objects.filter(workflow=workflow).delete()
            workflow.active = False
            workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    # After every Wagtail migration that gives these groups permissions (one of them
    # fails if "Moderators" is already gone), and after the default workflow exists.
    dependencies = [
        ("publishing", "0001_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0005_add_page_lock_permission_to_moderators"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_wagtail_default_groups, migrations.RunPython.noop)]
