"""A collection moved to another installation: `<collection url>export.zip`."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.text import slugify

from curation.views import collection_for_path

from .export import collection_zip


def collection_export_zip(request: HttpRequest, collection_path: str) -> HttpResponse:
    page = collection_for_path(request, collection_path)
    # Danish files, as the stories are, also when an English page links them.
    with translation.override(settings.LANGUAGE_CODE):
        archive = collection_zip(page)
    return HttpResponse(
        archive,
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{slugify(page.slug)}.zip"'},
    )
