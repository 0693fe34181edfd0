"""Recognises a database made before the rooms were laid out (issue 8).

The migrations were rewritten into a clean history then: the home page moved to
`portal`, the browse pages to `browse`, collections to `curation`. A database made
before has those tables under `stories` and cannot be migrated forward. No deployed
database existed, so the answer is a new database; this says so instead of failing
halfway with a traceback.
"""

from django.db import connections

# Tables only a database from before the rewrite has.
OLD_TABLES = {"stories_homepage", "stories_methodpage", "stories_collectionpage"}


def made_before_the_rewrite(database: str = "default") -> bool:
    with connections[database].cursor() as cursor:
        tables = set(connections[database].introspection.table_names(cursor))
    return bool(tables & OLD_TABLES)


def rewrite_message(database: str = "default") -> str:
    name = connections[database].settings_dict.get("NAME")
    return (
        f"Databasen ({name}) er lavet før omlægningen af portalens moduler, og dens "
        "migreringer kan ikke føres videre. Der findes ingen udrullet database, så lav en "
        "ny: slet filen db.sqlite3 (eller drop PostgreSQL-databasen) og kør 'make run' "
        "igen; demoindholdet indlæses på ny.\n"
        f"The database ({name}) was made before the portal's modules were reorganised "
        "and its migrations cannot be carried forward. Delete db.sqlite3 (or drop the "
        "PostgreSQL database) and run 'make run' again; the demo content is loaded anew."
    )
