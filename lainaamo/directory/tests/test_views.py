"""Accounts: log in and out, throttling, passwords, the profile page."""

import re

import pytest
from django.contrib.auth import forms as auth_forms
from django.urls import reverse
from django.utils.translation import get_language

from lainaamo.directory.tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


def log_in(client, email: str, password: str):
    return client.post(reverse("directory:login"), {"username": email, "password": password})


def test_login_page_asks_for_email_and_password(english):
    response = english.get(reverse("directory:login"))

    page = response.content.decode()
    assert 'type="email"' in page
    assert 'type="password"' in page
    assert reverse("directory:password_reset") in page


def test_login_sets_the_language_the_user_chose(client):
    person = PersonFactory(email="bea@example.fi", language="sv")

    response = log_in(client, "bea@example.fi", PASSWORD)

    assert response.status_code == 302
    assert response.cookies["lainaamo_language"].value == "sv"
    assert client.session["_auth_user_id"] == str(person.pk)


def test_login_from_a_page_in_another_language_says_which_language_the_account_uses(client):
    PersonFactory(email="bea@example.fi", language="fi")
    client.cookies["lainaamo_language"] = "sv"  # switched to Swedish on the login page

    response = log_in(client, "bea@example.fi", PASSWORD)
    page = client.get(response["Location"]).content.decode()

    assert '<html lang="fi">' in page
    assert "Tilisi kieli on suomi" in page


def test_login_in_the_accounts_own_language_says_nothing_of_it(client):
    PersonFactory(email="bea@example.fi", language="sv")
    client.cookies["lainaamo_language"] = "sv"

    response = log_in(client, "bea@example.fi", PASSWORD)
    page = client.get(response["Location"]).content.decode()

    assert '<html lang="sv">' in page
    assert "Ditt konto använder" not in page


def test_wrong_password_shows_an_error_and_does_not_log_in(english):
    PersonFactory(email="bea@example.fi")

    response = log_in(english, "bea@example.fi", "wrong")

    assert response.status_code == 200
    assert "The e-mail address or the password is wrong." in response.content.decode()
    assert "_auth_user_id" not in english.session


def test_five_failures_lock_the_account_out_with_a_translated_page(english):
    PersonFactory(email="bea@example.fi")
    for _ in range(4):
        log_in(english, "bea@example.fi", "wrong")

    locked = log_in(english, "bea@example.fi", "wrong")
    afterwards = log_in(english, "bea@example.fi", PASSWORD)

    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()
    assert "You can try again in 15 minutes." in locked.content.decode()
    assert afterwards.status_code == 429
    assert "_auth_user_id" not in english.session


def test_logout_needs_post_and_a_get_goes_to_the_front_page_still_logged_in(client):
    client.force_login(PersonFactory())

    refused = client.get(reverse("directory:logout"))
    assert (refused.status_code, refused["Location"]) == (302, reverse("core:home"))
    assert "_auth_user_id" in client.session

    response = client.post(reverse("directory:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_has_a_link_that_sets_a_new_password(client, mailoutbox, settings):
    settings.SITE_URL = "https://lainaamo.example"
    person = PersonFactory(email="bea@example.fi")

    client.post(reverse("directory:password_reset"), {"email": "bea@example.fi"})
    link = re.search(r"https://lainaamo\.example(/password/reset/\S+/)", mailoutbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )

    person.refresh_from_db()
    assert mailoutbox[0].to == ["bea@example.fi"]
    assert person.check_password("a-new-long-passphrase")


def test_password_reset_mail_is_written_in_the_users_language(client, monkeypatch):
    PersonFactory(email="bea@example.fi", language="sv")
    languages = []
    monkeypatch.setattr(
        auth_forms.PasswordResetForm,
        "send_mail",
        lambda self, *args, **kwargs: languages.append(get_language()),
    )
    client.cookies["lainaamo_language"] = "fi"

    client.post(reverse("directory:password_reset"), {"email": "bea@example.fi"})

    assert languages == ["sv"]


def test_password_reset_for_an_unknown_address_sends_nothing_but_says_the_same(
    english, mailoutbox
):
    response = english.post(
        reverse("directory:password_reset"), {"email": "nobody@example.fi"}, follow=True
    )

    assert "Check your e-mail" in response.content.decode()
    assert mailoutbox == []


def test_password_change_with_a_wrong_old_password_is_refused(english):
    person = PersonFactory()
    english.force_login(person)

    response = english.post(
        reverse("directory:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )

    person.refresh_from_db()
    assert response.status_code == 200
    assert person.check_password(PASSWORD)


def test_password_change_saves_the_new_password(client):
    person = PersonFactory()
    client.force_login(person)

    response = client.post(
        reverse("directory:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )

    person.refresh_from_db()
    assert response["Location"] == reverse("directory:password_change_done")
    assert person.check_password("a-new-long-passphrase")


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize(
    "name", ["directory:login", "directory:password_reset", "directory:password_reset_done"]
)
def test_account_pages_render_in_the_chosen_language(client, name, language):
    client.cookies["lainaamo_language"] = language

    response = client.get(reverse(name))

    assert f'<html lang="{language}">' in response.content.decode()


# --- the profile page ------------------------------------------------------------------------


def test_profile_saves_name_and_language_and_switches_the_pages(client):
    person = PersonFactory(name="Bea Borrower", language="fi")
    client.force_login(person)

    response = client.post(
        reverse("directory:profile"),
        {
            "section": "person",
            "person-name": "Bea B. Borrower",
            "person-language": "sv",
            "person-home_unit": person.home_unit_id,
        },
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:profile")
    assert person.name == "Bea B. Borrower"
    assert person.language == "sv"
    assert response.cookies["lainaamo_language"].value == "sv"


def test_profile_with_a_blank_name_shows_the_error_and_keeps_the_name(english):
    person = PersonFactory(name="Bea Borrower", language="fi")
    english.force_login(person)

    response = english.post(
        reverse("directory:profile"),
        {"section": "person", "person-name": "", "person-language": "en"},
    )

    person.refresh_from_db()
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert person.name == "Bea Borrower"
    assert person.language == "fi"


def test_profile_shows_the_parts_other_apps_add_after_the_persons_details(english):
    english.force_login(PersonFactory())

    page = english.get(reverse("directory:profile")).content.decode()

    assert page.index("Personal details") < page.index("Calendar feed")


def test_profile_ignores_a_section_nobody_answers_and_saves_nothing(english):
    person = PersonFactory(name="Bea Borrower")
    english.force_login(person)

    response = english.post(
        reverse("directory:profile"), {"section": "nonsense", "person-name": "Someone Else"}
    )

    person.refresh_from_db()
    assert response.status_code == 200
    assert person.name == "Bea Borrower"
