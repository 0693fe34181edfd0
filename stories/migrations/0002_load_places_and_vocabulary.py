"""Loads the 98 municipalities with their regions and the shipped vocabulary."""

import csv
from pathlib import Path

from django.db import migrations


CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"


def load(apps, schema_editor):
    from stories.data.shipped import INDICATORS, METHODS, TARGET_GROUPS
    from stories.names import danish_slug

    Region = apps.get_model("stories", "Region")
    Municipality = apps.get_model("stories", "Municipality")
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region, _ = Region.objects.get_or_create(
                code=row["region_code"],
                defaults={
                    "name": row["region_name"],
                    "slug": danish_slug(row["region_name"].removeprefix("Region ")),
                },
            )
            Municipality.objects.get_or_create(
                code=row["code"],
                defaults={"name": row["name"], "slug": danish_slug(row["name"]), "region": region},
            )

    for model_name, rows in (("Method", METHODS), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("stories", model_name)
        for slug, name, description, aliases in rows:
            model.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "aliases": "\n".join(aliases)},
            )
    Indicator = apps.get_model("stories", "Indicator")
    for slug, name, unit, display_unit, aliases in INDICATORS:
        Indicator.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "unit": unit,
                "display_unit": display_unit,
                "aliases": "\n".join(aliases),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
