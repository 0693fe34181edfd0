"""Body blocks of a story, from the smallest (atoms) to whole sections (organisms)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found

from .markdown import render_markdown

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]

# A body image's renditions: widths for phones, tablets and the text column (44rem; 1200
# also serves it on a high-density screen), and the width it takes on the page.
BODY_IMAGE_WIDTHS = (480, 800, 1200)
BODY_IMAGE_SIZES = "(max-width: 46rem) 100vw, 44rem"


def body_image_filters(image: AbstractImage) -> list[str]:
    """The renditions of a body image, largest first (the fallback src, whose width and
    height reserve the space): the widths below the image's own, and its own width where
    that is within the largest, so no rendition is enlarged or made twice."""
    widths = [width for width in BODY_IMAGE_WIDTHS if width < image.width]
    if image.width <= BODY_IMAGE_WIDTHS[-1]:
        widths.append(image.width)
    return [f"width-{width}|format-webp" for width in sorted(widths, reverse=True)]


# Atoms
class MarkdownBlock(blocks.TextBlock):
    """Markdown source, kept as written so a re-import or an editor can change it;
    rendered and sanitised on output."""

    def render_basic(self, value, context=None):
        return render_markdown(value)

    def get_searchable_content(self, value):
        # The words a reader sees, not the Markdown (or HTML) they were written in.
        return [strip_tags(render_markdown(value))]

    def get_api_representation(self, value, context=None):
        # The API hands out what a page shows: rendered and sanitised, never the source,
        # which may hold any HTML a story file was written with.
        return str(render_markdown(value))

    class Meta:
        icon = "code"
        label = _("Markdown")


# Molecules
class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citat"))
    attribution = blocks.CharBlock(label=_("hvem siger det"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citat")
        template = "components/blocks/quote.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("overskrift"), default="Fakta", max_length=120)
    body = blocks.RichTextBlock(label=_("indhold"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        label = _("Faktaboks")
        template = "components/blocks/fact_box.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("billede"))
    alt_text = blocks.CharBlock(
        label=_("alternativ tekst"),
        max_length=250,
        help_text=_("Hvad billedet viser, for dem der ikke kan se det."),
    )
    caption = blocks.CharBlock(label=_("billedtekst"), required=False, max_length=250)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        image = value["image"]
        if image is not None:
            renditions = get_renditions_or_not_found(image, body_image_filters(image))
            # The body comes after the story's header, facts and outcomes: below the fold.
            attrs = {"alt": value["alt_text"], "loading": "lazy", "decoding": "async"}
            if len(renditions) > 1:
                attrs["sizes"] = BODY_IMAGE_SIZES
            context["picture"] = ResponsiveImage(renditions, attrs)
        return context

    class Meta:
        icon = "image"
        label = _("Billede")
        template = "components/blocks/image.html"


class OutcomeReferenceBlock(blocks.StructBlock):
    """Shows one of the story's own outcomes in the body, so the figure is told where the
    text talks about it and is still stored once."""

    number = blocks.IntegerBlock(
        label=_("resultat nr."),
        min_value=1,
        help_text=_("Nummeret på resultatet i historiens liste over resultater."),
    )

    class Meta:
        icon = "table"
        label = _("Resultat")
        template = "components/blocks/outcome.html"


# Organisms
class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Afsnit"), features=RICH_TEXT_FEATURES)
    markdown = MarkdownBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    image = ImageBlock()
    outcome = OutcomeReferenceBlock()
