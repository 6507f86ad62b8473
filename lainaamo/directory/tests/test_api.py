import hashlib

import pytest
from django.test import Client

from lainaamo.directory.models import ApiToken
from lainaamo.directory.tests.factories import (
    PASSWORD,
    PersonFactory,
    api_client,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


TOKEN_URL = "/api/v1/auth/token"


def ask_for_token(client: Client, username: str, password: str, **headers):
    return client.post(
        TOKEN_URL,
        {"username": username, "password": password},
        content_type="application/json",
        headers=headers,
    )


def test_right_password_gives_a_token_whose_hash_alone_is_stored():
    person = PersonFactory(email="mentor@vaasa.fi")

    response = ask_for_token(Client(), "Mentor@Vaasa.fi", PASSWORD)

    assert response.status_code == 200
    key = response.json()["token"]
    stored = ApiToken.objects.get(person=person)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in stored.key_hash


def test_token_authenticates_later_requests():
    person = PersonFactory(name="Maija Mentor")
    key = ask_for_token(Client(), person.email, PASSWORD).json()["token"]

    response = Client().get("/api/v1/me", headers={"authorization": f"Bearer {key}"})

    assert response.status_code == 200
    assert response.json()["name"] == "Maija Mentor"
    assert ApiToken.objects.get(person=person).last_used_at is not None


def test_token_of_a_deactivated_person_or_a_revoked_token_no_longer_works():
    person = PersonFactory()
    key = ask_for_token(Client(), person.email, PASSWORD).json()["token"]
    headers = {"authorization": f"Bearer {key}"}
    assert Client().get("/api/v1/me", headers=headers).status_code == 200

    person.is_active = False
    person.save(update_fields=["is_active"])
    assert Client().get("/api/v1/me", headers=headers).status_code == 401

    person.is_active = True
    person.save(update_fields=["is_active"])
    assert Client().delete(TOKEN_URL, headers=headers).status_code == 204
    assert Client().get("/api/v1/me", headers=headers).status_code == 401
    assert Client().get("/api/v1/me", headers={"authorization": "Bearer "}).status_code == 401


def test_last_use_of_a_token_is_written_at_most_every_five_minutes():
    import datetime as dt

    from django.utils import timezone

    person = PersonFactory()
    key = ask_for_token(Client(), person.email, PASSWORD).json()["token"]
    headers = {"authorization": f"Bearer {key}"}
    token = ApiToken.objects.get(person=person)
    recent = timezone.now() - dt.timedelta(minutes=4)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)

    Client().get("/api/v1/me", headers=headers)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == recent

    stale = timezone.now() - dt.timedelta(minutes=6)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=stale)
    Client().get("/api/v1/me", headers=headers)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > recent


def test_token_request_needs_no_csrf_token():
    person = PersonFactory()

    response = ask_for_token(Client(enforce_csrf_checks=True), person.email, PASSWORD)

    assert response.status_code == 200


def test_wrong_password_answers_401_invalid_credentials():
    person = PersonFactory()

    response = ask_for_token(Client(), person.email, "not-the-password")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert response.json()["message"]
    assert not ApiToken.objects.exists()


def test_inactive_person_gets_no_token():
    person = PersonFactory(is_active=False)

    response = ask_for_token(Client(), person.email, PASSWORD)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_five_failures_lock_the_account_out_even_for_the_right_password():
    person = PersonFactory()
    client = Client()
    for _attempt in range(5):
        ask_for_token(client, person.email, "guess")

    response = ask_for_token(client, person.email, PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "locked_out"
    assert response.json()["message"]
    assert int(response["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_failure_that_reaches_the_limit_is_answered_as_locked_out():
    person = PersonFactory()
    client = Client()
    for _attempt in range(4):
        ask_for_token(client, person.email, "guess")

    response = ask_for_token(client, person.email, "guess")

    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


def test_missing_password_answers_400_naming_the_field():
    response = Client().post(
        TOKEN_URL, {"username": "someone@example.fi"}, content_type="application/json"
    )

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert "password" in body["message"]
    assert body["errors"] == [
        {"field": "password", "code": "missing", "message": body["errors"][0]["message"]}
    ]


def test_body_that_is_not_json_answers_400_invalid():
    response = Client().post(TOKEN_URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["message"]


def test_bad_input_message_follows_accept_language():
    response = Client().post(
        TOKEN_URL, {}, content_type="application/json", headers={"accept-language": "sv"}
    )

    assert response.status_code == 400
    assert response["Content-Language"] == "sv"
    assert response.json()["code"] == "invalid"
    assert response.json()["message"]


def test_request_without_token_answers_401_unauthorized():
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"] == "Bearer"


def test_unknown_token_answers_401_unauthorized():
    response = Client().get("/api/v1/me", headers={"authorization": "Bearer made-up"})

    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_token_of_a_deactivated_person_stops_working():
    person = PersonFactory()
    client = api_client(person)
    person.is_active = False
    person.save()

    response = client.get("/api/v1/me")

    assert response.status_code == 401


def test_revoked_token_stops_working():
    client = api_client(PersonFactory())

    revoked = client.delete(TOKEN_URL)
    response = client.get("/api/v1/me")

    assert revoked.status_code == 204
    assert response.status_code == 401
    assert not ApiToken.objects.exists()


def test_session_login_alone_does_not_open_the_api():
    person = PersonFactory()
    client = Client()
    client.force_login(person)

    response = client.get("/api/v1/me")

    assert response.status_code == 401


def test_me_tells_language_unit_and_coordinated_municipalities():
    coordinator = coordinator_of(PersonFactory().home_unit.municipality, language="sv")

    body = api_client(coordinator).get("/api/v1/me").json()

    assert body["language"] == "sv"
    assert body["home_unit"]["id"] == coordinator.home_unit_id
    assert body["coordinates"] == [coordinator.home_unit.municipality_id]
    assert body["mentor"] is None


def test_without_accept_language_the_owner_language_is_used():
    client = api_client(PersonFactory(language="sv"))

    response = client.get("/api/v1/me")

    assert response["Content-Language"] == "sv"


def test_accept_language_wins_over_the_owner_language():
    client = api_client(PersonFactory(language="sv"), language="en")

    response = client.get("/api/v1/me")

    assert response["Content-Language"] == "en"


def test_openapi_document_is_public_and_docs_page_is_off():
    document = Client().get("/api/v1/openapi.json")
    docs = Client().get("/api/v1/docs")

    assert document.status_code == 200
    assert document.json()["components"]["securitySchemes"]["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert docs.status_code == 404


def test_unknown_path_under_the_api_answers_404_in_json():
    response = api_client(PersonFactory()).post("/api/v1/nothing/here")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_id_that_is_not_a_number_answers_400_naming_it():
    response = api_client(PersonFactory()).get("/api/v1/loans/not-a-number")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "id"
