"""The catalogue of mentors and a mentor's page."""

import pytest
from django.urls import reverse

from lainaamo.mentors.tests.factories import SkillFactory, make_cast, make_mentor
from lainaamo.mentors.tests.helpers import queries_for

pytestmark = pytest.mark.django_db


# --- catalogue ---------------------------------------------------------------------------------


def test_catalogue_lists_mentors_with_skills_languages_and_modes(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("mentors:catalogue"))

    page = response.content.decode()
    assert "Max Mentor" in page
    assert "Instagram – expert" in page
    assert "Nuorisotalo" in page
    assert 'lang="sv">svenska<' in page
    assert "Remote" in page


def test_catalogue_hides_paused_mentors(client):
    cast = make_cast(book=False)
    paused = make_mentor(name="Paula Paused")
    paused.paused = True
    paused.save()
    client.force_login(cast.borrower)

    response = client.get(reverse("mentors:catalogue"))

    assert "Paula Paused" not in response.content.decode()
    assert "Max Mentor" in response.content.decode()


def test_catalogue_filters_by_skill_language_sector_mode_and_municipality(client):
    cast = make_cast(book=False)
    other_skill = SkillFactory(slug="tiktok-test")
    make_mentor(skills={other_skill: 2}, languages=("en",), name="Tina Tiktok", remote=False)
    client.force_login(cast.borrower)
    url = reverse("mentors:catalogue")

    by_skill = client.get(url, {"skill": "instagram"}).content.decode()
    by_language = client.get(url, {"language": "en"}).content.decode()
    by_sector = client.get(url, {"sector": "youth", "mode": "remote"}).content.decode()
    by_place = client.get(url, {"municipality": cast.other_municipality.pk}).content.decode()

    assert "Max Mentor" in by_skill and "Tina Tiktok" not in by_skill
    assert "Tina Tiktok" in by_language and "Max Mentor" not in by_language
    assert "Max Mentor" in by_sector and "Tina Tiktok" not in by_sector
    assert "Max Mentor" not in by_place and "Tina Tiktok" not in by_place


def test_catalogue_answers_htmx_with_the_results_only(client):
    cast = make_cast(book=False)
    client.force_login(cast.borrower)

    response = client.get(
        reverse("mentors:catalogue"), {"skill": "instagram"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert "<html" not in page
    assert "Max Mentor" in page
    assert 'hx-swap-oob="innerHTML"' in page
    assert "HX-Request" in response["Vary"]


def test_catalogue_query_count_does_not_grow_with_mentors(client):
    cast = make_cast(book=False)
    client.force_login(cast.borrower)
    url = reverse("mentors:catalogue")
    for _ in range(2):
        make_mentor(skills={cast.skill: 2, SkillFactory(): 1}, languages=("fi", "sv", "en"))
    with_three = queries_for(client, url)

    for _ in range(17):
        make_mentor(skills={cast.skill: 2, SkillFactory(): 1}, languages=("fi", "sv", "en"))
    with_twenty = queries_for(client, url)

    assert with_twenty == with_three


# --- mentor page -------------------------------------------------------------------------------


def test_mentor_page_shows_the_bio_in_the_active_language(client):
    cast = make_cast(book=False)
    cast.mentor.bio_sv = "Jag hjälper gärna till med Instagram."
    cast.mentor.save()
    client.force_login(cast.borrower)
    client.cookies["lainaamo_language"] = "sv"

    response = client.get(reverse("mentors:mentor_detail", args=[cast.mentor.pk]))

    page = response.content.decode()
    assert "Jag hjälper gärna till med Instagram." in page
    assert "Autan mielelläni." not in page


def test_mentor_page_without_bio_in_the_language_offers_the_others_marked_by_language(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("mentors:mentor_detail", args=[cast.mentor.pk]))

    page = response.content.decode()
    assert "No introduction in this language." in page
    assert '<section lang="fi"' in page
    assert "Autan mielelläni." in page


def test_mentor_page_offers_to_borrow_the_mentor(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("mentors:mentor_detail", args=[cast.mentor.pk]))

    page = response.content.decode()
    assert f"{reverse('mentors:request')}?mentor={cast.mentor.pk}" in page
    assert "Borrow this mentor" in page
    assert "Vaasa" in page


def test_paused_mentor_page_offers_no_borrowing(english):
    cast = make_cast(book=False)
    cast.mentor.paused = True
    cast.mentor.save()
    english.force_login(cast.borrower)

    response = english.get(reverse("mentors:mentor_detail", args=[cast.mentor.pk]))

    assert "Borrow this mentor" not in response.content.decode()
    assert "on a break" in response.content.decode()
