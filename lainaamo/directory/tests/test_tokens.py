"""API tokens: expiry, the limit per person, revocation by a new password and on the profile."""

import datetime as dt

import pytest
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lainaamo.directory.models import ApiToken
from lainaamo.directory.tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-08 10:00", tick=False)]

TOKEN_URL = "/api/v1/auth/token"
NEW_PASSWORD = "a-new-long-passphrase"


def ask_for_token(username: str, password: str = PASSWORD, **fields):
    return Client().post(
        TOKEN_URL,
        {"username": username, "password": password, **fields},
        content_type="application/json",
    )


def me(key: str):
    return Client().get("/api/v1/me", headers={"authorization": f"Bearer {key}"})


# --- expiry ---------------------------------------------------------------------------------


def test_token_tells_when_it_expires_and_keeps_its_name(clock):
    person = PersonFactory()

    response = ask_for_token(person.email, name="Outlook add-in")

    token = ApiToken.objects.get(person=person)
    assert response.status_code == 200
    assert response.json()["expires_at"] == "2027-03-08T10:00:00+02:00"
    assert token.name == "Outlook add-in"
    assert token.expires_at == dt.datetime(2027, 3, 8, 8, 0, tzinfo=dt.UTC)


def test_token_works_until_its_last_moment_and_then_answers_token_expired(clock):
    person = PersonFactory(language="en")
    key = ask_for_token(person.email).json()["token"]

    clock.advance(dt.timedelta(days=90, seconds=-1))
    assert me(key).status_code == 200
    clock.advance(dt.timedelta(seconds=1))
    response = me(key)

    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert "expired" in response.json()["message"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_token_lifetime_follows_the_setting(clock, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 7
    person = PersonFactory()
    key = ask_for_token(person.email).json()["token"]

    clock.advance(dt.timedelta(days=7))

    assert me(key).json()["code"] == "token_expired"


def test_expired_token_message_follows_accept_language(clock):
    person = PersonFactory()
    key = ask_for_token(person.email).json()["token"]
    clock.advance(dt.timedelta(days=91))

    response = Client().get(
        "/api/v1/me", headers={"authorization": f"Bearer {key}", "accept-language": "sv"}
    )

    assert response.json()["code"] == "token_expired"
    assert "upphört" in response.json()["message"]


# --- the limit per person -------------------------------------------------------------------


def test_one_person_holds_at_most_ten_tokens(clock):
    person = PersonFactory()
    for _number in range(10):
        assert ask_for_token(person.email).status_code == 200

    response = ask_for_token(person.email)

    assert response.status_code == 409
    assert response.json()["code"] == "too_many_tokens"
    assert "10" in response.json()["message"]
    assert ApiToken.objects.filter(person=person).count() == 10


def test_a_revoked_or_expired_token_makes_room_for_a_new_one(clock):
    person = PersonFactory()
    for _number in range(9):
        ask_for_token(person.email)
    last = ask_for_token(person.email).json()["token"]
    Client().delete(TOKEN_URL, headers={"authorization": f"Bearer {last}"})
    assert ask_for_token(person.email).status_code == 200

    clock.advance(dt.timedelta(days=91))

    assert ask_for_token(person.email).status_code == 200
    assert ApiToken.objects.filter(person=person).count() == 1


def test_the_limit_is_per_person(clock):
    person, other = PersonFactory(), PersonFactory()
    for _number in range(10):
        ask_for_token(person.email)

    assert ask_for_token(other.email).status_code == 200


# --- a new password revokes every token -----------------------------------------------------


def keys_of(person, count: int = 2) -> list[str]:
    return [ask_for_token(person.email).json()["token"] for _number in range(count)]


def test_changing_the_password_on_its_page_revokes_every_token(client):
    person = PersonFactory()
    keys = keys_of(person)
    client.force_login(person)

    client.post(
        reverse("directory:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert [me(key).status_code for key in keys] == [401, 401]
    assert not ApiToken.objects.filter(person=person).exists()


def test_a_refused_password_change_keeps_the_tokens(client):
    person = PersonFactory()
    keys = keys_of(person)
    client.force_login(person)

    client.post(
        reverse("directory:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert [me(key).status_code for key in keys] == [200, 200]


def test_a_password_set_in_the_admin_revokes_every_token():
    person = PersonFactory()
    keys = keys_of(person)
    form = AdminPasswordChangeForm(
        person, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert form.is_valid(), form.errors

    form.save()

    assert [me(key).status_code for key in keys] == [401, 401]


def test_a_password_reset_revokes_every_token(client, mailoutbox):
    import re

    person = PersonFactory(email="bea@example.fi")
    keys = keys_of(person)
    client.post(reverse("directory:password_reset"), {"email": "bea@example.fi"})
    link = re.search(r"(/password/reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)

    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert [me(key).status_code for key in keys] == [401, 401]


def test_changepassword_command_revokes_every_token(monkeypatch):
    person = PersonFactory()
    keys = keys_of(person)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)

    call_command("changepassword", person.email, stdout=None)

    assert [me(key).status_code for key in keys] == [401, 401]


def test_a_password_hash_upgraded_at_login_keeps_the_tokens(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    person = PersonFactory()  # its hash is MD5, an older hasher now
    keys = keys_of(person, count=1)  # logging in for a token upgrades the hash

    person.refresh_from_db()
    assert person.password.startswith("pbkdf2_sha256$")
    assert me(keys[0]).status_code == 200


# --- the profile page -----------------------------------------------------------------------


def test_profile_lists_ones_own_tokens_that_still_work(english, clock):
    person = PersonFactory()
    ApiToken.issue(person, name="Outlook add-in")
    expired, _key = ApiToken.issue(person, name="Old script")
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    )
    ApiToken.issue(PersonFactory(), name="Someone else's")
    english.force_login(person)

    page = english.get(reverse("directory:profile")).content.decode()

    assert "Outlook add-in" in page
    assert "Old script" not in page
    assert "Someone else" not in page
    assert 'datetime="2027-03-08T10:00:00+02:00"' in page  # expires
    assert "Not yet" in page  # last used


def test_profile_without_tokens_says_so(english):
    english.force_login(PersonFactory())

    page = english.get(reverse("directory:profile")).content.decode()

    assert "You have no API tokens in use." in page


def test_revoking_a_token_on_the_profile_stops_it_working(english):
    person = PersonFactory()
    token, key = ApiToken.issue(person, name="Outlook add-in")
    kept, kept_key = ApiToken.issue(person, name="Report script")
    english.force_login(person)

    response = english.post(reverse("directory:revoke_api_token", args=[token.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("directory:profile")
    assert "The token is revoked." in response.content.decode()
    assert me(key).status_code == 401
    assert me(kept_key).status_code == 200


def test_another_persons_token_cannot_be_revoked(english):
    token, key = ApiToken.issue(PersonFactory())
    english.force_login(PersonFactory())

    response = english.post(reverse("directory:revoke_api_token", args=[token.pk]))

    assert response.status_code == 404
    assert me(key).status_code == 200


def test_revoking_takes_a_post_with_a_csrf_token():
    person = PersonFactory()
    token, key = ApiToken.issue(person)
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    url = reverse("directory:revoke_api_token", args=[token.pk])

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert me(key).status_code == 200


def test_revoking_needs_a_login():
    token, key = ApiToken.issue(PersonFactory())

    response = Client().post(reverse("directory:revoke_api_token", args=[token.pk]))

    assert response.status_code == 302
    assert me(key).status_code == 200
