"""A collection moved to another installation: `<collection url>export.zip`."""

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from curation.views import collection_for_path

from .export import collection_zip


def collection_export_zip(request: HttpRequest, collection_path: str) -> HttpResponse:
    page = collection_for_path(request, collection_path)
    return HttpResponse(
        collection_zip(page),
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{slugify(page.slug)}.zip"'},
    )
