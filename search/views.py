"""A first, plain search over published stories; issue 3 replaces it with the search service."""

from django.core.paginator import Paginator
from django.shortcuts import render

from stories.models import StoryPage

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        found = StoryPage.objects.for_cards().search(query)
        results = Paginator(found, 12).get_page(request.GET.get("side"))
    return render(request, "search/search.html", {"query": query, "results": results})
