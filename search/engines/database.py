"""The database engine: SQLite FTS5 (the embedded default) or PostgreSQL full text with
the Danish configuration. Facets are counted in the database over the narrow facet
table; ranking and pagination happen inside the database too, so a common word over
10,000 stories is still a handful of indexed queries.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, F, QuerySet
from django.db.models.expressions import RawSQL

from stories.names import danish_sort_key

from ..danish import MAX_QUERY_TERMS, snippet, stem_text, tokens
from ..documents import FACETS, UNLISTED_FACETS, StoryDocument
from ..labels import facet_labels
from ..models import StoryFacet, StoryIndexEntry
from ..query import SearchQuery, SearchResult

FTS_TABLE = "search_story_fts"
VECTOR_TABLE = "search_story_vector"
# Title above teaser above aliases above body.
SQLITE_WEIGHTS = "10.0, 5.0, 3.0, 1.0"


class SqliteText:
    """FTS5 over our own Danish stems: SQLite has no Danish stemmer of its own."""

    def write(self, doc: StoryDocument) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [doc.story_id])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, teaser, aliases, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    doc.story_id,
                    stem_text(doc.title),
                    stem_text(doc.teaser),
                    stem_text(doc.aliases),
                    stem_text(doc.body),
                ],
            )

    def delete(self, story_ids: list[int]) -> None:
        """The FTS row goes with its entry (a trigger, search migration 0003)."""

    def clear(self) -> None:
        """The FTS rows go with their entries (a trigger, search migration 0003)."""

    @staticmethod
    def _match(stems: list[str]) -> str:
        # Every stem quoted: the user's text never becomes FTS5 syntax.
        return " ".join('"' + s.replace('"', '""') + '"' for s in stems)

    def ids(self, q: str, stems: list[str]) -> tuple[str, list[Any]]:
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self._match(stems)]

    @staticmethod
    def _within(column: str, within_sql: list[str]) -> str:
        # The unary + keeps SQLite from turning "rowid IN (…)" into one FTS5 seek per
        # listed id (50 ms for 216 ids measured); as a plain test on the matched rows
        # it costs next to nothing, and bm25 is then computed only for the rows that
        # pass the filters (62 ms became 2.5 ms for a faceted query at 10,000 stories).
        return "".join(f"AND +{column} IN ({sql}) " for sql in within_sql)

    def count(self, q, stems, within_sql, within_params) -> int:
        # Counted in the FTS table itself: going through the entries table cost 11 ms
        # against 0.4 ms for a word in all 10,000 stories.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                + self._within("rowid", within_sql),
                [self._match(stems), *within_params],
            )
            return cursor.fetchone()[0]

    def facet_counts(self, q, stems, names, within_sql, within_params) -> list[tuple]:
        """Facet values counted over the words' matches narrowed by facet filters.

        The narrowed stories are found first, in the FTS table, and their facet rows are
        then fetched by story: 3 ms against 21 ms for a faceted query at 10,000 stories.
        Without a facet filter the generic count is used instead: for a word in every
        story, fetching 10,000 stories' facet rows this way cost 95 ms against 26 ms."""
        facet_table = StoryFacet._meta.db_table
        marks = ", ".join(["%s"] * len(names))
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH hits AS MATERIALIZED (SELECT rowid AS id FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s {self._within('rowid', within_sql)}) "
                f"SELECT f.name, f.value, COUNT(*) FROM hits JOIN {facet_table} f "
                f"ON f.entry_id = hits.id WHERE f.name IN ({marks}) GROUP BY f.name, f.value",
                [self._match(stems), *within_params, *names],
            )
            return cursor.fetchall()

    def ranked(self, q, stems, within_sql, within_params, limit, offset):
        # bm25 in a sub-select over the MATCH alone; a second MATCH inside the filter
        # would be evaluated row by row (60 ms per 1,000 matches measured).
        within = self._within("s.id", within_sql)
        return (
            f"SELECT s.id FROM (SELECT rowid AS id, bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) s "
            f"JOIN {StoryIndexEntry._meta.db_table} e ON e.story_id = s.id "
            f"WHERE 1 = 1 {within}"
            "ORDER BY s.score, e.date DESC, e.story_id DESC LIMIT %s OFFSET %s",
            [self._match(stems), *within_params, limit, offset],
        )


class PostgresText:
    """A weighted tsvector (A title, B teaser and aliases, C body) under the `danish`
    configuration, with a GIN index, in a narrow table of its own with the story's date
    (migration 0003 says why)."""

    table = VECTOR_TABLE

    @staticmethod
    def _words(q: str) -> str:
        # PostgreSQL stems the words itself; stemming our stems again could change them.
        return " ".join(tokens(q)[:MAX_QUERY_TERMS])

    def write(self, doc: StoryDocument) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (story_id, date, search_vector) VALUES (%s, %s, "
                "setweight(to_tsvector('danish', %s), 'A') || "
                "setweight(to_tsvector('danish', %s), 'B') || "
                "setweight(to_tsvector('danish', %s), 'B') || "
                "setweight(to_tsvector('danish', %s), 'C')) "
                "ON CONFLICT (story_id) DO UPDATE SET "
                "date = EXCLUDED.date, search_vector = EXCLUDED.search_vector",
                [doc.story_id, doc.sort_date, doc.title, doc.teaser, doc.aliases, doc.body],
            )

    def delete(self, story_ids: list[int]) -> None:
        """The vector row goes with its entry (ON DELETE CASCADE)."""

    def clear(self) -> None:
        """The vector rows go with their entries (ON DELETE CASCADE)."""

    def ids(self, q: str, stems: list[str]) -> tuple[str, list[Any]]:
        return (
            f"SELECT story_id FROM {self.table} "
            "WHERE search_vector @@ plainto_tsquery('danish', %s)",
            [self._words(q)],
        )

    def count(self, q, stems, within_sql, within_params) -> int:
        within = "".join(f"AND v.story_id IN ({sql}) " for sql in within_sql)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {self.table} v "
                f"WHERE v.search_vector @@ plainto_tsquery('danish', %s) {within}",
                [self._words(q), *within_params],
            )
            return cursor.fetchone()[0]

    def facet_counts(self, q, stems, names, within_sql, within_params) -> None:
        """None: PostgreSQL's planner does as well with the generic count (measured)."""
        return None

    def ranked(self, q, stems, within_sql, within_params, limit, offset):
        within = "".join(f"AND v.story_id IN ({sql}) " for sql in within_sql)
        return (
            f"SELECT v.story_id FROM {self.table} v, plainto_tsquery('danish', %s) query "
            f"WHERE v.search_vector @@ query {within}"
            "ORDER BY ts_rank(v.search_vector, query) DESC, v.date DESC, v.story_id DESC "
            "LIMIT %s OFFSET %s",
            [self._words(q), *within_params, limit, offset],
        )


def text_index():
    return PostgresText() if connection.vendor == "postgresql" else SqliteText()


class DatabaseEngine:
    name = "database"

    def __init__(self) -> None:
        self.text = text_index()

    # Index ----------------------------------------------------------------------
    def index(self, doc: StoryDocument) -> None:
        entry, _created = StoryIndexEntry.objects.update_or_create(
            story_id=doc.story_id,
            defaults={
                "title": doc.title,
                "teaser": doc.teaser,
                "aliases": doc.aliases,
                "body": doc.body,
                "date": doc.sort_date,
                "evidence_level": doc.evidence_level,
                "best_rate": doc.best_rate,
                "document": doc.document,
            },
        )
        StoryFacet.objects.filter(entry=entry).delete()
        StoryFacet.objects.bulk_create(
            StoryFacet(entry=entry, name=name, value=value)
            for name, values in doc.facets.items()
            for value in sorted(values)
        )
        self.text.write(doc)

    def delete(self, story_ids: list[int]) -> None:
        StoryIndexEntry.objects.filter(story_id__in=story_ids).delete()
        self.text.delete(story_ids)

    def clear(self) -> None:
        StoryFacet.objects.all().delete()
        StoryIndexEntry.objects.all().delete()
        self.text.clear()

    # Search ---------------------------------------------------------------------
    def _constraints(
        self,
        query: SearchQuery,
        stems: list[str],
        exclude: str | None = None,
        text: bool = True,
    ) -> list[Any]:
        """Subqueries of story ids: the words (unless text=False) and every facet filter
        but `exclude`. Applied straight to the table at hand: going through the entries
        table, even unconstrained, cost 116 ms against 8 ms at 10,000 stories."""
        constraints: list[Any] = []
        if query.q and text:
            sql, params = self.text.ids(query.q, stems)
            constraints.append(RawSQL(sql, params))
        for name, values in query.filters.items():
            if name != exclude:
                constraints.append(
                    StoryFacet.objects.filter(name=name, value__in=values).values("entry_id")
                )
        return constraints

    @staticmethod
    def _constrain(queryset: QuerySet, field: str, constraints: list[Any]) -> QuerySet:
        for constraint in constraints:
            queryset = queryset.filter(**{f"{field}__in": constraint})
        return queryset

    def _filtered(self, query: SearchQuery, stems: list[str], text: bool = True) -> QuerySet:
        return self._constrain(
            StoryIndexEntry.objects.all(), "story_id", self._constraints(query, stems, text=text)
        )

    def search(self, query: SearchQuery) -> SearchResult:
        stems = query.stems
        if query.q and not stems:
            return self.empty(query)
        within_sql, within_params = self._filter_sql(query, stems)
        filtered = self._filtered(query, stems)
        if query.q:
            count = self.text.count(query.q, stems, within_sql, within_params)
        else:
            count = filtered.count()
        offset = (query.page - 1) * query.per_page
        ids = (
            self._page_ids(query, stems, filtered, offset, within_sql, within_params)
            if offset < count
            else []
        )
        documents = dict(
            StoryIndexEntry.objects.filter(story_id__in=ids).values_list("story_id", "document")
        )
        texts = (
            dict(
                (story_id, f"{teaser} {body}")
                for story_id, teaser, body in StoryIndexEntry.objects.filter(
                    story_id__in=ids
                ).values_list("story_id", "teaser", "body")
            )
            if stems
            else {}
        )
        results = []
        for story_id in ids:
            result = dict(documents[story_id])
            result["snippet"] = snippet(texts.get(story_id, result["teaser"]), stems)
            results.append(result)
        return SearchResult(query, count, results, self._facets(query, stems), self.name)

    def _filter_sql(
        self, query: SearchQuery, stems: list[str], exclude: str | None = None
    ) -> tuple[list[str], list[Any]]:
        """The facet filters (but `exclude`) as SQL subqueries of story ids, for the text
        engines."""
        within_sql, within_params = [], []
        for constraint in self._constraints(query, stems, exclude=exclude, text=False):
            sql, params = constraint.query.sql_with_params()
            within_sql.append(sql)
            within_params.extend(params)
        return within_sql, within_params

    def _page_ids(
        self, query, stems, filtered, offset: int, within_sql, within_params
    ) -> list[int]:
        sort = query.effective_sort
        if sort == "relevance":
            sql, params = self.text.ranked(
                query.q, stems, within_sql, list(within_params), query.per_page, offset
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return [row[0] for row in cursor.fetchall()]
        order = ["-date", "-story_id"]
        if sort == "rate":
            order = [F("best_rate").desc(nulls_last=True), *order]
        return list(
            filtered.order_by(*order).values_list("story_id", flat=True)[
                offset : offset + query.per_page
            ]
        )

    def _facets(self, query: SearchQuery, stems: list[str]) -> dict[str, list[dict[str, Any]]]:
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}

        def count(names: list[str], exclude: str | None) -> None:
            rows = None
            within_sql, within_params = self._filter_sql(query, stems, exclude)
            if query.q and within_sql:
                rows = self.text.facet_counts(query.q, stems, names, within_sql, within_params)
            if rows is None:
                facets = StoryFacet.objects.filter(name__in=names)
                if exclude in UNLISTED_FACETS:
                    facets = facets.filter(value__in=query.filters[exclude])
                rows = (
                    self._constrain(facets, "entry_id", self._constraints(query, stems, exclude))
                    .values_list("name", "value")
                    .annotate(count=Count("entry_id"))
                    .order_by()
                )
            for name, value, number in rows:
                if name not in UNLISTED_FACETS or value in query.filters.get(name, ()):
                    counts[name][value] = number

        # Facets without a filter of their own share one grouped count over the results;
        # a filtered facet is counted without its own filter (OR within, AND across). An
        # unlisted facet is counted only when chosen, and then only for its chosen values.
        unfiltered = [
            name for name in FACETS if name not in query.filters and name not in UNLISTED_FACETS
        ]
        if unfiltered:
            count(unfiltered, exclude=None)
        for name in query.filters:
            count([name], exclude=name)
        return assemble_facets(query, counts)

    def empty(self, query: SearchQuery) -> SearchResult:
        """No results, with the chosen facet values shown at 0."""
        return SearchResult(
            query, 0, [], assemble_facets(query, {n: {} for n in FACETS}), self.name
        )


def assemble_facets(
    query: SearchQuery, counts: dict[str, dict[str, int]]
) -> dict[str, list[dict[str, Any]]]:
    """Values with a count, and every selected value even when its count is 0, labelled
    and in a stable order (years newest first, evidence by level, the rest by count)."""
    wanted = {name: set(counts.get(name, {})) | set(query.filters.get(name, [])) for name in FACETS}
    labels = facet_labels(wanted)
    facets: dict[str, list[dict[str, Any]]] = {}
    for name in FACETS:
        values = []
        for value in wanted[name]:
            label = labels[name].get(value)
            if label is None and value not in counts.get(name, {}):
                label = value  # an unknown value someone asked for: shown, counted 0
            values.append(
                {
                    "value": value,
                    "label": label or value,
                    "count": counts.get(name, {}).get(value, 0),
                    "selected": value in query.filters.get(name, []),
                }
            )
        if name == "year":
            values.sort(key=lambda v: v["value"], reverse=True)
        elif name == "evidence_level":
            values.sort(key=lambda v: v["value"])
        else:
            values.sort(key=lambda v: (-v["count"], danish_sort_key(v["label"])))
        facets[name] = values
    return facets
