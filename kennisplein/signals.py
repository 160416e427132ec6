from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Item
from .search import add_item_to_vocabulary


@receiver(post_save, sender=Item, dispatch_uid="kennisplein_item_vocabulary")
def keep_vocabulary_current(sender, instance, **kwargs):
    add_item_to_vocabulary(instance.pk)
