"""`manage.py restore_portal FOLDER` (`make restore BACKUP=FOLDER`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Gendanner en sikkerhedskopi fra backup_portal: tjekker den, erstatter databasen og "
        "mediefilerne, kører migrate og update_index og tæller efter."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="en mappe lavet af backup_portal")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="erstat en database, der allerede har indhold",
        )

    def handle(self, *args, **options):
        try:
            report = restore_backup(
                Path(options["folder"]), replace=options["replace"], stdout=self.stdout
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = report.counts
        self.stdout.write(
            f"Gendannet fra {report.manifest.created}: {counts['stories']} historier "
            f"({counts['live_stories']} udgivet), {counts['images']} billeder, "
            f"{counts['users']} brugere. Søgeindekset er genopbygget."
        )
