from django.core.management.base import BaseCommand, CommandError

from storyfiles.collection_files import read_collection_files, write_collections


class Command(BaseCommand):
    help = "Importerer kuraterede samlinger fra YAML-filer. Alt eller intet."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args, **options):
        collections, problems = read_collection_files(list(options["paths"]))
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(er); intet er skrevet.")
        if not options["dry_run"]:
            write_collections(collections, publish=options["publish"])
        self.stdout.write(self.style.SUCCESS(f"{len(collections)} samling(er) i orden."))
