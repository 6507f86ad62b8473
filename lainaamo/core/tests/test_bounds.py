"""The bounds every request is held to: ids, years, NUL characters and the size of a body, on the
pages and in the API alike, answered with a translated 400 or 413 rather than a 500."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404

from lainaamo.core.bounds import (
    MAX_AHEAD,
    MAX_ID,
    MAX_SPAN,
    BoundedDateField,
    id_or_none,
    searchable,
)
from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.tests.factories import PersonFactory, api_client

NOW = dt.datetime(2026, 12, 18, 10, 0, tzinfo=HELSINKI)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 5000, None),
        ("0", None),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        (" 1", None),
        ("", None),
        (None, None),
    ],
)
def test_an_id_is_ascii_digits_within_64_bits(text, expected):
    assert id_or_none(text) == expected


def test_only_the_future_part_of_windows_within_the_horizon_is_searched():
    passed = (NOW - 3 * DAY, NOW - DAY)
    running = (NOW - DAY, NOW + DAY)
    far = (dt.datetime(9999, 12, 30, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, tzinfo=dt.UTC))
    long = (NOW + DAY, NOW + 400 * DAY)

    parts = searchable([passed, running, far, long], NOW)

    assert parts == [(NOW, NOW + DAY), (NOW + DAY, NOW + DAY + MAX_SPAN)]
    assert all(end <= NOW + MAX_AHEAD for _start, end in parts)
    assert searchable([passed], NOW) == []


@pytest.mark.parametrize("value", ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"])
def test_a_date_field_refuses_years_out_of_range(value):
    field = BoundedDateField()

    with pytest.raises(Exception) as error:
        field.clean(value)

    assert error.value.code == "date_range"


def test_a_date_field_takes_a_date_in_range():
    assert BoundedDateField().clean("2027-01-05") == dt.date(2027, 1, 5)


@pytest.mark.parametrize("path", [f"/mentors/{MAX_ID + 1}/", "/mentors/loans/1" + "0" * 30 + "/"])
def test_a_path_id_beyond_64_bits_matches_no_page(path):
    with pytest.raises(Resolver404):
        resolve(path)


@pytest.mark.django_db
def test_a_page_with_an_id_beyond_64_bits_is_not_found():
    client = Client()
    client.force_login(PersonFactory())

    response = client.get(f"/mentors/loans/{2**64}/")

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?skill=a%00b", "?municipality=1%00", "?%00=1"])
def test_a_nul_character_in_a_page_query_answers_400_in_the_users_language(query):
    client = Client(headers={"accept-language": "sv"})
    client.force_login(PersonFactory())

    response = client.get("/mentors/" + query)

    assert response.status_code == 400
    assert "NUL-tecken" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_character_in_a_form_answers_400_and_changes_nothing():
    person = PersonFactory(name="Bea")
    client = Client()
    client.force_login(person)

    response = client.post(
        "/profile/",
        {"section": "person", "person-name": "Bea\x00Borrower", "person-language": "fi"},
    )

    person.refresh_from_db()
    assert response.status_code == 400
    assert person.name == "Bea"


@pytest.mark.django_db
def test_a_nul_character_in_a_cookie_answers_400():
    client = Client()
    client.cookies["sessionid"] = "abc\x00def"

    response = client.get("/")

    assert response.status_code == 400


@pytest.mark.django_db
def test_a_nul_character_in_an_api_query_answers_400_in_the_apis_shape():
    response = api_client(PersonFactory(), language="fi").get(
        "/api/v1/mentors", {"skill": "a\x00b"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "NUL-merkki" in response.json()["message"]


@pytest.mark.django_db
def test_a_nul_character_in_api_login_answers_400():
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "a\x00@example.fi", "password": "x"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "null_character"


TOO_LARGE = 2_621_440 + 1


@pytest.mark.django_db
def test_an_api_body_over_two_and_a_half_megabytes_answers_413():
    body = '{"need": "' + "x" * TOO_LARGE + '"}'

    response = api_client(PersonFactory(), language="sv").post(
        "/api/v1/loans", body, content_type="application/json"
    )

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert response.json()["message"] == ("Begäran är för stor. Skicka högst 2,5 MB åt gången.")


@pytest.mark.django_db
def test_a_form_over_two_and_a_half_megabytes_answers_413_in_the_users_language():
    client = Client(headers={"accept-language": "fi"})
    client.force_login(PersonFactory())

    response = client.post("/mentors/request/", {"need": "x" * TOO_LARGE})

    assert response.status_code == 413
    assert "Lähetä enintään 2,5 Mt kerrallaan." in response.content.decode()


@pytest.mark.django_db
def test_a_body_within_the_limit_is_read():
    body = '{"username": "' + "x" * 2_000_000 + '", "password": "x"}'

    response = Client().post("/api/v1/auth/token", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "string_too_long"
