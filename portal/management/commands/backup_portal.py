"""`manage.py backup_portal` (`make backup`): the database and the media in one folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Tager en sikkerhedskopi af databasen (pg_dump eller SQLite) og mediefilerne i en "
        "ny mappe under --to, med kontrolsummer i manifest.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", default="backups", help="mappen, kopierne lægges i")

    def handle(self, *args, **options):
        try:
            folder, manifest = make_backup(Path(options["to"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest.counts
        self.stdout.write(
            f"Sikkerhedskopi: {folder} ({manifest.engine}; {counts['stories']} historier, "
            f"{counts['images']} billeder, {counts['users']} brugere)."
        )
        if manifest.media_file is None:
            self.stdout.write(
                "Mediefilerne ligger i objektlager (S3) og er ikke med: brug bucketens "
                "versionering til dem."
            )
