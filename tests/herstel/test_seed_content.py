"""The seeded project records against facts checked by hand in the seed documents.

Every expected value below was read in ../shared/seeds/ (000 JR 2.0, 001 KV, 002/003 SWING,
004 JSO); the file and section are named next to each group.
"""

import pytest
from django.apps import apps

from herstel.models import Bereik, Bijeenkomst, Opbrengst, Programma, Project
from kennisplein.models import ItemStatus

# 002 (list of the eleven projects) and 003 (Deel 2), in the programme's order.
SWING_PROJECTS = [
    "Wijkgerichte aanpak kindveiligheid",
    "Eén cliëntproces, tools voor samenwerking",
    "Het maatschappelijk rendement van 'werken zonder maatregel' en brede implementatie "
    "van Signs of Safety",
    "Preventief Veilig Samen Verder",
    "Samen optrekken in complexe scheidingen",
    "Veiligheid in de lokale veiligheidsketen",
    "De stem van de cliënt",
    "Transformerend werken is inwonerskracht en jeugdbescherming",
    "De burgervoogd in ere hersteld?!",
    "Pilot Safe Path Jeugdzorg",
    "Signs of Success",
]


def reach(slug):
    return {(row.groep, row.label): row.aantal for row in Bereik.objects.filter(project__slug=slug)}


def test_all_fourteen_records_are_there_and_published(seeded):
    projects = Project.objects.published()
    assert projects.count() == 14
    swing = list(projects.filter(programma__slug="swing").order_by("volgorde"))
    assert [p.naam for p in swing] == SWING_PROJECTS
    assert [p.volgorde for p in swing] == list(range(1, 12))
    for slug in [
        "werkplaats-jr-2-0",
        "kleinschalige-voorzieningen",
        "jso-samen-met-opvoeders-en-jeugdigen",
    ]:
        assert projects.filter(slug=slug, programma__isnull=True).exists(), slug


def test_every_seeded_record_passes_model_validation(seeded):
    for model in apps.get_app_config("herstel").get_models():
        if not model._meta.managed:  # permission holders without a table
            continue
        for obj in model.objects.all():
            obj.full_clean()


def test_every_swing_project_is_complete(seeded):
    for project in Project.objects.filter(programma__slug="swing"):
        assert (project.startjaar, project.eindjaar) == (2015, 2017), (
            project
        )  # 003: eind 2015–juli 2017
        assert project.doel and project.aanpak and project.resultaten, project
        assert project.praktijkonderzoek, project
        assert project.hoofdbouwsteen, project
        assert project.regios.exists() and project.regio_omschrijving, project
        assert project.projectorganisaties.filter(rol__in=["projectleiding", "penvoerder"]).exists()
        assert project.opbrengsten.exists(), project
        assert project.bereik.exists(), project
        assert project.lessen.count() >= 3, project


def test_werkplaats_jr20_facts(seeded):
    # 000: Kenmerken, Werkwijze, Samenvatting van de aanvraag (seven results)
    project = Project.objects.get(slug="werkplaats-jr-2-0")
    assert project.projectnummer == "638016008"
    assert (project.startjaar, project.eindjaar) == (2019, 2021)
    assert project.regio_omschrijving == "IJmond en Zuid-Kennemerland"
    assert list(project.regios.values_list("slug", flat=True)) == ["noord-holland"]
    assert project.projectleider == "A.B. Faber"
    lead = project.projectorganisaties.get(rol="penvoerder")
    assert lead.organisatie.naam == "Partners voor Jeugd"
    partners = set(project.projectorganisaties.values_list("organisatie__slug", flat=True))
    assert {"william-schrikker", "jeugd-en-gezinsbeschermers"} <= partners
    assert project.werkplaatsen.get().aantal_bijeenkomsten == 9
    resultaten = list(project.beoogde_resultaten.all())
    assert [r.nummer for r in resultaten] == [1, 2, 3, 4, 5, 6, 7]
    assert "twaalf jongeren" in resultaten[1].omschrijving
    assert "borgingsplan" in resultaten[6].omschrijving.lower()
    assert project.eindverslag
    symposium = project.symposia.get()
    assert symposium.opname.slug == "symposium-op-weg-naar-succes-en-herstel"


def test_werkplaats_jr20_conversation_tool_deliverable_leads_to_the_tool(seeded, client):
    page = client.get("/projecten/werkplaats-jr-2-0/").content.decode()
    assert '<a href="/gesprekstool/">Gesprekstool voor herstelgericht werken</a>' in page
    assert client.get("/gesprekstool/").status_code == 200


def test_a_database_seeded_before_gets_the_link_from_the_migration(seeded):
    from importlib import import_module

    migration = import_module("herstel.migrations.0005_opbrengst_link_to_a_page")
    tool = Opbrengst.objects.get(titel="Gesprekstool voor herstelgericht werken")
    Opbrengst.objects.filter(pk=tool.pk).update(url="")
    migration.link_the_conversation_tool(apps, None)
    tool.refresh_from_db()
    assert tool.url == "/gesprekstool/"


def test_kleinschalige_voorzieningen_facts(seeded):
    # 001: Kenmerken; four learning sessions and their themes; five locations
    project = Project.objects.get(slug="kleinschalige-voorzieningen")
    assert project.projectnummer == "73700095005"
    assert (project.startjaar, project.eindjaar) == (2020, 2021)
    assert project.projectorganisaties.get(rol="penvoerder").organisatie.naam == "Pluryn"
    for place in ["Amsterdam", "Den Haag", "Rotterdam", "Noord", "Zuid"]:
        assert place in project.regio_omschrijving
    sessions = list(Bijeenkomst.objects.filter(werkplaats__project=project))
    assert [s.volgnummer for s in sessions] == [1, 2, 3, 4]
    assert "keten, gemeente en buurt" in sessions[0].thema
    assert "traject" in sessions[1].thema
    assert "voorwaarden" in sessions[2].thema.lower()
    assert sessions[3].thema == "Vrij thema"
    assert project.opbrengsten.filter(item__slug="hand-out-kleinschalige-voorzieningen").exists()


def test_jso_facts(seeded):
    # 004: four regions, the treasure chest and the game
    project = Project.objects.get(slug="jso-samen-met-opvoeders-en-jeugdigen")
    for region in ["Haaglanden", "Amsterdam-Amstelland", "Rotterdam Rijnmond", "Utrecht West"]:
        assert region in project.regio_omschrijving
    items = set(project.opbrengsten.values_list("item__slug", flat=True))
    assert {"schatkist-tips-en-tricks", "spel-leidende-principes"} <= items
    assert project.opbrengsten.filter(titel__icontains="leidende principes").count() == 2


def test_swing_programme_figures(seeded):
    # 003: "Het SWING-programma in cijfers"
    programma = Programma.objects.get(slug="swing")
    figures = {c.label: c.waarde for c in programma.cijfers.all()}
    assert figures == {
        "projecten": 11,
        "gecertificeerde instellingen": 11,
        "cliënten": 502,
        "professionals": 970,
        "wijkteams of Centra voor Jeugd en Gezin": 38,
        "ervaringsdeskundigen": 7,
        "burgers": 12,
        "tools of instrumenten": 29,
        "handleidingen of praktijkgidsen": 4,
        "websites": 2,
        "themabijeenkomsten": 4,
        "publicatie": 1,
        "symposia": 2,
        "unieke bezoekers van nieuwejeugdbescherming.nl": 47357,
        "unieke bezoekers van het NJi-dossier Jeugdbescherming": 29085,
    }
    # the figure agrees with the records
    assert figures["projecten"] == programma.projecten.count()


def test_swing_building_blocks_hold_the_projects_of_the_report(seeded):
    # 003 chapter 2: six projects with chain cooperation as main goal, eight working on it
    programma = Programma.objects.get(slug="swing")
    blocks = {b.slug: b for b in programma.bouwstenen.all()}
    assert list(blocks) == [
        "samenwerking-in-de-keten",
        "samenwerken-met-jeugdige-gezin-en-netwerk",
        "samenwerken-met-burgers",
        "nieuwe-methoden",
    ]
    keten = blocks["samenwerking-in-de-keten"]
    assert keten.hoofdprojecten.count() == 6
    assert keten.hoofdprojecten.count() + keten.projecten.count() == 8
    assert set(blocks["nieuwe-methoden"].hoofdprojecten.values_list("slug", flat=True)) == {
        "pilot-safe-path-jeugdzorg",
        "signs-of-success",
    }
    assert set(blocks["samenwerken-met-burgers"].hoofdprojecten.values_list("slug", flat=True)) == {
        "transformerend-werken-inwonerskracht-en-jeugdbescherming",
        "de-burgervoogd-in-ere-hersteld",
    }


@pytest.mark.parametrize(
    "slug, expected",
    [
        # 003, the "Bereik" block of each project
        (
            "wijkgerichte-aanpak-kindveiligheid",
            {
                ("Uitvoering project", "gezinnen"): 100,
                ("Uitvoering project", "ervaringsdeskundigen"): 6,
                ("Uitvoering project", "professionals gecertificeerde instelling"): 29,
                ("Uitvoering project", "professionals ketenpartners"): 12,
                ("Symposium Wijkgerichte aanpak kindveiligheid", "bezoekers"): 100,
            },
        ),
        (
            "een-clientproces-tools-voor-samenwerking",
            {
                ("Leerbijeenkomsten", "professionals gecertificeerde instelling"): 20,
                ("Leerbijeenkomsten", "professionals ketenpartners"): 20,
                ("Klankbordgroep", "cliënt"): 1,
                ("Klankbordgroep", "professional gecertificeerde instelling"): 1,
                ("Klankbordgroep", "professionals ketenpartners"): 4,
                ("Inspiratiebijeenkomst", "medewerkers van gemeenten en ketenpartners"): 60,
            },
        ),
        (
            "werken-zonder-maatregel-en-signs-of-safety",
            {
                ("Implementatie Signs of Safety", "lokale professionals"): 350,
                ("Implementatie Signs of Safety", "Groningse gemeenten"): 22,
            },
        ),
        ("preventief-veilig-samen-verder", {("", "SAVE-professionals"): 75}),
        (
            "samen-optrekken-in-complexe-scheidingen",
            {
                ("", "ouderparen"): 11,
                ("", "kinderen"): 17,
                ("", "professionals gecertificeerde instelling"): 5,
                ("", "professionals CJG"): 4,
            },
        ),
        (
            "veiligheid-in-de-lokale-veiligheidsketen",
            {
                ("Uitvoering project", "cliënten"): 4,
                ("Uitvoering project", "professionals SAVE-team"): 6,
                ("Uitvoering project", "professionals lokaal team"): 6,
                ("Uitvoering project", "professionals reclassering"): 8,
                ("Startbijeenkomsten", "SAVE-teams"): 2,
                ("Startbijeenkomsten", "lokale teams"): 5,
            },
        ),
        (
            "transformerend-werken-inwonerskracht-en-jeugdbescherming",
            {
                ("", "gezinnen"): 5,
                ("", "gezinsmanagers gecertificeerde instelling"): 2,
                ("", "vrijwilligers"): 7,
            },
        ),
        (
            "de-burgervoogd-in-ere-hersteld",
            {
                ("", "jeugdigen"): 26,
                ("", "jeugdbeschermers gecertificeerde instelling"): 16,
                ("", "aspirant-burgervoogden"): 6,
            },
        ),
        (
            "pilot-safe-path-jeugdzorg",
            {
                ("Uitvoering pilot", "cliënten"): 3,
                ("Uitvoering pilot", "professionals gecertificeerde instelling"): 5,
                ("Uitvoering pilot", "professionals Universiteit Maastricht"): 3,
            },
        ),
        (
            "signs-of-success",
            {
                ("Uitvoering project", "jongeren"): 50,
                ("Uitvoering project", "professionals gecertificeerde instelling"): 50,
                ("Uitvoering project", "professionals ketenpartners"): 80,
            },
        ),
    ],
)
def test_reach_figures_match_the_report(seeded, slug, expected):
    assert reach(slug) == expected


def test_stem_van_de_client_reach_per_tool(seeded):
    figures = reach("de-stem-van-de-client")
    assert len(figures) == 14
    assert figures[("Matching", "cliënten")] == 10
    assert figures[("Samen Sterker", "cliënten")] == 93
    assert figures[("Spiegelgesprek", "professionals")] == 123
    assert figures[("Cliëntentafel en jongerenambassadeurs", "cliënten")] == 120


def test_swing_deliverables_link_to_the_agreed_knowledge_items(seeded):
    linked = {
        o.item.slug: o.project.slug
        for o in Opbrengst.objects.filter(item__isnull=False).select_related("item", "project")
    }
    assert linked["keukentafeluitdaging"] == "een-clientproces-tools-voor-samenwerking"
    assert linked["groeiplan"] == "een-clientproces-tools-voor-samenwerking"
    assert linked["maatschappelijke-businesscase-werken-zonder-maatregel"] == (
        "werken-zonder-maatregel-en-signs-of-safety"
    )
    assert linked["save-begeleiding"] == "preventief-veilig-samen-verder"
    assert linked["beschermen-en-versterken"] == "samen-optrekken-in-complexe-scheidingen"
    assert linked["tips-veiligheid-lokale-keten"] == "veiligheid-in-de-lokale-veiligheidsketen"
    for slug in ["matching", "maatjes", "samen-sterker", "clientbureau", "startvragen-werkrelatie"]:
        assert linked[slug] == "de-stem-van-de-client"
    for slug in [
        "klaar-mee",
        "ik-plan",
        "continued-care",
        "positief-afsluiten",
        "woord-en-beeldverhaal",
    ]:
        assert linked[slug] == "signs-of-success"
    assert linked["safe-path-jeugdzorg"] == "pilot-safe-path-jeugdzorg"
    # every linked item is published, so every link works
    assert (
        not Opbrengst.objects.filter(item__isnull=False)
        .exclude(item__status=ItemStatus.GEPUBLICEERD)
        .exists()
    )
