from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.InloggenView.as_view(), name="inloggen"),
    path("uitloggen/", views.UitloggenView.as_view(), name="uitloggen"),
    path(
        "wachtwoord-vergeten/", views.WachtwoordVergetenView.as_view(), name="wachtwoord-vergeten"
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.WachtwoordVerstuurdView.as_view(),
        name="wachtwoord-verstuurd",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.WachtwoordNieuwView.as_view(),
        name="wachtwoord-nieuw",
    ),
    path(
        "wachtwoord-herstellen/klaar/", views.WachtwoordKlaarView.as_view(), name="wachtwoord-klaar"
    ),
    path(
        "wachtwoord-wijzigen/", views.WachtwoordWijzigenView.as_view(), name="wachtwoord-wijzigen"
    ),
    path(
        "wachtwoord-wijzigen/klaar/",
        views.WachtwoordGewijzigdView.as_view(),
        name="wachtwoord-gewijzigd",
    ),
]
