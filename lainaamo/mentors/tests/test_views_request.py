"""The request form and its live preview."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lainaamo.core.timeutil import HELSINKI, local
from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.forms import next_working_days
from lainaamo.mentors.models import Loan
from lainaamo.mentors.tests.factories import make_cast, next_weekday

pytestmark = pytest.mark.django_db


def window_data(day: dt.date, start="09:00", end="16:00", rows=3) -> dict:
    data = {"window-TOTAL_FORMS": str(rows), "window-INITIAL_FORMS": "0"}
    data.update({"window-0-day": day.isoformat(), "window-0-start": start, "window-0-end": end})
    return data


def request_data(skill, day: dt.date, **changes) -> dict:
    data = {
        "skills": [skill.pk],
        "need": "Reels for the library's Instagram",
        "language": "fi",
        "mode": "remote",
        "place": "",
        "video_link": "",
        "duration_minutes": "60",
        "group_size": "2",
        **window_data(day),
    }
    data.update(changes)
    return data


def coming_tuesday() -> dt.date:
    return next_weekday(1, 9).date()


def test_request_form_preselects_the_mentor(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("mentors:request"), {"mentor": cast.mentor.pk})

    page = response.content.decode()
    assert "You are asking for Max Mentor" in page
    assert f'name="mentor" value="{cast.mentor.pk}"' in page


def test_request_creates_the_loan_and_shows_its_page(client):
    cast = make_cast(book=False)
    client.force_login(cast.borrower)
    day = coming_tuesday()
    before = Loan.objects.count()

    response = client.post(
        reverse("mentors:request"), request_data(cast.skill, day, mentor=cast.mentor.pk)
    )

    loan = Loan.objects.latest("pk")
    window = loan.windows.get()
    assert Loan.objects.count() == before + 1
    assert response.status_code == 302
    assert response["Location"] == reverse("mentors:loan_detail", args=[loan.pk])
    assert loan.requested_mentor == cast.mentor
    assert loan.group_size == 2
    assert local(window.start) == dt.datetime.combine(day, dt.time(9), tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"skills": []}, "Choose at least one skill."),
        ({"need": "  "}, "Describe what you need help with."),
        ({"mode": "on_site", "place": ""}, "Give the place for on-site help."),
        ({"window-0-start": "15:00", "window-0-end": "10:00"}, "must end after it starts"),
        ({"group_size": "0"}, "The group size must be between 1 and 500."),
        ({"window-0-day": "", "window-0-start": "", "window-0-end": ""}, "at least one time"),
        ({"video_link": "not a link"}, "Enter a valid URL."),
    ],
)
def test_request_with_bad_input_shows_the_error_and_saves_nothing(english, changes, message):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)
    before = Loan.objects.count()

    response = english.post(
        reverse("mentors:request"), request_data(cast.skill, coming_tuesday(), **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Loan.objects.count() == before


def test_request_shows_the_services_error_beside_the_windows_errors(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)
    before = Loan.objects.count()

    response = english.post(
        reverse("mentors:request"),
        request_data(cast.skill, coming_tuesday(), need="", **{"window-0-day": "not a day"}),
    )

    page = response.content.decode()
    assert "Describe what you need help with." in page
    assert "Enter a valid date." in page
    assert 'id="id_need_error"' in page
    assert Loan.objects.count() == before


def test_request_refused_by_the_service_shows_its_message_and_saves_nothing(english):
    cast = make_cast(book=False)
    homeless = PersonFactory(home_unit=None)
    english.force_login(homeless)
    before = Loan.objects.count()

    response = english.post(reverse("mentors:request"), request_data(cast.skill, coming_tuesday()))

    assert response.status_code == 200
    assert "Your account has no home unit yet" in response.content.decode()
    assert Loan.objects.count() == before


def test_preview_shows_matches_and_saves_nothing(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)
    before = Loan.objects.count()

    response = english.post(
        reverse("mentors:request_preview"),
        request_data(cast.skill, coming_tuesday(), need=""),
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Max Mentor" in page
    assert "1 mentor could help at these times." in page
    assert Loan.objects.count() == before


def test_preview_writes_nothing_to_compute_the_matches(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    with CaptureQueriesContext(connection) as context:
        response = english.post(
            reverse("mentors:request_preview"), request_data(cast.skill, coming_tuesday())
        )

    statements = [query["sql"].split()[0].upper() for query in context.captured_queries]
    assert "Max Mentor" in response.content.decode()
    assert not {"INSERT", "UPDATE", "DELETE", "SAVEPOINT", "ROLLBACK"} & set(statements)


def test_preview_without_skills_says_what_is_missing(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.post(
        reverse("mentors:request_preview"), request_data(cast.skill, coming_tuesday(), skills=[])
    )

    assert "Choose the skills and give a time window" in response.content.decode()


def test_preview_names_the_field_that_stops_it_when_skills_and_times_are_given(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.post(
        reverse("mentors:request_preview"),
        request_data(cast.skill, coming_tuesday(), group_size="0"),
    )

    page = response.content.decode()
    assert "Check these fields to see who could help: Number of people to help." in page
    assert "Choose the skills" not in page


def test_request_form_tells_a_person_without_a_home_unit_where_to_set_it(english):
    cast = make_cast(book=False)
    cast.borrower.home_unit = None
    cast.borrower.save(update_fields=["home_unit"])
    english.force_login(cast.borrower)

    page = english.get(reverse("mentors:request")).content.decode()

    assert "Your account has no home unit yet." in page
    assert f'href="{reverse("directory:profile")}"' in page


def test_request_form_proposes_the_next_three_working_days(client):
    client.force_login(PersonFactory())

    page = client.get(reverse("mentors:request")).content.decode()

    days = next_working_days(3)
    assert all(day.weekday() < 5 for day in days)
    assert len(set(days)) == 3
    for number, day in enumerate(days):
        assert f'name="window-{number}-day" value="{day.isoformat()}"' in page
