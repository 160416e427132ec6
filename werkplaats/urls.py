from django.urls import path

from . import leider_views, views

app_name = "werkplaats"

leider = "werkplaats/leiden/<str:token>/"

urlpatterns = [
    path("werkplaats/", views.overzicht, name="overzicht"),
    path(leider, leider_views.leider, name="leider"),
    path(leider + "status/", leider_views.leider_status, name="leider-status"),
    path(leider + "actie/", leider_views.leider_actie, name="leider-actie"),
    path(leider + "qr.svg", leider_views.qr_code, name="qr"),
    path(leider + "samenvatting/", leider_views.samenvatting, name="samenvatting"),
    path(leider + "uitslag.pdf", leider_views.pdf, name="pdf"),
    path(leider + "uitslag.csv", leider_views.csv_export, name="csv"),
    path("werkplaats/<slug:slug>/", views.set_detail, name="set"),
    # The short address participants type or scan.
    path("doe-mee/", views.doe_mee, name="doe-mee"),
    path("doe-mee/live/<slug:kanaal>/", views.deelnemer_status, name="deelnemer-status"),
    path("doe-mee/<str:code>/", views.deelnemen, name="deelnemen"),
    path("doe-mee/<str:code>/antwoord/", views.antwoord, name="antwoord"),
]
