"""Views of curation that Wagtail's page routes do not carry: a collection's CSV export
(a name with a dot) and adding a story to a collection."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from stories.models import StoryPage

from .curating import (
    Addition,
    add_story,
    collection_choices,
    collections_index,
    editable_collections,
    may_curate,
    may_start_collection,
    start_collection,
)
from .forms import ChooseCollectionForm, StartCollectionForm
from .models import CollectionPage


def collection_for_path(request: HttpRequest, collection_path: str) -> CollectionPage:
    """The live, public collection at this path of the request's site, or 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = (
        CollectionPage.objects.live()
        .public()
        .filter(url_path=f"{site.root_page.url_path}{collection_path}")
        .first()
    )
    if page is None:
        raise Http404
    return page


def collection_export_csv(request: HttpRequest, collection_path: str) -> HttpResponse:
    """`<collection url>export.csv`: the collection, one row per public item. In Danish,
    as the collection is, also when an English page links it (`/en/…/export.csv`)."""
    with translation.override(settings.LANGUAGE_CODE):
        return collection_for_path(request, collection_path).export_csv(request)


def refusal(
    request: HttpRequest,
    status: int,
    heading: str,
    explanation: str,
    story: StoryPage | None = None,
) -> HttpResponse:
    """A page that says why nothing was done."""
    context = {"heading": heading, "explanation": explanation, "story": story}
    return render(request, "curation/add_to_collection_refused.html", context, status=status)


def addition_message(result: Addition, story: StoryPage, draft_title: str, position: int) -> str:
    """What the curator is told after adding the story, in their language."""
    names = {"story": story.title, "collection": draft_title, "position": position}
    if result is Addition.ALREADY_THERE:
        return _("«%(story)s» er allerede i samlingen «%(collection)s». Intet er ændret.") % names
    added = _("«%(story)s» er føjet til samlingen «%(collection)s» som punkt %(position)d.") % names
    why_draft = {
        Addition.PUBLISHED: _("Samlingen er offentliggjort igen med historien."),
        Addition.DRAFT_COLLECTION_NOT_LIVE: _(
            "Samlingen er ikke offentliggjort endnu, så ændringen er gemt som kladde."
        ),
        Addition.DRAFT_BESIDE_UNPUBLISHED_CHANGES: _(
            "Samlingen har andre ændringer, der ikke er offentliggjort, så ændringen er gemt "
            "som kladde sammen med dem."
        ),
        Addition.DRAFT_NO_RIGHT_TO_PUBLISH: _(
            "Du må ikke offentliggøre samlingen, så ændringen er gemt som kladde."
        ),
    }[result]
    return f"{added} {why_draft}"


@never_cache
@require_http_methods(["GET", "POST"])
def add_to_collection(request: HttpRequest, story_id: int) -> HttpResponse:
    """GET: the user's collections, to pick one for the story or to start a new one.
    POST `action=add` with `collection`, or `action=start` with `title`: does it."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not may_curate(user):
        return refusal(
            request,
            403,
            _("Du kan ikke tilføje historier til samlinger"),
            _("Det kræver, at du må redigere eller oprette samlinger, som kuratorer må."),
        )
    story = StoryPage.objects.live().public().filter(pk=story_id).first()
    if story is None:
        return refusal(
            request,
            404,
            _("Historien findes ikke"),
            _("Kun en offentliggjort historie kan føjes til en samling. Intet er ændret."),
        )
    index = collections_index()
    may_start = may_start_collection(user, index)
    choose_form = ChooseCollectionForm(collections=editable_collections(user))
    start_form = StartCollectionForm()
    problem = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add":
            choose_form = ChooseCollectionForm(request.POST, collections=editable_collections(user))
            if choose_form.is_valid():
                collection = choose_form.cleaned_data["collection"]
                result, position = add_story(collection, story, user)
                if result is Addition.LOCKED:
                    choose_form.add_error(
                        "collection",
                        _("Samlingen «%(collection)s» er låst af en anden. Intet er ændret.")
                        % {"collection": collection.draft_title},
                    )
                else:
                    text = addition_message(result, story, collection.draft_title, position)
                    edit_url = reverse("wagtailadmin_pages:edit", args=(collection.pk,))
                    level = messages.INFO if result is Addition.ALREADY_THERE else messages.SUCCESS
                    messages.add_message(
                        request,
                        level,
                        format_html(
                            '{} <a href="{}">{}</a>', text, edit_url, _("Redigér samlingen")
                        ),
                    )
                    return redirect(story.get_url(request))
        elif action == "start":
            if not may_start:
                return refusal(
                    request,
                    403,
                    _("Du kan ikke oprette samlinger"),
                    _("Du kan kun føje historien til en af de samlinger, du må redigere."),
                    story,
                )
            start_form = StartCollectionForm(request.POST)
            if start_form.is_valid():
                collection = start_collection(index, start_form.cleaned_data["title"], story, user)
                messages.success(
                    request,
                    _(
                        "Samlingen «%(collection)s» er oprettet som kladde med «%(story)s» som "
                        "første punkt. Udfyld arrangement, dato og sted, og offentliggør den, "
                        "når den er klar."
                    )
                    % {"collection": collection.title, "story": story.title},
                )
                return redirect("wagtailadmin_pages:edit", collection.pk)
        else:
            problem = _("Vælg en samling, eller giv en ny samling en titel.")
    choices = collection_choices(user, story)
    context = {
        "story": story,
        "choices": choices,
        "selectable": any(not choice.holds_story for choice in choices),
        "may_start": may_start,
        "choose_form": choose_form,
        "start_form": start_form,
        "problem": problem,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "curation/add_to_collection.html", context, status=status)
