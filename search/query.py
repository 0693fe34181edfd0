"""The search request and its result, the same for every engine and both views."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, QueryDict

from findings.filters import FilterError, parse_filters
from stories.addresses import absolute_url
from stories.markdown import plain_text

from .danish import clean_query, query_stems
from .documents import FACETS
from .labels import known_values

SORTS = ("relevance", "newest", "rate")
PER_PAGE = 20
MAX_PAGE = 10_000
# A reader's choice of values, kept small: each page repeats all of them in every facet
# link. A facet may have all of a small vocabulary (22 methods, 14 indicators); the
# municipalities are chosen by region.
MAX_VALUES_PER_FACET = 25
MAX_VALUES = 40
PAGE_RE = re.compile(r"[0-9]{1,6}")


class QueryError(ValueError):
    """A request that cannot be answered: the views answer 400 with this message."""


@dataclass
class SearchQuery:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # How many chosen filter values were not in the vocabulary (dropped from `filters`).
    unknown_values: int = 0
    # A facet was chosen with unknown values only: no story can match.
    selects_nothing: bool = False

    @property
    def stems(self) -> list[str]:
        return query_stems(self.q)

    @property
    def effective_sort(self) -> str:
        # Without words there is nothing to rank by relevance: newest first.
        return "newest" if self.sort == "relevance" and not self.q else self.sort

    @classmethod
    def from_params(cls, params: QueryDict) -> "SearchQuery":
        q = clean_query(params.get("q", ""))
        try:
            chosen = parse_filters(params, FACETS, max_values=MAX_VALUES_PER_FACET)
        except FilterError as error:
            raise QueryError(str(error)) from error
        if sum(len(values) for values in chosen.values()) > MAX_VALUES:
            raise QueryError(f"højst {MAX_VALUES} filterværdier i alt")
        # Values outside the vocabulary are dropped before anything is echoed: every
        # value chosen is repeated in the link of every facet value on the page. A facet
        # whose every value is unknown still selects nothing.
        filters = known_values(chosen)
        unknown = sum(len(values) for values in chosen.values()) - sum(
            len(values) for values in filters.values()
        )
        sort = params.get("sort", "relevance") or "relevance"
        if sort not in SORTS:
            raise QueryError(f"ukendt sortering '{sort[:40]}'; brug en af: {', '.join(SORTS)}")
        raw_page = params.get("page", "1") or "1"
        # ASCII digits only, and few of them: str.isdigit() takes "²", which int()
        # refuses, and int() refuses more than 4,300 digits.
        if not PAGE_RE.fullmatch(raw_page) or not 1 <= int(raw_page) <= MAX_PAGE:
            raise QueryError(f"page skal være et helt tal fra 1 til {MAX_PAGE}")
        return cls(
            q=q,
            filters=filters,
            sort=sort,
            page=int(raw_page),
            unknown_values=unknown,
            selects_nothing=any(name not in filters for name in chosen),
        )

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        """The query as URL parameters, with some changed: the shareable state."""
        state = {"q": self.q, "sort": self.sort, "page": self.page, **changes}
        pairs = [(key, str(state[key])) for key in ("q",) if state["q"]]
        filters = changes.get("filters", self.filters)
        for name in FACETS:
            pairs += [(name, value) for value in filters.get(name, [])]
        if state["sort"] != "relevance":
            pairs.append(("sort", state["sort"]))
        if int(state["page"]) > 1:
            pairs.append(("page", str(state["page"])))
        return pairs


@dataclass
class SearchResult:
    query: SearchQuery
    count: int
    results: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]
    engine: str

    @property
    def first_number(self) -> int:
        """The place of the page's first result in the whole list (21 on page 2)."""
        return (self.query.page - 1) * self.query.per_page + 1

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.query.per_page))

    def as_json(self, request: HttpRequest) -> dict[str, Any]:
        """/api/search/'s answer; each story's address in full, on the request's host."""
        return {
            "count": self.count,
            "page": self.query.page,
            "unknown_filter_values": self.query.unknown_values,
            "num_pages": self.num_pages,
            "results": [
                {key: value for key, value in result.items() if key != "snippet"}
                | {
                    # Plain text, as API v2 gives them; the snippet is escaped HTML.
                    "title": plain_text(result["title"]),
                    "teaser": plain_text(result.get("teaser", "")),
                    "snippet": str(result.get("snippet", "")),
                    "url": absolute_url(result["url"], request) if result["url"] else None,
                }
                for result in self.results
            ],
            "facets": {
                name: [
                    {"value": v["value"], "label": plain_text(v["label"]), "count": v["count"]}
                    for v in values
                ]
                for name, values in self.facets.items()
            },
        }
