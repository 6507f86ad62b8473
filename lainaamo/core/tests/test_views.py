"""The pages every visitor sees, the language switch, and the language of a signed-in user."""

import pytest
from django.urls import reverse

from lainaamo.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_home_invites_an_anonymous_visitor_to_log_in(english):
    response = english.get(reverse("core:home"))

    page = response.content.decode()
    assert reverse("directory:login") in page
    assert reverse("mentors:request") not in page


def test_home_shows_a_signed_in_user_the_main_actions(english):
    english.force_login(PersonFactory(name="Bea Borrower"))

    response = english.get(reverse("core:home"))

    page = response.content.decode()
    assert "Welcome, Bea" in page
    assert reverse("mentors:request") in page
    assert reverse("mentors:dashboard") not in page


def test_every_page_has_skip_link_language_switcher_and_statement_links(english):
    response = english.get(reverse("core:privacy"))

    page = response.content.decode()
    assert 'href="#main"' in page
    assert 'action="/language/"' in page
    assert reverse("core:accessibility") in page
    assert reverse("core:privacy") in page


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_html_lang_follows_the_language_cookie(client, language):
    client.cookies["lainaamo_language"] = language

    response = client.get(reverse("core:home"))

    assert f'<html lang="{language}">' in response.content.decode()


def test_switching_language_saves_it_for_a_signed_in_user(client):
    person = PersonFactory(language="fi")
    client.force_login(person)

    response = client.post(reverse("core:set_language"), {"language": "sv", "next": "/mentors/"})

    person.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/mentors/"
    assert response.cookies["lainaamo_language"].value == "sv"
    assert person.language == "sv"


def test_a_signed_in_user_is_told_in_the_new_language_that_mail_follows_it(client):
    person = PersonFactory(language="fi")
    client.force_login(person)

    page = client.post(
        reverse("core:set_language"), {"language": "sv", "next": "/"}, follow=True
    ).content.decode()

    assert "Lainaamo skriver nu till dig på svenska" in page
    again = client.post(
        reverse("core:set_language"), {"language": "sv", "next": "/"}, follow=True
    ).content.decode()
    assert "Lainaamo skriver nu" not in again  # nothing changed, nothing to say


def test_switching_language_anonymously_sets_only_the_cookie(client):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})

    assert response.cookies["lainaamo_language"].value == "en"


def test_switching_to_an_unknown_language_changes_nothing(client):
    person = PersonFactory(language="fi")
    client.force_login(person)

    client.post(reverse("core:set_language"), {"language": "de", "next": "/"})

    person.refresh_from_db()
    assert person.language == "fi"


def test_language_switch_refuses_get(client):
    response = client.get(reverse("core:set_language"))

    assert response.status_code == 405


def test_signed_in_user_without_cookie_gets_their_stored_language(client):
    client.force_login(PersonFactory(language="sv"))

    response = client.get(reverse("core:home"), headers={"accept-language": "en"})

    assert '<html lang="sv">' in response.content.decode()
    assert response.cookies["lainaamo_language"].value == "sv"


def test_language_cookie_wins_over_the_stored_language(client):
    client.force_login(PersonFactory(language="sv"))
    client.cookies["lainaamo_language"] = "fi"

    response = client.get(reverse("core:home"))

    assert '<html lang="fi">' in response.content.decode()


def test_accessibility_statement_names_the_configured_supervisor(english, settings):
    settings.ACCESSIBILITY_SUPERVISOR_NAME = "Digital Accessibility Supervision Unit"
    settings.ACCESSIBILITY_SUPERVISOR_URL = "https://supervisor.example/"
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "feedback@example.fi"

    response = english.get(reverse("core:accessibility"))

    page = response.content.decode()
    assert "Digital Accessibility Supervision Unit" in page
    assert 'href="https://supervisor.example/"' in page
    assert "mailto:feedback@example.fi" in page
    assert "WCAG" in page
    assert "14 days" in page


def test_privacy_notice_gives_the_legal_basis_and_contact(english, settings):
    settings.PRIVACY_CONTACT_EMAIL = "privacy@example.fi"

    response = english.get(reverse("core:privacy"))

    page = response.content.decode()
    assert "mailto:privacy@example.fi" in page
    assert "6(1)(e)" in page


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize("name", ["core:home", "core:accessibility", "core:privacy"])
def test_public_pages_render_in_the_chosen_language(client, name, language):
    client.cookies["lainaamo_language"] = language

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_missing_page_is_a_translated_page_with_the_site_around_it(english, settings):
    settings.DEBUG = False

    response = english.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="#main"' in response.content.decode()
