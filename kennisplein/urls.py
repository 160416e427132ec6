from django.urls import path

from herstel.fragments import kept_for_everyone

from . import views

app_name = "kennisplein"

urlpatterns = [
    path("kennisplein/", views.item_list, name="item-list"),
    path(
        "kennisplein/feed/",
        kept_for_everyone("kennisplein-rss")(views.LatestItemsFeed()),
        name="feed",
    ),
    path(
        "kennisplein/feed/atom/",
        kept_for_everyone("kennisplein-atom")(views.LatestItemsAtomFeed()),
        name="feed-atom",
    ),
    path("kennisplein/<slug:slug>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("kennisplein/<slug:slug>/pdf/", views.factsheet_pdf, name="factsheet-pdf"),
    path("pijlers/", views.PijlerListView.as_view(), name="pijler-list"),
    path("pijlers/<slug:slug>/", views.PijlerDetailView.as_view(), name="pijler-detail"),
    path("robots.txt", views.robots_txt, name="robots"),
]
