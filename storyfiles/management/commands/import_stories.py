from django.core.management.base import BaseCommand, CommandError

from storyfiles.story_files import import_stories


class Command(BaseCommand):
    help = (
        "Importerer historier fra Markdown-filer med YAML front matter (story-format.md). "
        "Alt eller intet: er én fil afvist, skrives intet."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="filer eller mapper")
        parser.add_argument(
            "--dry-run", action="store_true", help="kontrollér og rapportér uden at skrive"
        )
        parser.add_argument(
            "--publish", action="store_true", help="udgiv siderne (ellers gemmes de som kladder)"
        )

    def handle(self, *paths, **options):
        result = import_stories(
            list(options["paths"]), publish=options["publish"], dry_run=options["dry_run"]
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            files = len({problem.file for problem in result.problems})
            raise CommandError(
                f"{len(result.problems)} problem(er) i {files} fil(er); intet er skrevet."
            )
        if options["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(result.stories)} historie(r) er i orden (--dry-run: intet skrevet)."
                )
            )
            return
        state = "udgivet" if options["publish"] else "gemt som kladde til gennemsyn"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.stories)} historie(r) {state}: {len(result.created)} nye, "
                f"{len(result.updated)} opdateret med en ny revision, "
                f"{len(result.unchanged)} uændret (ingen ny revision)."
            )
        )
