from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from curation import views as curation_views
from search import views as search_views
from storyfiles import views as storyfiles_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/autocomplete/", search_views.api_autocomplete, name="api_autocomplete"),
    # /api/outcomes/, /api/v2/, /feeds/…, /sitemap.xml, /robots.txt
    path("", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The pages readers see, in Danish at their own addresses and in English under /en/
# (portal.middleware): the language is in the URL, never in a cookie or a header.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # A curator adds a story to a collection. A Django route, not a page route on the
    # collections index: the story page links to it without looking the index up, and
    # Django's CSRF and method checks guard it before any page is served. In the
    # reader's language, as the story page it comes from.
    path(
        "samlinger/tilfoej/<int:story_id>/",
        curation_views.add_to_collection,
        name="add_to_collection",
    ),
    # A collection's CSV export beside its page (Wagtail's page URLs have no dots).
    path(
        "<path:collection_path>export.csv",
        curation_views.collection_export_csv,
        name="collection_export_csv",
    ),
    # …and as story files and a collection file, to move it to another installation.
    path(
        "<path:collection_path>export.zip",
        storyfiles_views.collection_export_zip,
        name="collection_export_zip",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
