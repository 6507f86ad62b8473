"""Region and municipality names follow the page's language, falling back to the official name."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

from lainaamo.directory.models import Municipality
from lainaamo.directory.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    UnitFactory,
    api_client,
)
from lainaamo.mentors.tests.factories import make_mentor

pytestmark = pytest.mark.django_db

place_names = import_module("lainaamo.directory.migrations.0003_place_names_in_each_language")


def test_bilingual_municipality_is_named_in_the_active_language_and_in_finnish_in_english():
    vaasa = MunicipalityFactory(name_fi="Vaasa", name_sv="Vasa")

    names = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            names[language] = (vaasa.name, str(vaasa))

    assert names == {"fi": ("Vaasa", "Vaasa"), "sv": ("Vasa", "Vasa"), "en": ("Vaasa", "Vaasa")}


def test_finnish_only_municipality_keeps_its_finnish_name_on_swedish_pages():
    laihia = MunicipalityFactory(name_fi="Laihia", finnish=True, swedish=False)

    with translation.override("sv"):
        name = Municipality.objects.get(pk=laihia.pk).name

    assert name == "Laihia"
    assert laihia.name_sv is None


def test_swedish_only_municipality_keeps_its_swedish_name_on_finnish_and_english_pages():
    place = MunicipalityFactory(name_fi=None, name_sv="Ängby", finnish=False, swedish=True)

    with translation.override("fi"):
        finnish = str(place)
    with translation.override("en"):
        english = str(place)

    assert (finnish, english) == ("Ängby", "Ängby")


def test_region_has_its_own_english_name():
    region = RegionFactory(name_fi="Pohjanmaa", name_sv="Österbotten", name_en="Ostrobothnia")

    with translation.override("en"):
        english = region.name
    with translation.override("sv"):
        swedish = region.name

    assert (english, swedish) == ("Ostrobothnia", "Österbotten")


def test_municipalities_sort_by_official_name_in_every_language():
    MunicipalityFactory(name_fi="Vaasa", name_sv="Vasa")
    MunicipalityFactory(name_fi=None, name_sv="Ängby", swedish=True, finnish=False)
    MunicipalityFactory(name_fi="Laihia", swedish=False)

    with translation.override("sv"):
        swedish = [place.name for place in Municipality.objects.all()]

    assert swedish == ["Laihia", "Vasa", "Ängby"]


def test_mentor_catalogue_in_swedish_names_the_municipality_in_swedish(client):
    korsholm = MunicipalityFactory(name_fi="Mustasaari", name_sv="Korsholm")
    mentor = make_mentor(unit=UnitFactory(municipality=korsholm, name="Smedsby skola"))
    client.force_login(mentor.person)
    client.cookies["lainaamo_language"] = "sv"

    response = client.get(reverse("mentors:catalogue"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Smedsby skola, Korsholm" in page
    assert "Mustasaari" not in page


def test_api_names_the_municipality_in_the_requested_language():
    korsholm = MunicipalityFactory(name_fi="Mustasaari", name_sv="Korsholm")
    mentor = make_mentor(unit=UnitFactory(municipality=korsholm))

    swedish = api_client(mentor.person, language="sv").get("/api/v1/mentors").json()
    finnish = api_client(mentor.person, language="fi").get("/api/v1/mentors").json()

    assert swedish[0]["unit"]["municipality_name"] == "Korsholm"
    assert swedish[0]["municipalities"] == [{"id": korsholm.pk, "name": "Korsholm"}]
    assert finnish[0]["unit"]["municipality_name"] == "Mustasaari"


def test_migration_keeps_existing_names_as_finnish_and_splits_the_old_demo_names():
    historical = (
        MigrationLoader(connection)
        .project_state(("directory", "0003_place_names_in_each_language"))
        .apps
    )
    Region = historical.get_model("directory", "Region")
    Municipality = historical.get_model("directory", "Municipality")
    region = Region.objects.create(name="Pohjanmaa (Österbotten)")
    Municipality.objects.create(region=region, name="Laihia", swedish=False)
    Municipality.objects.create(region=region, name="Vaasa (Vasa)", swedish=True)

    place_names.names_to_finnish(historical, None)

    names = [
        (place.name_fi, place.name_sv, place.name_en)
        for place in (Region.objects.get(pk=region.pk), *Municipality.objects.order_by("pk"))
    ]
    assert names == [
        ("Pohjanmaa", "Österbotten", "Ostrobothnia"),
        ("Laihia", None, None),
        ("Vaasa", "Vasa", None),
    ]
