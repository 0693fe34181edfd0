from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Method


@receiver(post_save, sender=Method)
def give_new_method_a_page(sender, instance: Method, created: bool, raw: bool = False, **kwargs):
    """A method added in the admin gets its page at once, like the shipped ones."""
    if created and not raw:
        from .structure import ensure_method_page

        ensure_method_page(instance)
