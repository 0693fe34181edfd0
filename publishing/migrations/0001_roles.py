"""Creates the portal's roles as groups, so every installation has them. Their page
permissions are given by `setup_portal` (publishing.roles.ensure_roles), which runs after
the page tree exists."""

from django.db import migrations

MODERATORS = "Moderatorer"
CURATORS = "Kuratorer"
CONSULTANTS_PREFIX = "Konsulenter i "


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Region = apps.get_model("stories", "Region")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    names = [MODERATORS, CURATORS] + [
        f"{CONSULTANTS_PREFIX}{region.name}" for region in Region.objects.all()
    ]
    for name in names:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("stories", "0002_load_places_and_vocabulary"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
