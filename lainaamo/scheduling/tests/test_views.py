"""The calendar feed at its secret address, and its part of the profile page."""

import icalendar
import pytest
from django.urls import reverse

from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.tests.factories import make_cast

pytestmark = pytest.mark.django_db


def test_feed_address_has_not_moved():
    # People subscribed to it in Outlook.
    assert reverse("scheduling:calendar_feed", args=["abc"]) == "/calendar/abc.ics"


def test_calendar_feed_serves_the_persons_sessions_by_token(client):
    cast = make_cast()
    session = cast.loan.sessions.get()

    response = client.get(reverse("scheduling:calendar_feed", args=[cast.borrower.calendar_token]))

    calendar = icalendar.Calendar.from_ical(response.content)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=300"
    assert calendar["METHOD"] == "PUBLISH"
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"{session.booking.uid}@lainaamo"]


def test_calendar_feed_with_a_wrong_token_is_not_found(client):
    PersonFactory()

    response = client.get(reverse("scheduling:calendar_feed", args=["not-the-token"]))

    assert response.status_code == 404


def test_calendar_feed_of_a_deactivated_account_is_not_found(client):
    person = PersonFactory(is_active=False)

    response = client.get(reverse("scheduling:calendar_feed", args=[person.calendar_token]))

    assert response.status_code == 404


def test_profile_shows_the_feed_address(client):
    person = PersonFactory()
    client.force_login(person)

    response = client.get(reverse("directory:profile"))

    assert f"/calendar/{person.calendar_token}.ics" in response.content.decode()


def test_new_calendar_token_replaces_the_old_address(client):
    person = PersonFactory()
    old = person.calendar_token
    client.force_login(person)

    response = client.post(reverse("directory:profile"), {"section": "calendar"})

    person.refresh_from_db()
    assert response.status_code == 302
    assert person.calendar_token != old
    assert client.get(reverse("scheduling:calendar_feed", args=[old])).status_code == 404
    assert (
        client.get(reverse("scheduling:calendar_feed", args=[person.calendar_token])).status_code
        == 200
    )
