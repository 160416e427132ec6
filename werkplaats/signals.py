"""A kennisplein item page links to the sets that play it, and that page is cached under the
kennisplein content version: a change to a set moves that version on, so no stale link stays."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kennisplein.page_cache import content_changed

from .models import Stellingenset


@receiver(post_save, sender=Stellingenset, dispatch_uid="werkplaats_set_saved")
@receiver(post_delete, sender=Stellingenset, dispatch_uid="werkplaats_set_deleted")
def set_changed(sender, **kwargs):
    content_changed()
