from django.urls import include, path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import feeds, views
from .api import api_router
from .views import open_data


def allow_any_origin(view):
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


# Wagtail's API routes (GET only), readable by a script on any origin.
api_v2 = (
    decorate_urlpatterns(api_router.get_urlpatterns(), allow_any_origin),
    api_router.url_namespace,
)

urlpatterns = [
    path("api/outcomes/", views.outcomes, name="api_outcomes"),
    path("api/v2/", include(api_v2, namespace=api_router.url_namespace)),
    path("feeds/historier/", open_data(feeds.NewStoriesFeed()), name="feed_stories"),
    path("feeds/historier/atom/", open_data(feeds.NewStoriesAtomFeed()), name="feed_stories_atom"),
    path("feeds/metoder/<slug:slug>/", open_data(feeds.MethodStoriesFeed()), name="feed_method"),
    path(
        "feeds/metoder/<slug:slug>/atom/",
        open_data(feeds.MethodStoriesAtomFeed()),
        name="feed_method_atom",
    ),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
