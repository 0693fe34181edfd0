"""`manage.py update_index`: Wagtail's own index (the admin's search) and then the portal's
story index, in the database and in Elasticsearch when configured."""

from django.core.management.base import CommandError
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.indexing import rebuild_index


class Command(WagtailUpdateIndex):
    help = "Genopbygger Wagtails søgeindeks og portalens historieindeks."

    def handle(self, **options):
        super().handle(**options)
        try:
            count = rebuild_index()
        except Exception as error:  # e.g. Elasticsearch unreachable
            raise CommandError(f"Historieindekset kunne ikke genopbygges: {error}") from error
        self.stdout.write(f"Portalens historieindeks: {count} historier indekseret.")
