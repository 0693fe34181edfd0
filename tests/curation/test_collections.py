"""The list of collections: newest event first on every database (undated last), each
with its date, place and number of items."""

import pytest
from django.test import Client

from curation.models import CollectionItem, CollectionPage, CollectionsIndexPage, listed_collections
from stories.models import Method

pytestmark = pytest.mark.django_db


def add(index, title: str, slug: str, date=None, items: int = 0) -> CollectionPage:
    method = Method.objects.get(slug="smaajobs")
    page = CollectionPage(title=title, slug=slug, event_date=date, event_place="Kolding")
    page.items = [CollectionItem(method=method, sort_order=n) for n in range(items)]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_newest_event_first_undated_last_with_counts(site):
    index = CollectionsIndexPage.objects.get()
    add(index, "Uden dato", "uden-dato", None, 1)
    add(index, "Gammel", "gammel", "2007-05-01", 2)
    add(index, "Ny", "ny", "2024-09-12", 3)
    listed = list(listed_collections())
    assert [c.slug for c in listed] == ["ny", "gammel", "uden-dato"]
    assert [c.item_count for c in listed] == [3, 2, 1]
    html = Client().get(index.url).content.decode()
    assert html.index("Ny</a>") < html.index("Gammel</a>") < html.index("Uden dato</a>")
    assert '<time datetime="2024-09-12">12. september 2024</time> · Kolding · 3 punkter' in html
    assert "Kolding · 1 punkt<" in html
