from django.urls import path

from . import views

app_name = "gesprekstool"

gesprek = "gesprek/<uuid:gesprek>/"

urlpatterns = [
    path("", views.start, name="start"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("bestand-openen/", views.bestand_openen, name="bestand-openen"),
    path("kaarten/<slug:slug>/", views.kaarten, name="kaarten"),
    path(gesprek, views.overzicht, name="overzicht"),
    path(gesprek + "instellingen/", views.instellingen, name="instellingen"),
    path(gesprek + "resultaat/", views.resultaat, name="resultaat"),
    path(gesprek + "afspraken/", views.afspraak_toevoegen, name="afspraak-toevoegen"),
    path(
        gesprek + "afspraken/<int:afspraak_id>/weghalen/",
        views.afspraak_verwijderen,
        name="afspraak-verwijderen",
    ),
    path(gesprek + "afsluiting/", views.afsluiting, name="afsluiting"),
    path(gesprek + "afdrukken/", views.afdrukken, name="afdrukken"),
    path(gesprek + "gesprek.pdf", views.pdf, name="pdf"),
    path(gesprek + "gespreksbestand.json", views.bestand, name="bestand"),
    path(gesprek + "afsluiten/", views.afsluiten, name="afsluiten"),
    path(gesprek + "<slug:slug>/", views.onderdeel, name="onderdeel"),
    path(gesprek + "<slug:slug>/klaar/", views.onderdeel_klaar, name="onderdeel-klaar"),
]
