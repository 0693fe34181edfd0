"""Keywords by their names (issue 10): story files used to write keywords as slugs
("opsøgende-virksomhedsarbejde"), and pages showed them so. A story's keyword that is
spelled as its own slug gets its dashes turned into spaces ("opsøgende
virksomhedsarbejde", Danish letters kept); its slug, and so its address in the search,
stays as it was.

Left as they are: keywords with a digit ("225-timers-reglen" is written with its
dashes), with capitals or spaces (already written by hand), and keywords used only by
something other than stories (images).

Where the readable name is taken by another keyword already (an editor wrote it by hand
on another story), the two are one keyword: the stories, and the keyword lists in their
saved revisions, move to the hand-written one; the slug-like one is deleted if nothing
else uses it, and its slug then passes to the one kept, so addresses keep working.
"""

from django.db import migrations


def readable_name(tag) -> str | None:
    """The slug-like keyword spelled out; None for one that is not slug-like."""
    name = tag.name
    if name != tag.slug or "-" not in name or any(char.isdigit() for char in name):
        return None
    return " ".join(part for part in name.split("-") if part) or None


def make_keywords_readable(apps, schema_editor=None) -> None:
    Tag = apps.get_model("taggit", "Tag")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    StoryTag = apps.get_model("stories", "StoryTag")
    Revision = apps.get_model("wagtailcore", "Revision")
    used_by_stories = StoryTag.objects.values("tag_id")
    for tag in Tag.objects.filter(pk__in=used_by_stories).order_by("pk"):
        readable = readable_name(tag)
        if readable is None:
            continue
        kept = Tag.objects.filter(name=readable).first()
        if kept is None:
            tag.name = readable
            tag.save(update_fields=["name"])
            continue
        story_ids = []
        for link in StoryTag.objects.filter(tag=tag):
            story_ids.append(link.content_object_id)
            if StoryTag.objects.filter(content_object_id=link.content_object_id, tag=kept).exists():
                link.delete()
            else:
                link.tag = kept
                link.save(update_fields=["tag"])
        _move_in_revisions(Revision, story_ids, tag.pk, kept.pk)
        if not TaggedItem.objects.filter(tag=tag).exists():
            freed = tag.slug
            tag.delete()
            kept.slug = freed
            kept.save(update_fields=["slug"])


def _move_in_revisions(Revision, story_ids: list[int], old_id: int, new_id: int) -> None:
    """A saved revision names its keywords by id: a draft keeps its keyword."""
    for revision in Revision.objects.filter(object_id__in=[str(pk) for pk in story_ids]):
        items = revision.content.get("tagged_items") or []
        if not any(item.get("tag") == old_id for item in items):
            continue
        kept, seen = [], set()
        for item in items:
            tag_id = new_id if item.get("tag") == old_id else item.get("tag")
            if tag_id not in seen:
                seen.add(tag_id)
                kept.append({**item, "tag": tag_id})
        revision.content = {**revision.content, "tagged_items": kept}
        revision.save(update_fields=["content"])


def back_to_slugs(apps, schema_editor) -> None:
    """Undone: a story's keyword spelled as its slug with spaces for dashes goes back
    to its slug-like name, where that name is free."""
    Tag = apps.get_model("taggit", "Tag")
    StoryTag = apps.get_model("stories", "StoryTag")
    for tag in Tag.objects.filter(pk__in=StoryTag.objects.values("tag_id")):
        if " " in tag.name and tag.name.replace(" ", "-") == tag.slug:
            if not Tag.objects.filter(name=tag.slug).exists():
                tag.name = tag.slug
                tag.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0006_method_research_note"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(make_keywords_readable, back_to_slugs)]
