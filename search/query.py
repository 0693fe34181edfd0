"""The search request and its result, the same for every engine and both views."""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, QueryDict

from findings.filters import FilterError, parse_filters
from stories.addresses import absolute_url

from .danish import clean_query, query_stems
from .documents import FACETS

SORTS = ("relevance", "newest", "rate")
PER_PAGE = 20
MAX_PAGE = 10_000


class QueryError(ValueError):
    """A request that cannot be answered: the views answer 400 with this message."""


@dataclass
class SearchQuery:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

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
            filters = parse_filters(params, FACETS)
        except FilterError as error:
            raise QueryError(str(error)) from error
        sort = params.get("sort", "relevance") or "relevance"
        if sort not in SORTS:
            raise QueryError(f"ukendt sortering '{sort[:40]}'; brug en af: {', '.join(SORTS)}")
        raw_page = params.get("page", "1") or "1"
        if not raw_page.isdigit() or not 1 <= int(raw_page) <= MAX_PAGE:
            raise QueryError("page skal være et helt tal fra 1")
        return cls(q=q, filters=filters, sort=sort, page=int(raw_page))

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
            "num_pages": self.num_pages,
            "results": [
                {key: value for key, value in result.items() if key != "snippet"}
                | {
                    "snippet": str(result.get("snippet", "")),
                    "url": absolute_url(result["url"], request) if result["url"] else None,
                }
                for result in self.results
            ],
            "facets": {
                name: [
                    {"value": v["value"], "label": v["label"], "count": v["count"]} for v in values
                ]
                for name, values in self.facets.items()
            },
        }
