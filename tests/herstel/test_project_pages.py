import re

import pytest

from herstel.models import Project
from tests.factories import (
    BereikFactory,
    BijeenkomstFactory,
    BouwsteenFactory,
    LesFactory,
    OpbrengstFactory,
    ProgrammaFactory,
    ProjectFactory,
    ProjectorganisatieFactory,
    RegioFactory,
    WerkplaatsFactory,
)
from tests.helpers import assert_queries_do_not_grow, assert_valid_html, count_queries


def project_names(response):
    html = response.content.decode()
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def catalogue(db):
    """Three projects that differ in programme, region, building block, period and status."""
    swing = ProgrammaFactory(naam="SWING", slug="swing")
    keten = BouwsteenFactory(programma=swing, naam="Samenwerking in de keten")
    methoden = BouwsteenFactory(programma=swing, naam="Nieuwe methoden")
    brabant = RegioFactory(naam="Noord-Brabant")
    limburg = RegioFactory(naam="Limburg")
    RegioFactory(naam="Zeeland")
    wijk = ProjectFactory(
        naam="Wijkaanpak",
        volgorde=1,
        programma=swing,
        hoofdbouwsteen=keten,
        regios=[brabant],
        startjaar=2015,
        eindjaar=2017,
    )
    safe = ProjectFactory(
        naam="Safe Path",
        volgorde=2,
        programma=swing,
        hoofdbouwsteen=methoden,
        regios=[limburg],
        startjaar=2015,
        eindjaar=2017,
    )
    safe.bouwstenen.add(keten)
    jr = ProjectFactory(
        naam="Werkplaats JR", regios=[brabant], startjaar=2019, eindjaar=2021, status="lopend"
    )
    ProjectFactory(naam="Concept", gepubliceerd=False, programma=swing)
    return {"wijk": wijk, "safe": safe, "jr": jr}


def test_list_shows_published_projects_newest_first(client, catalogue):
    response = client.get("/projecten/")
    assert response.status_code == 200
    assert project_names(response) == ["Werkplaats JR", "Wijkaanpak", "Safe Path"]
    assert "3 projecten" in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("programma=swing", ["Wijkaanpak", "Safe Path"]),
        ("regio=noord-brabant", ["Werkplaats JR", "Wijkaanpak"]),
        ("regio=zeeland", []),
        # main block or "also works on" both count
        ("bouwsteen=samenwerking-in-de-keten", ["Wijkaanpak", "Safe Path"]),
        ("bouwsteen=nieuwe-methoden", ["Safe Path"]),
        ("jaar=2016", ["Wijkaanpak", "Safe Path"]),
        ("jaar=2020", ["Werkplaats JR"]),
        ("status=lopend", ["Werkplaats JR"]),
        ("programma=swing&regio=noord-brabant", ["Wijkaanpak"]),
        ("regio=noord-brabant&jaar=2016&status=afgerond", ["Wijkaanpak"]),
        ("programma=swing&status=lopend", []),
        (
            "programma=&regio=&bouwsteen=&jaar=&status=",
            ["Werkplaats JR", "Wijkaanpak", "Safe Path"],
        ),
    ],
)
def test_filters_in_the_query_string(client, catalogue, query, expected):
    response = client.get(f"/projecten/?{query}")
    assert response.status_code == 200
    assert project_names(response) == expected


def test_the_filter_form_keeps_the_chosen_values(client, catalogue):
    html = client.get("/projecten/?regio=limburg&jaar=2016").content.decode()
    assert '<option value="limburg" selected>Limburg</option>' in html
    assert '<option value="2016" selected>2016</option>' in html
    assert 'method="get"' in html


@pytest.mark.parametrize(
    "query",
    [
        "programma=bestaat-niet",
        "regio=atlantis",
        "bouwsteen=x",
        "jaar=abc",
        "jaar=1900",
        "jaar=99999999999999999999",
        "status=verdwenen",
        "regio=%C0%AF",
        "bouwsteen=" + "a" * 5000,
    ],
)
def test_unknown_or_malformed_filter_values_give_a_400_with_a_dutch_message(
    client, catalogue, query
):
    response = client.get(f"/projecten/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Niet elk filter kon worden gebruikt" in html
    # a Dutch message under the field (a NUL gets the site-wide 400, see test_middleware.py)
    assert re.search(r'<ul class="errorlist" id="id_\w+_error"><li>Deze keuze', html)
    # the bad filter is left out; the other projects are still shown
    assert len(project_names(response)) == 3


def test_a_bad_filter_next_to_a_good_one_still_applies_the_good_one(client, catalogue):
    response = client.get("/projecten/?regio=atlantis&status=lopend")
    assert response.status_code == 400
    assert project_names(response) == ["Werkplaats JR"]


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0"])
def test_bad_page_numbers_are_a_404(client, catalogue, page):
    assert client.get(f"/projecten/?page={page}").status_code == 404


def test_unknown_parameters_are_ignored(client, catalogue):
    response = client.get("/projecten/?zoek=iets&utm_source=x")
    assert response.status_code == 200
    assert len(project_names(response)) == 3


def test_list_query_count_does_not_grow(client, catalogue):
    def more():
        for _ in range(8):
            project = ProjectFactory(regios=[RegioFactory()])
            ProjectorganisatieFactory(project=project)

    assert_queries_do_not_grow(client, "/projecten/?status=afgerond", more, max_queries=11)
    # The list is kept until the content changes: next time only the content version is read.
    assert count_queries(client, "/projecten/?status=afgerond") == 1


@pytest.fixture
def full_project(db, item):
    programma = ProgrammaFactory(naam="SWING", slug="swing")
    project = ProjectFactory(
        naam="Eén cliëntproces",
        slug="een-clientproces",
        programma=programma,
        projectnummer="12345",
        startjaar=2015,
        eindjaar=2017,
        regio_omschrijving="Overijssel en Gelderland",
        doel="Het **doel** in Markdown.",
        aanpak="De aanpak.",
        resultaten="Wat het opleverde.",
        hoofdbouwsteen=BouwsteenFactory(programma=programma, naam="Samenwerking in de keten"),
    )
    ProjectorganisatieFactory(
        project=project, organisatie__naam="Jeugdbescherming Overijssel", rol="projectleiding"
    )
    ProjectorganisatieFactory(project=project, organisatie__naam="Veilig Thuis", rol="partner")
    OpbrengstFactory(
        project=project, titel="De keukentafeluitdaging", item=item("keukentafeluitdaging")
    )
    OpbrengstFactory(
        project=project, titel="Conceptding", item=item("nog-concept", status="concept")
    )
    BereikFactory(project=project, groep="Leerbijeenkomsten", label="professionals GI", aantal=20)
    BereikFactory(project=project, groep="Inspiratiebijeenkomst", label="medewerkers", aantal=60)
    LesFactory(project=project, titel="Elkaar zien en kennen")
    werkplaats = WerkplaatsFactory(
        project=project, naam="Werkplaats Twente", aantal_bijeenkomsten=5
    )
    BijeenkomstFactory(werkplaats=werkplaats, volgnummer=1, thema="Kennismaken")
    BijeenkomstFactory(werkplaats=werkplaats, volgnummer=2, thema="Casussen bespreken")
    return project


def test_project_page_shows_key_facts_goal_lessons_and_workshops(client, full_project):
    response = client.get("/projecten/een-clientproces/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Eén cliëntproces</h1>" in html
    assert "<dt>Projectnummer</dt><dd>12345</dd>" in html
    assert "<dt>Periode</dt><dd>2015–2017" in html
    assert "<dt>Verantwoordelijke organisatie</dt><dd>Jeugdbescherming Overijssel</dd>" in html
    assert "<dt>Regio</dt><dd>Overijssel en Gelderland" in html
    assert "Het <strong>doel</strong> in Markdown." in html
    assert "Elkaar zien en kennen" in html
    assert "<td>Veilig Thuis</td>" in html
    # the workshop and its meetings, in order, as a timeline
    assert html.index("Kennismaken") < html.index("Casussen bespreken")
    assert '<ol class="tijdlijn"' in html


def test_deliverables_link_into_the_kennisplein_only_when_published(client, full_project):
    html = client.get("/projecten/een-clientproces/").content.decode()
    assert '<a href="/kennisplein/keukentafeluitdaging/">De keukentafeluitdaging</a>' in html
    assert "/kennisplein/nog-concept/" not in html
    assert "Conceptding" in html


def test_reach_chart_has_bars_and_a_table_with_the_same_figures(client, full_project):
    html = client.get("/projecten/een-clientproces/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    assert svg.count('<rect class="bereik__bar"') == 2
    # the largest figure gets the longest bar
    widths = [int(w) for w in re.findall(r'<rect class="bereik__bar"[^>]*width="(\d+)"', svg)]
    assert widths[1] > widths[0] > 0
    assert "style=" not in svg
    table = html[html.index('<table class="bereik__table"') : html.index("</table>")]
    assert '<td>Leerbijeenkomsten</td><td>professionals GI</td><td class="num">20</td>' in table
    assert '<td>Inspiratiebijeenkomst</td><td>medewerkers</td><td class="num">60</td>' in table


def test_a_project_without_reach_has_no_chart(client, db):
    ProjectFactory(slug="leeg")
    html = client.get("/projecten/leeg/").content.decode()
    assert "<svg" not in html


def test_draft_and_unknown_projects_are_404(client, db):
    ProjectFactory(slug="concept", gepubliceerd=False)
    assert client.get("/projecten/concept/").status_code == 404
    assert client.get("/projecten/bestaat-niet/").status_code == 404
    assert client.get("/projecten/programmas/bestaat-niet/").status_code == 404
    assert client.get("/projecten/symposia/bestaat-niet/").status_code == 404
    for weird in ["/projecten/programmas/%C0%AF/", "/projecten/symposia/a%20b/"]:
        assert client.get(weird).status_code == 404, weird


def test_project_page_query_count_does_not_grow(client, full_project):
    def more():
        for _ in range(5):
            OpbrengstFactory(project=full_project)
            BereikFactory(project=full_project)
            LesFactory(project=full_project)
            ProjectorganisatieFactory(project=full_project, rol="partner")
            BijeenkomstFactory(werkplaats=WerkplaatsFactory(project=full_project))

    assert_queries_do_not_grow(client, "/projecten/een-clientproces/", more, max_queries=14)
    # The row and the body are kept until the content changes: next time only the version.
    assert count_queries(client, "/projecten/een-clientproces/") == 1


def test_reserved_slugs_cannot_be_project_slugs(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Project.objects.create(slug="programmas", naam="x", samenvatting="x", doel="x")


def test_programme_page_shows_goal_building_blocks_and_figures(client, seeded):
    response = client.get("/projecten/programmas/swing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "SWING in cijfers" in html
    for figure in ["502", "970", "29", "47.357", "29.085"]:
        assert f'<span class="figure__value">{figure}</span>' in html, figure
    assert "De 4 bouwstenen en hun projecten" in html
    for name in ["Samenwerking in de keten", "Nieuwe methoden", "Samenwerken met burgers"]:
        assert name in html
    assert html.count('href="/projecten/signs-of-success/"') == 2  # main block and "also"
    assert 'href="/projecten/?programma=swing">11 projecten</a>' in html


def test_programme_page_query_count_does_not_grow(client, seeded):
    from herstel.models import Bouwsteen

    keten = Bouwsteen.objects.get(slug="samenwerking-in-de-keten")
    assert_queries_do_not_grow(
        client,
        "/projecten/programmas/swing/",
        lambda: [ProjectFactory(programma=keten.programma, hoofdbouwsteen=keten) for _ in range(5)],
        max_queries=8,
    )
    assert count_queries(client, "/projecten/programmas/swing/") == 1


def test_seeded_project_page_links_its_tools_into_the_kennisplein(client, seeded):
    html = client.get("/projecten/signs-of-success/").content.decode()
    for slug in ["signs-of-success", "klaar-mee", "ik-plan", "continued-care"]:
        assert f'href="/kennisplein/{slug}/"' in html
        assert client.get(f"/kennisplein/{slug}/").status_code == 200
    assert (
        "<td>Uitvoering project</td><td>jongeren (30 met een licht verstandelijke beperking" in html
    )


def test_symposium_page_links_to_the_recording_and_the_project(client, seeded):
    response = client.get("/projecten/symposia/op-weg-naar-succes-en-herstel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/kennisplein/symposium-op-weg-naar-succes-en-herstel/"' in html
    assert 'href="/projecten/werkplaats-jr-2-0/"' in html
    assert "Borging van de aanpak" in html


def test_over_page_tells_the_jr20_story_with_its_seven_results_and_links(client, seeded):
    response = client.get("/over/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "De 7 beoogde resultaten, en waar je ze vindt" in html
    assert "<h3>9 bijeenkomsten</h3>" in html
    assert html.count('class="resultaat"') == 7
    assert 'href="/gesprekstool/">Naar de gesprekstool</a>' in html
    assert 'href="/kennisplein/">Naar het kennisplein</a>' in html
    assert 'href="/kennisplein/?type=video">Bekijk de succesfilmpjes</a>' in html
    assert (
        'href="/projecten/symposia/op-weg-naar-succes-en-herstel/">Naar de symposiumpagina' in html
    )
    assert 'href="/projecten/werkplaats-jr-2-0/"' in html


def test_over_page_works_without_project_records(client, db):
    response = client.get("/over/")
    assert response.status_code == 200
    assert "Over deze website" in response.content.decode()


def test_over_page_query_count_is_bounded(client, seeded):
    from herstel.models import Werkplaats

    werkplaats = Werkplaats.objects.get(project__slug="werkplaats-jr-2-0")
    assert_queries_do_not_grow(
        client,
        "/over/",
        lambda: BijeenkomstFactory.create_batch(3, werkplaats=werkplaats),
        max_queries=14,
    )
    assert count_queries(client, "/over/") == 1


def test_every_seeded_project_page_works_and_all_pages_are_valid_html(client, seeded):
    urls = [p.get_absolute_url() for p in Project.objects.published()]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    for url in [
        "/projecten/",
        "/projecten/?regio=atlantis",
        "/projecten/?programma=swing&jaar=2016",
        "/projecten/programmas/swing/",
        "/projecten/symposia/op-weg-naar-succes-en-herstel/",
        "/over/",
    ]:
        pages[url + "#"] = client.get(url).content.decode()
    assert_valid_html(
        {name.replace("?", "_").replace("&", "_"): html for name, html in pages.items()}
    )


def test_project_pages_have_no_inline_styles_or_scripts(client, seeded):
    """The strict CSP forbids them: the chart is coloured with classes only."""
    for url in [
        "/projecten/",
        "/projecten/de-stem-van-de-client/",
        "/projecten/programmas/swing/",
        "/over/",
        "/projecten/symposia/op-weg-naar-succes-en-herstel/",
    ]:
        html = client.get(url).content.decode()
        assert "style=" not in html, url
        assert "<script>" not in html and " onclick=" not in html, url


def test_year_filter_offers_the_years_of_the_published_projects(client, catalogue):
    html = client.get("/projecten/").content.decode()
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == [str(year) for year in range(2015, 2022)]


def test_a_changed_project_text_shows_at_once_though_markdown_is_kept_per_text(client, db):
    project = ProjectFactory(slug="doelen", doel="Eerst **vet** doel.", gepubliceerd=True)
    assert "Eerst <strong>vet</strong> doel." in client.get("/projecten/doelen/").content.decode()
    Project.objects.filter(pk=project.pk).update(doel="Daarna *schuin* doel.")
    html = client.get("/projecten/doelen/").content.decode()
    assert "Daarna <em>schuin</em> doel." in html
    assert "Eerst" not in html


def test_an_editors_change_shows_on_the_next_request_though_pages_are_kept(client, full_project):
    url = "/projecten/een-clientproces/"
    for page in [url, "/projecten/"]:
        assert "Eén cliëntproces" in client.get(page).content.decode()  # rendered and kept
    les = full_project.lessen.get()
    les.titel = "Een nieuwe les van de redactie"
    les.save()
    full_project.naam = "Eén cliëntproces, herzien"
    full_project.save()
    html = client.get(url).content.decode()
    assert "Een nieuwe les van de redactie" in html
    assert "<title>Eén cliëntproces, herzien" in html  # the kept row, outside the body
    assert "Eén cliëntproces, herzien" in client.get("/projecten/").content.decode()
    full_project.gepubliceerd = False
    full_project.save()
    assert client.get(url).status_code == 404


def test_symposium_page_is_kept_until_the_content_changes(client, seeded):
    url = "/projecten/symposia/op-weg-naar-succes-en-herstel/"
    client.get(url)
    assert count_queries(client, url) == 1
