from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.site_tree import ensure_site_structure
from stories.models import StoryPage

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


class Command(BaseCommand):
    help = (
        "Opretter portalens sidetræ (forside, historier pr. region, metoder, kommuner, "
        "samlinger). Med --demo-if-empty indlæses demoindholdet, når der ingen historier er."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo-if-empty", action="store_true")

    def handle(self, *args, **options):
        ensure_site_structure()
        self.stdout.write("Sidetræet er på plads.")
        if options["demo_if_empty"] and not StoryPage.objects.exists():
            self.stdout.write("Databasen har ingen historier: demoindholdet indlæses.")
            call_command("import_stories", str(CONTENT_DIR / "stories"), publish=True)
            call_command("import_collections", str(CONTENT_DIR / "collections"), publish=True)
