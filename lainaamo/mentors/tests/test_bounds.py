"""Requests at and beyond the bounds of loans, windows, sessions and free slots, on the API and on
the pages: each answers with a clear 4xx and changes nothing, and no stored window breaks a page.

These are the cases of issue 8 (part 4): each one answered 500 or worse.
"""

import datetime as dt
import re

import pytest
from django.test import Client

from lainaamo.core.bounds import MAX_ID
from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.tests.factories import PersonFactory, api_client, coordinator_of
from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.models import Loan, LoanStatus, LoanWindow
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor
from lainaamo.scheduling.models import Booking

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-08 10:00", tick=False)]

# A Tuesday; every demo request's windows had passed by this day.
NOW = dt.datetime(2026, 12, 8, 10, 0, tzinfo=HELSINKI)
DAY = dt.timedelta(days=1)


@pytest.fixture
def skill():
    return SkillFactory(slug="bounds-reels")


@pytest.fixture
def mentor(skill):
    return make_mentor(skills={skill: 3})


@pytest.fixture
def loan(skill, mentor):
    return make_loan(skills=[skill], windows=[(NOW + DAY, NOW + 8 * DAY)])


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def window(start: str, end: str) -> dict:
    return {"start": start, "end": end}


def loan_body(**fields) -> dict:
    body = {
        "skills": ["bounds-reels"],
        "need": "Reels-videot kirjastolle",
        "language": "fi",
        "mode": "remote",
        "duration_minutes": 60,
        "windows": [window("2026-12-09T09:00:00+02:00", "2026-12-16T16:00:00+02:00")],
    }
    body.update(fields)
    return body


# --- windows that have passed ---------------------------------------------------------------


def test_matches_of_a_request_whose_windows_have_all_passed_are_none(loan, clock):
    clock.set(NOW + 30 * DAY)

    response = api_client(loan.borrower).get(f"/api/v1/loans/{loan.pk}/matches")

    assert response.status_code == 200
    assert response.json() == []


def test_the_page_of_a_request_whose_windows_have_all_passed_opens(loan, clock):
    clock.set(NOW + 30 * DAY)
    client = Client()
    client.force_login(loan.borrower)

    response = client.get(f"/mentors/loans/{loan.pk}/")

    assert response.status_code == 200


def test_a_window_stored_in_year_9999_breaks_neither_matching_nor_the_page(loan, mentor):
    # As the API took it before it had bounds: "9999-12-30T10:00:00+02:00" and so on.
    LoanWindow.objects.create(
        loan=loan,
        start=dt.datetime(9999, 12, 30, 8, tzinfo=dt.UTC),
        end=dt.datetime(9999, 12, 31, 8, tzinfo=dt.UTC),
    )
    client = Client()
    client.force_login(loan.borrower)

    page = client.get(f"/mentors/loans/{loan.pk}/")
    matches = find_matches(loan)

    assert page.status_code == 200
    assert [match.mentor for match in matches] == [mentor]
    assert all(slot.start < NOW + 8 * DAY for slot in matches[0].slots)


# --- how far ahead and how long a window may be ---------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        ("2027-01-01T09:00:00+02:00", "9000-01-01T09:00:00+02:00", "datetime_range"),
        ("9999-12-30T09:00:00+02:00", "9999-12-31T09:00:00+02:00", "datetime_range"),
        ("0001-01-01T00:00:00+02:00", "2027-01-01T00:00:00+02:00", "datetime_range"),
        ("2026-12-09T09:00:00+02:00", "2026-12-09T09:00:00+02:00", None),
        ("2026-12-09T09:00:00+02:00", "2027-01-15T09:00:00+02:00", None),
        ("2027-12-10T09:00:00+02:00", "2027-12-11T09:00:00+02:00", None),
    ],
)
def test_a_window_beyond_the_bounds_is_refused_and_nothing_is_saved(skill, start, end, problem):
    borrower = PersonFactory()

    response = post(api_client(borrower), "/api/v1/loans", loan_body(windows=[window(start, end)]))

    assert response.status_code == 400
    if problem:
        assert response.json()["errors"][0]["code"] == problem
    else:
        assert response.json()["code"] == "invalid_request"
    assert not Loan.objects.filter(borrower=borrower).exists()


def test_a_window_too_long_says_how_long_it_may_be(skill):
    response = post(
        api_client(PersonFactory(), language="sv"),
        "/api/v1/loans",
        loan_body(windows=[window("2026-12-09T09:00:00+02:00", "2027-01-15T09:00:00+02:00")]),
    )

    assert response.json()["message"] == "Ett tidsfönster kan vara högst 31 dagar långt."


def test_a_window_within_a_year_and_a_month_is_taken(skill):
    body = loan_body(windows=[window("2027-11-01T09:00:00+02:00", "2027-11-30T16:00:00+02:00")])

    response = post(api_client(PersonFactory()), "/api/v1/loans", body)

    assert response.status_code == 201


def test_a_session_more_than_a_year_ahead_is_refused(loan, mentor):
    response = post(
        api_client(loan.borrower, language="fi"),
        f"/api/v1/loans/{loan.pk}/sessions",
        {"mentor": mentor.pk, "start": "2028-01-04T09:00:00+02:00"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "too_far_ahead"
    assert not Booking.objects.exists()


def test_a_free_slot_search_more_than_a_year_ahead_is_refused(mentor):
    response = api_client(PersonFactory()).get(
        f"/api/v1/mentors/{mentor.pk}/free-slots",
        {"start": "2028-01-04T08:00:00+02:00", "end": "2028-01-05T08:00:00+02:00"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "too_far_ahead"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0001-01-01T00:00:00+14:00", "0001-01-02T00:00:00+14:00"),
        ("9999-12-31T23:00:00-14:00", "9999-12-31T23:59:59-14:00"),
        ("9999-12-31T00:00:00+02:00", "2027-01-01T00:00:00+02:00"),
    ],
)
def test_free_slots_near_year_1_or_9999_with_an_offset_answer_400(mentor, start, end):
    response = api_client(PersonFactory(), language="fi").get(
        f"/api/v1/mentors/{mentor.pk}/free-slots", {"start": start, "end": end}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "datetime_range"
    assert response.json()["errors"][0]["message"] == "Anna ajankohta vuosilta 2000–2099."


@pytest.mark.parametrize("start", ["0001-01-01T00:00:00+02:00", "9999-12-31T23:30:00-12:00"])
def test_booking_or_moving_near_year_1_or_9999_answers_400(loan, mentor, start):
    client = api_client(loan.borrower)
    session = book_session(
        loan=loan, mentor=mentor, start=NOW + DAY - dt.timedelta(hours=1), actor=loan.borrower
    )

    booked = post(
        client, f"/api/v1/loans/{loan.pk}/sessions", {"mentor": mentor.pk, "start": start}
    )
    moved = post(
        client, f"/api/v1/loans/{loan.pk}/sessions/{session.pk}/reschedule", {"start": start}
    )

    assert (booked.status_code, moved.status_code) == (400, 400)
    assert Booking.objects.count() == 1


# --- integers beyond 64 bits ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/loans/{2**64}",
        f"/api/v1/loans/{2**64}/matches",
        f"/api/v1/loans/{MAX_ID + 1}/invitation.ics",
        f"/api/v1/mentors/{10**30}",
        f"/api/v1/mentors/{2**64}/free-slots?start=2026-12-09T08:00:00Z&end=2026-12-10T08:00:00Z",
        f"/api/v1/loans?offset={2**64}",
        f"/api/v1/mentors?offset={2**64}",
        f"/api/v1/mentors?municipality={2**64}",
        "/api/v1/loans/0",
        "/api/v1/loans?offset=²",
        "/api/v1/mentors?municipality=²",
    ],
)
def test_an_integer_out_of_range_in_a_path_or_query_answers_400(path):
    response = api_client(PersonFactory()).get(path)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize("mentor_id", [2**64, MAX_ID + 1, 0, -1])
def test_an_integer_out_of_range_in_a_body_answers_400(loan, mentor_id):
    client = api_client(loan.borrower)

    asked = post(client, "/api/v1/loans", loan_body(mentor=mentor_id))
    booked = post(
        client,
        f"/api/v1/loans/{loan.pk}/sessions",
        {"mentor": mentor_id, "start": "2026-12-09T09:00:00+02:00"},
    )

    assert (asked.status_code, booked.status_code) == (400, 400)
    assert asked.json()["errors"][0]["field"] == "mentor"
    assert Loan.objects.count() == 1


def test_an_offset_at_the_largest_id_is_an_empty_page(loan):
    response = api_client(loan.borrower).get("/api/v1/loans", {"offset": MAX_ID})

    assert response.status_code == 200
    assert response.json() == []


# --- NUL characters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"need": "Reels\x00"},
        {"place": "Kirjasto\x00", "mode": "on_site"},
        {"skills": ["bounds\x00reels"]},
        {"video_link": "https://example.fi/\x00"},
    ],
)
def test_a_nul_character_in_a_request_body_answers_400_and_saves_nothing(skill, fields):
    borrower = PersonFactory()

    response = post(api_client(borrower), "/api/v1/loans", loan_body(**fields))

    assert response.status_code == 400
    assert not Loan.objects.filter(borrower=borrower).exists()


def test_a_nul_character_in_a_reason_answers_400(loan):
    response = post(
        api_client(loan.borrower), f"/api/v1/loans/{loan.pk}/cancel", {"reason": "Ei\x00"}
    )

    loan.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "null_character"
    assert loan.status == LoanStatus.REQUESTED


# --- hours and the document -----------------------------------------------------------------


def held_loan(loan, mentor, clock):
    book_session(loan=loan, mentor=mentor, start=NOW + DAY, actor=loan.borrower)
    accept_loan(loan=loan, actor=mentor.person)
    clock.set(NOW + 2 * DAY)
    return loan


@pytest.mark.parametrize("hours", ["0.001", 0.001, "1.255", "", "0", 0, "-1", 100.5])
def test_hours_that_would_be_stored_otherwise_are_refused(loan, mentor, clock, hours):
    held_loan(loan, mentor, clock)

    response = post(
        api_client(mentor.person, language="fi"),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": hours, "outcome": "Tili perustettu"},
    )

    loan.refresh_from_db()
    assert response.status_code == 400
    assert loan.status == LoanStatus.ACCEPTED
    assert loan.hours is None


def test_hours_with_three_decimals_say_why(loan, mentor, clock):
    held_loan(loan, mentor, clock)

    response = post(
        api_client(mentor.person, language="fi"),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": "1.255", "outcome": "Tili perustettu"},
    )

    assert response.json()["code"] == "invalid_hours"
    assert response.json()["message"] == (
        "Anna tunnit enintään kahden desimaalin tarkkuudella, esim. 1,25."
    )


def test_hours_too_few_to_log_are_refused(loan, mentor, clock):
    held_loan(loan, mentor, clock)

    response = post(
        api_client(mentor.person, language="fi"),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": "0.001", "outcome": "Tili perustettu"},
    )

    assert response.json()["code"] == "invalid_hours"
    assert response.json()["message"] == "Anna tunnit lukuna väliltä 0,25–100."


@pytest.mark.parametrize("hours", ["0.25", 0.5, "1.25", 100])
def test_hours_with_at_most_two_decimals_are_taken(loan, mentor, clock, hours):
    held_loan(loan, mentor, clock)

    response = post(
        api_client(mentor.person),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": hours, "outcome": "Tili perustettu"},
    )

    assert response.status_code == 200


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_empty_reason_is_refused(loan, reason):
    response = post(
        api_client(loan.borrower), f"/api/v1/loans/{loan.pk}/cancel", {"reason": reason}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"


def test_an_empty_skill_is_refused(skill):
    response = post(api_client(PersonFactory()), "/api/v1/loans", loan_body(skills=[""]))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "skills.0"


def test_the_document_states_the_bounds_the_server_enforces():
    document = Client().get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    loan_in = schemas["LoanIn"]["properties"]
    parameters = document["paths"]["/api/v1/loans/{id}"]["get"]["parameters"]

    assert parameters[0]["schema"]["minimum"] == 1
    assert parameters[0]["schema"]["maximum"] == 2**63 - 1
    assert loan_in["skills"]["items"]["minLength"] == 1
    assert loan_in["need"]["minLength"] == 1
    assert "\\x00" in loan_in["need"]["pattern"]
    assert loan_in["mentor"]["anyOf"][0]["minimum"] == 1
    assert schemas["ReasonIn"]["properties"]["reason"]["minLength"] == 1
    hours = schemas["CompleteIn"]["properties"]["hours"]["anyOf"]
    assert hours[0]["minimum"] == 0.25
    assert hours[0]["maximum"] == 100
    assert hours[0]["multipleOf"] == 0.01
    texts = ("", "0", "0.001", "0.2", "0.24", "0.25", "1.25", "100", "100.01")
    assert [bool(re.match(hours[1]["pattern"], text)) for text in texts] == [
        False,
        False,
        False,
        False,
        False,
        True,
        True,
        True,
        False,
    ]


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def signed_in(loan):
    client = Client(headers={"accept-language": "fi"})
    client.force_login(loan.borrower)
    return client


@pytest.mark.parametrize(
    "start",
    [
        "0001-01-01T00:00:00+02:00",
        "0001-01-01T00:00:00",
        "9999-12-31T23:30:00-12:00",
        "9999-12-31T23:30:00",
    ],
)
def test_the_booking_form_refuses_a_start_near_year_1_or_9999(signed_in, loan, mentor, start):
    response = signed_in.post(
        f"/mentors/loans/{loan.pk}/book/", {"mentor": mentor.pk, "start": start}
    )

    assert response.status_code == 400
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_move_form_refuses_a_day_near_year_1_or_9999(signed_in, loan, mentor, day):
    session = book_session(loan=loan, mentor=mentor, start=NOW + DAY, actor=loan.borrower)

    response = signed_in.post(
        f"/mentors/loans/{loan.pk}/sessions/{session.pk}/reschedule/",
        {f"move-{session.pk}-day": day, f"move-{session.pk}-start": "23:30"},
    )

    session.booking.refresh_from_db()
    assert response.status_code == 200
    assert "Anna päivämäärä vuosilta 2000–2099." in response.content.decode()
    assert session.booking.start == NOW + DAY


def request_form(**fields) -> dict:
    data = {
        "skills": [SkillFactory(slug="bounds-reels").pk],
        "need": "Reels",
        "language": "fi",
        "mode": "remote",
        "duration_minutes": "60",
        "group_size": "1",
        "window-TOTAL_FORMS": "1",
        "window-INITIAL_FORMS": "0",
        "window-0-day": "2026-12-09",
        "window-0-start": "09:00",
        "window-0-end": "16:00",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("9999-12-31", "Anna päivämäärä vuosilta 2000–2099."),
        ("0001-01-01", "Anna päivämäärä vuosilta 2000–2099."),
        ("2027-12-31", "Aikavälit voivat ulottua enintään 365 päivän päähän."),
    ],
)
def test_the_request_form_refuses_a_day_out_of_bounds(signed_in, day, message):
    count = Loan.objects.count()

    response = signed_in.post("/mentors/request/", request_form(**{"window-0-day": day}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Loan.objects.count() == count


def test_the_request_form_reads_a_mentor_of_unicode_digits_as_none(signed_in):
    for value in ["²", "١", str(2**64), "9" * 5000]:
        response = signed_in.get("/mentors/request/", {"mentor": value})

        assert response.status_code == 200


def test_the_dashboard_reads_a_year_of_unicode_digits_as_this_year(loan):
    client = Client()
    client.force_login(coordinator_of(loan.municipality))

    for value in ["²", "٢٠٢٦", "9" * 5000, "2026\x00"]:
        response = client.get("/mentors/dashboard/", {"year": value})

        assert response.status_code in (200, 400)
        if "\x00" not in value:
            assert response.context["year"] == 2026


def test_the_absence_form_refuses_year_9999(mentor):
    client = Client()
    client.force_login(mentor.person)

    response = client.post(
        "/profile/",
        {
            "section": "absences",
            "absence-TOTAL_FORMS": "1",
            "absence-INITIAL_FORMS": "0",
            "absence-0-first_day": "9999-12-31",
            "absence-0-last_day": "9999-12-31",
        },
    )

    assert response.status_code == 200
    (part,) = [part for part in response.context["parts"] if hasattr(part, "absences")]
    assert part.absences.forms[0].errors


@pytest.mark.parametrize("value", [str(2**64), "²", "0"])
def test_the_request_form_finds_no_skill_or_mentor_of_an_id_out_of_range(signed_in, value):
    count = Loan.objects.count()

    response = signed_in.post("/mentors/request/", request_form(skills=[value], mentor=value))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"skills", "mentor"}
    assert Loan.objects.count() == count


def test_the_profile_finds_no_municipality_of_an_id_beyond_64_bits(mentor):
    client = Client()
    client.force_login(mentor.person)

    response = client.post(
        "/profile/",
        {
            "section": "mentor",
            "mentor-monthly_hours": "4",
            "mentor-languages": ["fi"],
            "mentor-on_site": "on",
            "mentor-municipalities": [str(2**64)],
        },
    )

    assert response.status_code == 200
    (part,) = [part for part in response.context["parts"] if hasattr(part, "mentor_form")]
    assert "municipalities" in part.mentor_form.errors
