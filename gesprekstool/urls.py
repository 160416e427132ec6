from django.urls import path

from . import mijn_views, views

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
        gesprek + "afspraken/<int:afspraak_id>/",
        views.afspraak_wijzigen,
        name="afspraak-wijzigen",
    ),
    path(
        gesprek + "afspraken/<int:afspraak_id>/weghalen/",
        views.afspraak_verwijderen,
        name="afspraak-verwijderen",
    ),
    path(gesprek + "afsluiting/", views.afsluiting, name="afsluiting"),
    path(gesprek + "terugblik/", views.terugblik, name="terugblik"),
    path(gesprek + "afdrukken/", views.afdrukken, name="afdrukken"),
    path(gesprek + "gesprek.pdf", views.pdf, name="pdf"),
    path(gesprek + "gespreksbestand.json", views.bestand, name="bestand"),
    path(gesprek + "afsluiten/", views.afsluiten, name="afsluiten"),
    path(gesprek + "<slug:slug>/", views.onderdeel, name="onderdeel"),
    path(gesprek + "<slug:slug>/klaar/", views.onderdeel_klaar, name="onderdeel-klaar"),
]

traject = "mijn/<uuid:traject>/"

urlpatterns += [
    path("mijn/", mijn_views.mijn, name="mijn"),
    path(traject, mijn_views.traject, name="traject"),
    path(traject + "vervolg/", mijn_views.vervolg, name="vervolg"),
    path(traject + "vergelijken/", mijn_views.vergelijken, name="vergelijken"),
    path(traject + "importeren/", mijn_views.importeren, name="importeren"),
    path(traject + "overdragen/", mijn_views.overdragen, name="overdragen"),
    path(traject + "verwijderen/", mijn_views.traject_verwijderen, name="traject-verwijderen"),
    path(
        traject + "gesprek/<uuid:gesprek>/verwijderen/",
        mijn_views.gesprek_verwijderen,
        name="gesprek-verwijderen",
    ),
]
