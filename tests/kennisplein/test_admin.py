from kennisplein.models import Item, ItemStatus
from tests.factories import ItemFactory


def test_editor_finds_filters_and_edits_items(editor_client, pijlers, themas):
    item = ItemFactory(titel="Signs of Success", slug="signs-of-success", pijlers=pijlers[:1])
    ItemFactory(titel="Geheime werkvorm", status=ItemStatus.CONCEPT, publicatiedatum=None)
    changelist = editor_client.get("/beheer/kennisplein/item/", {"q": "signs"})
    assert changelist.status_code == 200
    html = changelist.content.decode()
    assert "Signs of Success" in html and "Geheime werkvorm" not in html
    assert (
        editor_client.get("/beheer/kennisplein/item/", {"status__exact": "concept"}).status_code
        == 200
    )
    change = editor_client.get(f"/beheer/kennisplein/item/{item.pk}/change/")
    assert change.status_code == 200
    assert "bijlagen-TOTAL_FORMS" in change.content.decode()  # attachments inline
    assert editor_client.get("/beheer/kennisplein/item/add/").status_code == 200


def test_editor_creates_a_draft_and_publishes_it_with_the_action(editor_client, pijlers, themas):
    response = editor_client.post(
        "/beheer/kennisplein/item/add/",
        {
            "titel": "Nieuwe werkvorm",
            "slug": "nieuwe-werkvorm",
            "type": "tool",
            "samenvatting": "Kort.",
            "inhoud": "## Kop",
            "pijlers": [pijlers[0].pk],
            "themas": [themas[0].pk],
            "status": "concept",
            "bijlagen-TOTAL_FORMS": "0",
            "bijlagen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get(slug="nieuwe-werkvorm")
    assert item.status == ItemStatus.CONCEPT
    editor_client.post(
        "/beheer/kennisplein/item/",
        {"action": "publish", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.GEPUBLICEERD and item.publicatiedatum is not None


def test_editor_may_manage_attachments_and_audiences(editor):
    assert editor.has_perm("kennisplein.add_bijlage")
    assert editor.has_perm("kennisplein.change_doelgroep")


def test_a_year_the_list_cannot_make_a_date_of_gets_the_wrong_filter_page(editor_client):
    # Past 2**31 Python cannot make a date of it; 9999 has no year after it. Django's
    # "wrong filter" redirect, not a 500.
    for year in ["2147483648", "9999", "0"]:
        url = f"/beheer/kennisplein/item/?publicatiedatum__year={year}"
        response = editor_client.get(url)
        assert response.status_code == 302 and response.url.endswith("?e=1"), year
    assert (
        editor_client.get("/beheer/kennisplein/item/?publicatiedatum__year=2026").status_code == 200
    )
