from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "kennisplein"

urlpatterns = [
    path(
        "kennisplein/",
        TemplateView.as_view(template_name="kennisplein/item_list.html"),
        name="item-list",
    ),
    path("kennisplein/<slug:slug>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("pijlers/", views.PijlerListView.as_view(), name="pijler-list"),
    path("pijlers/<slug:slug>/", views.PijlerDetailView.as_view(), name="pijler-detail"),
]
