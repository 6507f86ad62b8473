"""What mentors adds to the pages of lower apps: the navigation and the home page by role."""

import re

import pytest
from django.urls import reverse

from lainaamo.mentors.tests.factories import make_cast

pytestmark = pytest.mark.django_db

ENTRIES = {
    "borrower": ["Mentors", "Ask for a mentor", "My loans", "My profile"],
    "mentor": ["Mentors", "Ask for a mentor", "My loans", "Mentor's inbox", "My profile"],
    "coordinator": ["Mentors", "Ask for a mentor", "My loans", "Dashboard", "My profile"],
    "unit_manager": ["Mentors", "Ask for a mentor", "My loans", "Unit figures", "My profile"],
}


def navigation_of(page: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


@pytest.mark.parametrize("role", list(ENTRIES))
def test_navigation_shows_each_role_its_pages_with_the_profile_last(client, role):
    cast = make_cast(book=False)
    client.force_login(cast.person(role))
    client.cookies["lainaamo_language"] = "en"

    page = client.get(reverse("core:home")).content.decode()

    assert navigation_of(page) == [entry.replace("'", "&#x27;") for entry in ENTRIES[role]]


def test_a_visitor_sees_no_navigation(client):
    page = client.get(reverse("core:home")).content.decode()

    assert 'class="main-nav"' not in page


def test_navigation_marks_the_entry_a_page_belongs_under(client):
    cast = make_cast()
    client.force_login(cast.borrower)

    page = client.get(reverse("mentors:loan_detail", args=[cast.loan.pk])).content.decode()

    assert f'<a href="{reverse("mentors:my_loans")}" aria-current="page">' in page
    assert page.count('aria-current="page"') == 1


def test_home_shows_a_unit_manager_the_figures_of_each_unit_in_swedish(client):
    cast = make_cast(book=False)
    unit = cast.mentor.person.home_unit
    client.force_login(cast.unit_manager)
    client.cookies["lainaamo_language"] = "sv"

    page = client.get(reverse("core:home")).content.decode()

    assert reverse("mentors:unit_figures", args=[unit.pk]) in page
    assert f"Siffror för {unit.name}" in page
    assert reverse("mentors:inbox") not in page


def test_home_shows_a_mentor_the_inbox_and_the_profile_last(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)

    page = client.get(reverse("core:home")).content.decode()

    cards = re.search(r'<ul class="cards">.*?</ul>', page, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)"', cards)
    assert reverse("mentors:inbox") in links
    assert links[-1] == reverse("directory:profile")
