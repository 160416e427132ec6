"""Hostile gespreksbestanden on the trajectory import: the same Dutch 400 as on the open page."""

import io
import json

import pytest

from gesprekstool.models import Onderdeel
from tests.gesprekstool.conftest import part_data
from tests.gesprekstool.test_gespreksbestand import HOSTILE

pytestmark = pytest.mark.django_db


def upload(client, content, url):
    file = io.BytesIO(content if isinstance(content, bytes) else content.encode())
    file.name = "gesprek.json"
    return client.post(url, {"bestand": file})


@pytest.mark.parametrize(("make", "message"), HOSTILE)
def test_hostile_files_get_a_dutch_400_on_the_trajectory_import(
    pro_client, traject, seed, make, message
):
    # Exported from a conversation of this trajectory, then made hostile.
    url = f"/gesprekstool/mijn/{traject.uuid}/"
    gesprek = traject.gesprekken.get()
    part = Onderdeel.objects.get(slug="zelfherstel")
    pro_client.post(f"/gesprekstool/gesprek/{gesprek.uuid}/zelfherstel/", part_data(part, [4]))
    pro_client.post(
        f"/gesprekstool/gesprek/{gesprek.uuid}/afspraken/",
        {"onderdeel": part.id, "wat": "Oma bellen", "wie_rol": "jongere", "wanneer": "zondag"},
    )
    data = json.loads(
        pro_client.get(f"/gesprekstool/gesprek/{gesprek.uuid}/gespreksbestand.json").content
    )
    response = upload(pro_client, make(data), url + "importeren/")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert traject.gesprekken.count() == 1
