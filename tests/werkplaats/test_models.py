"""Divisiveness, retention and clean-up, the link with the kennisplein, the admin and the seed."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client

from herstel.roles import ensure_editor_group
from tests.factories import ItemFactory
from werkplaats import services
from werkplaats.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Antwoord,
    Deelnemer,
    Schaal,
    Sessie,
    SessieStelling,
    Stellingenset,
)
from werkplaats.results import divisiveness

from .conftest import answer, join, make_set, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "schaal, counts, expected",
    [
        (Schaal.EENS_ONEENS, {}, 0.0),
        (Schaal.EENS_ONEENS, {"eens": 10}, 0.0),
        (Schaal.EENS_ONEENS, {"eens": 5, "oneens": 5}, 1.0),
        (Schaal.EENS_ONEENS, {"eens": 3, "oneens": 1}, 0.5),
        (Schaal.EENS_ONEENS, {"eens": 3, "oneens": 1, "weet_niet": 20}, 0.5),  # takes no side
        (Schaal.EENS_ONEENS, {"weet_niet": 4}, 0.0),
        (Schaal.NUL_TIEN, {"0": 2, "10": 2}, 1.0),
        (Schaal.NUL_TIEN, {"4": 1, "6": 1, "5": 9}, 1.0),  # 5 takes no side
        (Schaal.NUL_TIEN, {"1": 1, "7": 3, "9": 4}, 0.25),
    ],
)
def test_divisiveness(schaal, counts, expected):
    assert divisiveness(schaal, Counter(counts)) == pytest.approx(expected)


def test_codes_and_tokens_are_random_and_unique(stellingenset):
    started = [services.sessie_start(stellingenset=stellingenset) for _ in range(20)]
    codes = {sessie.code for sessie, _ in started}
    assert len(codes) == 20
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(CODE_ALPHABET) ** CODE_LENGTH > 5_000_000_000
    assert len({token for _, token in started}) == 20


def test_a_zero_to_ten_set_offers_eleven_answers(client, db):
    stellingenset = make_set(slug="cijfers", schaal=Schaal.NUL_TIEN)
    sessie, _ = services.sessie_start(stellingenset=stellingenset)
    phone = join(sessie)
    page = phone.get(f"/doe-mee/{sessie.code}/")
    assert [choice[0] for choice in page.context["form"].fields["waarde"].choices] == [
        str(n) for n in range(11)
    ]
    assert answer(phone, sessie, "7").status_code == 302
    assert answer(phone, sessie, "eens").status_code == 400
    assert Antwoord.objects.get().waarde == "7"


def _age(sessie, **delta):
    from datetime import timedelta

    Sessie.objects.filter(pk=sessie.pk).update(aangemaakt=sessie.aangemaakt - timedelta(**delta))


def test_sessions_are_deleted_after_thirty_days_with_everything_in_them(stellingenset):
    old, old_token = services.sessie_start(stellingenset=stellingenset)
    recent, _ = services.sessie_start(stellingenset=stellingenset)
    answer(join(old), old, "eens")
    answer(join(recent), recent, "eens")
    _age(old, days=30, minutes=1)
    _age(recent, days=29)

    # Unreachable from the moment the period has passed, before the clean-up ran.
    assert Client().get(f"/werkplaats/leiden/{old_token}/").status_code == 404

    assert services.sessies_opruimen() == 1
    assert list(Sessie.objects.all()) == [recent]
    assert SessieStelling.objects.filter(sessie=old).count() == 0
    assert Deelnemer.objects.count() == 1 and Antwoord.objects.count() == 1
    assert services.sessies_opruimen() == 0  # safe to run again
    assert Stellingenset.objects.filter(pk=stellingenset.pk).exists()


def test_clean_up_command(stellingenset):
    sessie, _ = services.sessie_start(stellingenset=stellingenset)
    _age(sessie, days=31)
    out = StringIO()
    call_command("opruimen", stdout=out)
    assert "1 oude werkplaatssessie(s)" in out.getvalue()
    assert not Sessie.objects.exists()


def test_the_facilitator_page_says_when_the_session_is_deleted(started, client):
    sessie, leider_url = started
    assert f"We wissen de sessie op {sessie.verwijderdatum:%-d}" in text(client.get(leider_url))


def test_kennisplein_item_links_to_its_set_and_never_shows_a_stale_link(client, settings, db):
    settings.KENNISPLEIN_PAGE_CACHE = True  # the item page is kept whole for visitors
    item = ItemFactory(slug="stellingen-samenwerking")
    url = "/kennisplein/stellingen-samenwerking/"
    assert "Speel het in je werkplaats" not in text(client.get(url))

    stellingenset = make_set(item=item)
    page = text(client.get(url))
    assert "Speel het in je werkplaats" in page and "Stellingen over samenwerking" in page
    assert client.get(url).content == client.get(url).content  # served from the cache

    stellingenset.titel = "Samenwerken: de stellingen"
    stellingenset.save()
    assert "Samenwerken: de stellingen" in text(client.get(url))

    stellingenset.gepubliceerd = False
    stellingenset.save()
    assert "Speel het in je werkplaats" not in text(client.get(url))

    stellingenset.delete()
    assert "Speel het in je werkplaats" not in text(client.get(url))


def test_the_set_page_links_back_to_the_kennisplein(client, db):
    item = ItemFactory(slug="spel", titel="Spel over de leidende principes")
    stellingenset = make_set(item=item)
    assert "Spel over de leidende principes" in text(client.get(stellingenset.get_absolute_url()))


def test_editors_manage_sets_in_the_admin_but_never_see_sessions(client, editor, stellingenset):
    group = ensure_editor_group()
    codenames = set(
        Permission.objects.filter(group=group, content_type__app_label="werkplaats").values_list(
            "codename", flat=True
        )
    )
    assert "change_stellingenset" in codenames and "add_setstelling" in codenames
    assert not any("sessie" in name or "antwoord" in name for name in codenames)

    client.force_login(editor)
    response = client.get(f"/beheer/werkplaats/stellingenset/{stellingenset.pk}/change/")
    assert response.status_code == 200
    assert "Het gezin houdt de regie." in response.content.decode()
    assert client.get("/beheer/werkplaats/sessie/").status_code == 404


def test_seeded_sets(db):
    call_command("seed", stdout=StringIO())
    sets = {s.slug: s for s in Stellingenset.objects.published()}
    assert set(sets) == {
        "stellingen-over-samenwerking",
        "spel-over-de-leidende-principes",
        "herstelgericht-werken-in-mijn-organisatie",
    }
    assert sets["stellingen-over-samenwerking"].item.slug == "stellingen-samenwerking"
    assert sets["spel-over-de-leidende-principes"].item.slug == "spel-leidende-principes"
    assert sets["herstelgericht-werken-in-mijn-organisatie"].schaal == Schaal.NUL_TIEN
    assert all(s.stellingen.count() >= 5 for s in sets.values())
    overview = Client().get("/werkplaats/").context["sets"]
    assert [s.slug for s in overview] == [
        "stellingen-over-samenwerking",
        "spel-over-de-leidende-principes",
        "herstelgericht-werken-in-mijn-organisatie",
    ]
    for stellingenset in sets.values():
        stellingenset.full_clean()
        for stelling in stellingenset.stellingen.all():
            stelling.full_clean()


def test_the_statement_on_screen_follows_a_move(started):
    sessie, _ = started
    assert sessie.huidige_stelling.volgorde == 0
    services.sessie_go_to(sessie=sessie, volgorde=1)
    assert sessie.huidige_stelling.volgorde == 1
