"""Body blocks of a story, from the smallest (atoms) to whole sections (organisms)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .markdown import render_markdown

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


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
