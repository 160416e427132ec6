from django.views.generic import DetailView, ListView

from .models import Item, Pijler


class PijlerListView(ListView):
    model = Pijler
    context_object_name = "pijlers"
    template_name = "kennisplein/pijler_list.html"


class PijlerDetailView(DetailView):
    model = Pijler
    context_object_name = "pijler"
    template_name = "kennisplein/pijler_detail.html"


class ItemDetailView(DetailView):
    context_object_name = "item"
    template_name = "kennisplein/item_detail.html"

    def get_queryset(self):
        return Item.objects.published().prefetch_related("pijlers", "themas")
