"""create_consultant USERNAME (--region CODE | --moderator | --curator) [--email E]
[--password P]: creates or updates an editor in a role's group, all or nothing."""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from publishing.roles import CURATORS, MODERATORS, consultant_group_name, ensure_roles
from stories.models import Region


class Command(BaseCommand):
    help = (
        "Opretter eller opdaterer en redaktør: en konsulent i én region (--region KODE), "
        "en moderator (--moderator) eller en kurator (--curator)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="BRUGERNAVN")
        role = parser.add_mutually_exclusive_group(required=True)
        role.add_argument("--region", metavar="KODE", help="regionskode, fx 1083")
        role.add_argument("--moderator", action="store_true")
        role.add_argument("--curator", action="store_true")
        parser.add_argument("--email", default=None)
        parser.add_argument("--password", default=None)

    def handle(self, *args, **options):
        username = options["username"].strip()
        if not username:
            raise CommandError("Angiv et brugernavn.")
        group_name = self.group_name(options)
        email = options["email"]
        if email is not None:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(f"Ugyldig e-mailadresse '{email}'.") from error
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = options["password"]
        if password is None and user is None:
            password = self.ask_password()
        if password is not None:
            candidate = user or User(username=username, email=email or "")
            try:
                validate_password(password, candidate)
            except ValidationError as error:
                raise CommandError("Adgangskoden afvises: " + " ".join(error.messages)) from error

        with transaction.atomic():
            # The roles' groups and page permissions, in case setup_portal has not run.
            ensure_roles()
            created = user is None
            if created:
                user = User(username=username)
            if email is not None:
                user.email = email
            if password is not None:
                user.set_password(password)
            user.is_active = True
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
        state = "oprettet" if created else "opdateret"
        self.stdout.write(self.style.SUCCESS(f"{username} er {state} i gruppen «{group_name}»."))

    def group_name(self, options) -> str:
        if options["moderator"]:
            return MODERATORS
        if options["curator"]:
            return CURATORS
        code = options["region"].strip()
        region = Region.objects.filter(code=code).first()
        if region is None:
            known = ", ".join(f"{r.code} ({r.name})" for r in Region.objects.order_by("code"))
            raise CommandError(f"Ukendt regionskode '{code}'. Kendte koder: {known}.")
        return consultant_group_name(region)

    def ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                "Angiv --password: der er ingen terminal at spørge om en adgangskode i."
            )
        first = getpass.getpass("Adgangskode: ")
        if first != getpass.getpass("Adgangskode igen: "):
            raise CommandError("De to adgangskoder er ikke ens; intet er oprettet.")
        return first
