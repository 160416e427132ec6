from django.views.generic import DetailView, ListView

from .models import Pijler


class PijlerListView(ListView):
    model = Pijler
    context_object_name = "pijlers"
    template_name = "kennisplein/pijler_list.html"


class PijlerDetailView(DetailView):
    model = Pijler
    context_object_name = "pijler"
    template_name = "kennisplein/pijler_detail.html"
