""""Inspireret af" becomes an ordered inline of page choosers: one `Inspiration` per
link instead of a many-to-many field, so the editor picks stories with Wagtail's page
chooser. Existing links, and those in saved revisions, are carried over."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def links_to_inspirations(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    Inspiration = apps.get_model("stories", "Inspiration")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    links = StoryPage.inspired_by.through.objects.order_by("id")
    Inspiration.objects.bulk_create(
        Inspiration(story_id=link.from_storypage_id, source_id=link.to_storypage_id, sort_order=n)
        for n, link in enumerate(links)
    )
    story_type = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if story_type is None:
        return
    for revision in Revision.objects.filter(content_type=story_type).iterator():
        content = revision.content
        if "inspired_by" not in content:
            continue
        content["inspirations"] = [
            {"pk": None, "story": int(revision.object_id), "source": source, "sort_order": n}
            for n, source in enumerate(content.pop("inspired_by") or [])
        ]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_load_places_and_vocabulary"),
    ]

    operations = [
        migrations.CreateModel(
            name="Inspiration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "source",
                    models.ForeignKey(
                        help_text="Den historie, praksis blev taget op fra.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inspired",
                        to="stories.storypage",
                        verbose_name="historie",
                    ),
                ),
                (
                    "story",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inspirations",
                        to="stories.storypage",
                    ),
                ),
            ],
            options={
                "verbose_name": "inspiration",
                "verbose_name_plural": "inspirationer",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("story", "source"), name="one_inspiration_per_source"
                    )
                ],
            },
        ),
        migrations.RunPython(links_to_inspirations, migrations.RunPython.noop),
        migrations.RemoveField(model_name="storypage", name="inspired_by"),
    ]
