"""A story's keywords become a facet (`tag`, findings.filters), so a keyword on a story
page links to the stories that share it. A facet value may now be as long as a
keyword's slug (100 characters), and the stories already in the index get their keyword
rows here, so the links work without a rebuild. (Elasticsearch, where it is used, needs
`manage.py update_index` for its new field.)"""

from django.db import migrations, models


def add_keyword_rows(apps, schema_editor) -> None:
    StoryIndexEntry = apps.get_model("portal_search", "StoryIndexEntry")
    StoryFacet = apps.get_model("portal_search", "StoryFacet")
    StoryTag = apps.get_model("stories", "StoryTag")
    links = (
        StoryTag.objects.filter(content_object_id__in=StoryIndexEntry.objects.values("story_id"))
        .exclude(tag__slug="")
        .values_list("content_object_id", "tag__slug")
        .distinct()
    )
    StoryFacet.objects.bulk_create(
        (StoryFacet(entry_id=story_id, name="tag", value=slug) for story_id, slug in links),
        batch_size=1000,
        ignore_conflicts=True,
    )


def remove_keyword_rows(apps, schema_editor) -> None:
    apps.get_model("portal_search", "StoryFacet").objects.filter(name="tag").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_full_text_rows_follow_entries"),
        ("stories", "0007_readable_keywords"),
    ]

    operations = [
        migrations.AlterField(
            model_name="storyfacet",
            name="value",
            field=models.CharField(max_length=100),
        ),
        migrations.RunPython(add_keyword_rows, remove_keyword_rows),
    ]
