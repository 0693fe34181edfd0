from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrate

from portal.database import made_before_the_rewrite, rewrite_message


class Command(DjangoMigrate):
    """Django's migrate, refusing plainly a database made before the migration history
    was rewritten (see portal.database)."""

    def handle(self, *args, **options):
        database = options["database"]
        if made_before_the_rewrite(database):
            raise CommandError(rewrite_message(database))
        return super().handle(*args, **options)
