"""Throttles: the client's address behind a proxy, logins per account and per address, and
password reset mail."""

import datetime as dt
import ipaddress

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from lainaamo.directory.models import Person
from lainaamo.directory.tests.factories import PASSWORD, PersonFactory
from lainaamo.directory.throttling import client_address

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-08 10:00", tick=False)]

PROXY = "10.0.0.5"
LIBRARY = "198.51.100.7"
ELSEWHERE = "203.0.113.9"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]


def address_of(remote: str, forwarded: str | None = None) -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def log_in(client, email: str, password: str, address: str = LIBRARY):
    return client.post(
        reverse("directory:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=address,
    )


def log_in_through_proxy(client, email: str, password: str, forwarded: str):
    return client.post(
        reverse("directory:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def fail_for_other_accounts(count: int, *, times: int = 1, address: str = LIBRARY) -> None:
    for number in range(count):
        for _time in range(times):
            log_in(Client(), f"someone{number}@example.fi", "Summer2026!", address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- the client's address -------------------------------------------------------------------


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert address_of(LIBRARY, forwarded="192.0.2.1") == LIBRARY


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(behind_proxy):
    assert address_of(PROXY, forwarded=LIBRARY) == LIBRARY


def test_an_address_the_client_wrote_into_the_header_itself_is_not_believed(behind_proxy):
    # The client sent "X-Forwarded-For: 192.0.2.1"; the proxy appended the address it saw.
    assert address_of(PROXY, forwarded=f"192.0.2.1, {LIBRARY}") == LIBRARY


def test_a_chain_of_trusted_proxies_is_followed_to_the_client(behind_proxy):
    assert address_of(PROXY, forwarded=f"{LIBRARY}, 10.0.0.9") == LIBRARY


def test_the_header_from_an_address_that_is_not_a_trusted_proxy_is_ignored(behind_proxy):
    assert address_of(ELSEWHERE, forwarded="192.0.2.1") == ELSEWHERE


def test_a_forwarded_value_that_is_no_address_falls_back_to_the_proxy(behind_proxy):
    assert address_of(PROXY, forwarded="unknown") == PROXY


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(behind_proxy):
    PersonFactory(email="bea@example.fi")
    for _attempt in range(5):
        log_in_through_proxy(Client(), "bea@example.fi", "wrong", forwarded=ELSEWHERE)
    client = Client()

    response = log_in_through_proxy(client, "bea@example.fi", PASSWORD, forwarded=LIBRARY)

    assert response.status_code == 302
    assert logged_in(client)


def test_a_client_cannot_escape_its_lock_by_changing_the_forwarded_header():
    PersonFactory(email="bea@example.fi")
    for number in range(5):
        Client().post(
            reverse("directory:login"),
            {"username": "bea@example.fi", "password": "wrong"},
            REMOTE_ADDR=ELSEWHERE,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    response = Client().post(
        reverse("directory:login"),
        {"username": "bea@example.fi", "password": PASSWORD},
        REMOTE_ADDR=ELSEWHERE,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )

    assert response.status_code == 429


# --- logins ---------------------------------------------------------------------------------


def test_login_takes_the_email_address_in_any_case(client):
    person = PersonFactory(email="bea@example.fi")

    response = log_in(client, "  Bea@Example.FI ", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_failures_in_different_cases_count_against_one_account(english):
    PersonFactory(email="bea@example.fi")
    for email in ["Bea@example.fi", "BEA@EXAMPLE.FI", "bea@Example.fi", "bea@example.FI"]:
        log_in(english, email, "wrong")

    response = log_in(english, "bea@example.fi", "wrong")

    assert response.status_code == 429


def test_an_address_address_added_in_the_admin_in_capitals_is_stored_in_lower_case():
    person = Person(email="Bea.Lind@Example.FI", name="Bea Lind")

    person.clean()

    assert person.email == "bea.lind@example.fi"


def test_failures_for_many_accounts_from_one_address_stop_further_attempts(english, clock):
    PersonFactory(email="bea@example.fi")
    fail_for_other_accounts(20)

    response = log_in(english, "bea@example.fi", PASSWORD)

    assert response.status_code == 429
    assert "failed from your network address" in response.content.decode()
    assert not logged_in(english)


def test_nineteen_accounts_failing_leave_the_address_open(client, clock):
    PersonFactory(email="bea@example.fi")
    fail_for_other_accounts(19)

    response = log_in(client, "bea@example.fi", PASSWORD)

    assert response.status_code == 302


def test_the_address_limit_counts_accounts_not_failures(client, clock):
    # Nineteen people who each mistype their own password four times.
    PersonFactory(email="bea@example.fi")
    fail_for_other_accounts(19, times=4)

    response = log_in(client, "bea@example.fi", PASSWORD)

    assert response.status_code == 302


def test_the_address_limit_does_not_reach_other_addresses(client, clock):
    PersonFactory(email="bea@example.fi")
    fail_for_other_accounts(20)

    response = log_in(client, "bea@example.fi", PASSWORD, address=ELSEWHERE)

    assert response.status_code == 302


def test_an_address_blocked_by_others_opens_15_minutes_after_their_failures(client, clock):
    PersonFactory(email="bea@example.fi")
    fail_for_other_accounts(20)
    clock.advance(dt.timedelta(minutes=10))
    # The sprayer keeps going while the address is blocked; those attempts are not counted.
    fail_for_other_accounts(40)
    assert log_in(Client(), "bea@example.fi", PASSWORD).status_code == 429

    clock.advance(dt.timedelta(minutes=5, seconds=1))
    response = log_in(client, "bea@example.fi", PASSWORD)

    assert response.status_code == 302


def test_an_account_locked_by_someone_elses_guesses_opens_after_15_minutes(client, clock):
    PersonFactory(email="bea@example.fi")
    for _minute in range(20):
        log_in(Client(), "bea@example.fi", "wrong")
        clock.advance(dt.timedelta(minutes=1))
    # 20 minutes of guessing, but only the five before the lock count.
    assert log_in(Client(), "bea@example.fi", PASSWORD).status_code == 302


def test_the_api_answers_the_address_limit_as_locked_out(clock):
    PersonFactory(email="bea@example.fi")
    fail_for_other_accounts(20)

    response = Client().post(
        "/api/v1/auth/token",
        {"username": "bea@example.fi", "password": PASSWORD},
        content_type="application/json",
        REMOTE_ADDR=LIBRARY,
    )

    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


# --- password reset mail --------------------------------------------------------------------


def ask_for_reset(client, email: str, address: str = LIBRARY):
    return client.post(reverse("directory:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_a_fourth_reset_for_one_email_address_in_an_hour_is_refused(english, mailoutbox, clock):
    PersonFactory(email="bea@example.fi")
    for _attempt in range(3):
        ask_for_reset(english, "bea@example.fi", address=f"192.0.2.{_attempt}")

    response = ask_for_reset(english, "Bea@Example.fi")

    assert response.status_code == 429
    assert "Too many requests to set a new password" in response.content.decode()
    assert len(mailoutbox) == 3


def test_reset_mail_can_be_asked_for_again_after_an_hour(english, mailoutbox, clock):
    PersonFactory(email="bea@example.fi")
    for _attempt in range(3):
        ask_for_reset(english, "bea@example.fi")
    clock.advance(dt.timedelta(hours=1, seconds=1))

    response = ask_for_reset(english, "bea@example.fi")

    assert response.status_code == 302
    assert len(mailoutbox) == 4


def test_resets_for_an_unknown_address_are_limited_the_same_way(english, mailoutbox, clock):
    for _attempt in range(3):
        assert ask_for_reset(english, "nobody@example.fi").status_code == 302

    response = ask_for_reset(english, "nobody@example.fi")

    assert response.status_code == 429
    assert mailoutbox == []


def test_one_address_asking_for_many_accounts_is_refused_after_twenty(english, mailoutbox, clock):
    PersonFactory(email="bea@example.fi")
    for number in range(20):
        ask_for_reset(english, f"someone{number}@example.fi")

    refused = ask_for_reset(english, "bea@example.fi")
    elsewhere = ask_for_reset(english, "bea@example.fi", address=ELSEWHERE)

    assert refused.status_code == 429
    assert elsewhere.status_code == 302
    assert len(mailoutbox) == 1
