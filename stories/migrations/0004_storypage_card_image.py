import django.db.models.deletion
from django.db import migrations, models


def fill_card_images(apps, schema_editor):
    """The first image of each existing story's body, as StoryPage.save() keeps it."""
    StoryPage = apps.get_model("stories", "StoryPage")
    Image = apps.get_model("wagtailimages", "Image")
    for page in StoryPage.objects.all():
        for block in page.body.raw_data:
            value = block["value"]
            if block["type"] == "image" and Image.objects.filter(pk=value.get("image")).exists():
                StoryPage.objects.filter(pk=page.pk).update(
                    card_image_id=value["image"], card_image_alt=value.get("alt_text", "")
                )
                break


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_inspiration"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AddField(
            model_name="storypage",
            name="card_image",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
            ),
        ),
        migrations.AddField(
            model_name="storypage",
            name="card_image_alt",
            field=models.CharField(blank=True, editable=False, max_length=250),
        ),
        migrations.RunPython(fill_card_images, migrations.RunPython.noop),
    ]
