import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lainaamo.core.timeutil import HELSINKI, now
from lainaamo.directory.tests.factories import (
    MunicipalityFactory,
    PersonFactory,
    UnitFactory,
    api_client,
    coordinator_of,
)
from lainaamo.mentors.models import Loan, LoanStatus, MentorLanguage
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor, next_weekday
from lainaamo.scheduling.models import Booking, BookingStatus

pytestmark = pytest.mark.django_db


def post(client, url, data=None, **kwargs):
    return client.post(url, data or {}, content_type="application/json", **kwargs)


def future_window(days: int = 14) -> dict:
    start = now().replace(microsecond=0) + dt.timedelta(days=1)
    return {"start": start.isoformat(), "end": (start + dt.timedelta(days=days)).isoformat()}


def loan_body(**fields) -> dict:
    body = {
        "skills": ["api-reels"],
        "need": "Instagram-tili nuorisotalolle",
        "language": "fi",
        "mode": "remote",
        "duration_minutes": 60,
        "windows": [future_window()],
    }
    body.update(fields)
    return body


@pytest.fixture
def instagram():
    return SkillFactory(slug="api-reels", name_fi="Instagram", name_sv="Instagram (sv)")


@pytest.fixture
def mentor(instagram):
    return make_mentor(skills={instagram: 3}, name="Maija Mentor")


@pytest.fixture
def loan(instagram, mentor):
    return make_loan(skills=[instagram])


def booked(loan, mentor, *, hour: int = 9):
    """The loan with a session booked with the mentor next Tuesday at `hour`."""
    book_session(loan=loan, mentor=mentor, start=next_weekday(1, hour), actor=loan.borrower)
    return Loan.objects.get(pk=loan.pk)


def held(loan, mentor):
    """The loan accepted, its one session moved into the past as if it had taken place."""
    booked(loan, mentor)
    accept_loan(loan=loan, actor=mentor.person)
    start = now() - dt.timedelta(days=1)
    Booking.objects.filter(loan_session__loan=loan).update(
        start=start,
        end=start + dt.timedelta(hours=1),
        blocked_start=start,
        blocked_end=start + dt.timedelta(hours=1),
    )
    return Loan.objects.get(pk=loan.pk)


def local_iso(moment: dt.datetime) -> str:
    return moment.astimezone(HELSINKI).isoformat()


# --- skills ---------------------------------------------------------------------------------


def test_skills_are_named_in_the_language_asked_for(instagram):
    response = api_client(PersonFactory(), language="sv").get("/api/v1/skills")

    rows = {row["slug"]: row for row in response.json()}
    assert response.status_code == 200
    assert rows["api-reels"]["name"] == "Instagram (sv)"
    assert rows["api-reels"]["name_language"] == "sv"


def test_skill_without_a_translation_is_shown_as_missing():
    SkillFactory(slug="api-untranslated", name_fi="Kääntämätön", name_sv="", name_en="")

    body = api_client(PersonFactory(), language="sv").get("/api/v1/skills").json()

    row = next(row for row in body if row["slug"] == "api-untranslated")
    assert row["name"] == "api-untranslated"
    assert row["name_language"] is None


# --- mentors --------------------------------------------------------------------------------


def test_mentor_list_shows_the_contract_fields(mentor, instagram):
    body = api_client(PersonFactory()).get("/api/v1/mentors").json()

    assert len(body) == 1
    row = body[0]
    assert row["id"] == mentor.pk
    assert row["name"] == "Maija Mentor"
    assert row["skills"][0]["slug"] == "api-reels"
    assert row["skills"][0]["level"] == 3
    assert row["languages"] == ["fi", "sv"]
    assert row["sector"] == "youth"
    assert row["unit"]["id"] == mentor.person.home_unit_id
    assert row["modes"] == ["on_site", "remote"]


def test_mentor_list_filters_by_skill_language_mode_and_municipality(instagram):
    vaasa = MunicipalityFactory()
    match = make_mentor(skills={instagram: 2}, languages=("sv",), municipalities=[vaasa])
    make_mentor(
        skills={SkillFactory(slug="api-other"): 2}, languages=("sv",), municipalities=[vaasa]
    )
    make_mentor(skills={instagram: 2}, languages=("fi",), municipalities=[vaasa])
    make_mentor(skills={instagram: 2}, languages=("sv",), on_site=False, municipalities=[vaasa])
    make_mentor(skills={instagram: 2}, languages=("sv",))
    client = api_client(PersonFactory())

    response = client.get(
        "/api/v1/mentors",
        {"skill": "api-reels", "language": "sv", "mode": "on_site", "municipality": vaasa.pk},
    )

    assert [row["id"] for row in response.json()] == [match.pk]


def test_mentor_list_rejects_an_unknown_mode_with_400():
    response = api_client(PersonFactory()).get("/api/v1/mentors", {"mode": "teleport"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["field"] == "mode"


def test_paused_mentors_are_left_out_unless_a_coordinator_asks(mentor):
    paused = make_mentor(name="Paula Paused")
    paused.paused = True
    paused.save()
    coordinator = coordinator_of(MunicipalityFactory())
    staff = PersonFactory()

    for_staff = api_client(staff).get("/api/v1/mentors", {"include_paused": "true"}).json()
    for_coordinator = api_client(coordinator).get("/api/v1/mentors", {"include_paused": "true"})

    assert [row["id"] for row in for_staff] == [mentor.pk]
    assert {row["id"] for row in for_coordinator.json()} == {mentor.pk, paused.pk}


def test_mentor_list_pages_with_limit_and_offset():
    mentors = [make_mentor(name=f"Mentor {n}") for n in range(3)]
    client = api_client(PersonFactory())

    page = client.get("/api/v1/mentors", {"limit": 2, "offset": 1}).json()

    assert [row["id"] for row in page] == [mentors[1].pk, mentors[2].pk]


def test_mentor_list_query_count_does_not_grow_with_the_number_of_mentors(instagram):
    for _n in range(3):
        make_mentor(skills={instagram: 2, SkillFactory(): 1})
    client = api_client(PersonFactory())
    client.get("/api/v1/mentors")
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/mentors").json()) == 3
    for _n in range(27):
        make_mentor(skills={instagram: 2, SkillFactory(): 1})

    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/mentors").json()) == 30

    assert len(many) == len(few)


def test_mentor_detail_shows_one_mentor(mentor):
    response = api_client(PersonFactory()).get(f"/api/v1/mentors/{mentor.pk}")

    assert response.status_code == 200
    assert response.json()["name"] == "Maija Mentor"
    assert response.json()["bio"] == "Autan mielelläni."
    assert response.json()["bio_language"] == "fi"


def test_paused_mentor_is_not_found_for_staff(mentor):
    mentor.paused = True
    mentor.save()

    response = api_client(PersonFactory()).get(f"/api/v1/mentors/{mentor.pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_free_slots_are_given_in_helsinki_time_with_offset(mentor):
    tuesday = next_weekday(1, 0)

    response = api_client(PersonFactory()).get(
        f"/api/v1/mentors/{mentor.pk}/free-slots",
        {
            "start": tuesday.isoformat(),
            "end": (tuesday + dt.timedelta(days=1)).isoformat(),
            "duration": 90,
        },
    )

    slots = response.json()
    assert response.status_code == 200
    assert slots[0] == {
        "start": local_iso(tuesday.replace(hour=8)),
        "end": local_iso(tuesday.replace(hour=9, minute=30)),
    }
    assert slots[0]["start"][-6:] in {"+02:00", "+03:00"}
    assert slots[-1]["end"] == local_iso(tuesday.replace(hour=16))


def test_free_slots_leave_out_a_booked_time(mentor, loan):
    booked(loan, mentor, hour=9)
    tuesday = next_weekday(1, 0)

    slots = (
        api_client(PersonFactory())
        .get(
            f"/api/v1/mentors/{mentor.pk}/free-slots",
            {"start": tuesday.isoformat(), "end": (tuesday + dt.timedelta(days=1)).isoformat()},
        )
        .json()
    )

    starts = [slot["start"] for slot in slots]
    assert local_iso(tuesday.replace(hour=9)) not in starts
    assert local_iso(tuesday.replace(hour=8, minute=30)) not in starts
    assert local_iso(tuesday.replace(hour=10)) in starts


def test_free_slots_refuse_a_time_without_offset(mentor):
    response = api_client(PersonFactory()).get(
        f"/api/v1/mentors/{mentor.pk}/free-slots",
        {"start": "2030-01-01T09:00:00", "end": "2030-01-02T09:00:00+02:00"},
    )

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert body["errors"][0] == {
        "field": "start",
        "code": "timezone_aware",
        "message": body["errors"][0]["message"],
    }
    assert "start" in body["message"]


def test_free_slots_refuse_a_range_over_31_days(mentor):
    start = now()

    response = api_client(PersonFactory()).get(
        f"/api/v1/mentors/{mentor.pk}/free-slots",
        {"start": start.isoformat(), "end": (start + dt.timedelta(days=32)).isoformat()},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "range_too_long"
    assert "31" in response.json()["message"]


def test_free_slots_refuse_an_end_before_the_start(mentor):
    start = now()

    response = api_client(PersonFactory()).get(
        f"/api/v1/mentors/{mentor.pk}/free-slots",
        {"start": start.isoformat(), "end": (start - dt.timedelta(hours=1)).isoformat()},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_interval"


def test_free_slots_of_an_unknown_mentor_are_not_found():
    start = now()

    response = api_client(PersonFactory()).get(
        "/api/v1/mentors/999999/free-slots",
        {"start": start.isoformat(), "end": (start + dt.timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- loans ----------------------------------------------------------------------------------


def test_request_creates_a_loan(instagram, mentor):
    borrower = PersonFactory()

    response = post(api_client(borrower), "/api/v1/loans", loan_body(mentor=mentor.pk))

    body = response.json()
    loan = Loan.objects.get()
    assert response.status_code == 201
    assert body["id"] == loan.pk
    assert body["status"] == "requested"
    assert body["mentor"] is None
    assert body["requested_mentor"] == {"id": mentor.pk, "name": "Maija Mentor"}
    assert body["skills"][0]["slug"] == "api-reels"
    assert body["sessions"] == []
    assert loan.borrower == borrower
    assert body["windows"][0]["start"] == local_iso(loan.windows.get().start)


def test_request_needs_no_csrf_token(instagram):
    client = api_client(PersonFactory(), enforce_csrf_checks=True)

    response = post(client, "/api/v1/loans", loan_body())

    assert response.status_code == 201


def test_request_with_an_unknown_skill_answers_400(instagram):
    response = post(api_client(PersonFactory()), "/api/v1/loans", loan_body(skills=["juggling"]))

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_skill"
    assert "juggling" in response.json()["message"]
    assert not Loan.objects.exists()


def test_request_with_a_naive_window_names_the_field(instagram):
    window = {"start": "2030-01-01T09:00:00", "end": "2030-01-01T12:00:00"}

    response = post(
        api_client(PersonFactory(), language="sv"), "/api/v1/loans", loan_body(windows=[window])
    )

    body = response.json()
    assert response.status_code == 400
    assert response["Content-Language"] == "sv"
    assert body["code"] == "invalid"
    assert [error["field"] for error in body["errors"]] == ["windows.0.start", "windows.0.end"]
    assert "windows.0.start" in body["message"]


def test_request_without_need_names_the_field(instagram):
    body = loan_body()
    del body["need"]

    response = post(api_client(PersonFactory()), "/api/v1/loans", body)

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "need"
    assert response.json()["errors"][0]["code"] == "missing"


def test_on_site_request_without_place_is_refused_by_the_service(instagram):
    response = post(
        api_client(PersonFactory(), language="sv"), "/api/v1/loans", loan_body(mode="on_site")
    )

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid_request"
    assert body["errors"] == [
        {"field": "place", "code": "invalid_request", "message": body["message"]}
    ]
    assert body["message"] == "Ange var hjälpen på plats ska ges."


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        # Bounds the OpenAPI document states are refused as the document's input type.
        ({"group_size": 0}, "group_size", "invalid"),
        ({"skills": []}, "skills", "invalid"),
        # The rest are the service's rules.
        ({"duration_minutes": 481}, "duration_minutes", "invalid_request"),
        ({"windows": []}, "windows", "invalid_request"),
    ],
)
def test_a_rule_of_the_request_answers_with_an_error_naming_the_field(
    instagram, changes, field, code
):
    response = post(api_client(PersonFactory()), "/api/v1/loans", loan_body(**changes))

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == code
    assert [error["field"] for error in body["errors"]] == [field]
    assert not Loan.objects.exists()


def test_request_from_a_person_without_home_unit_is_refused(instagram):
    response = post(api_client(PersonFactory(home_unit=None)), "/api/v1/loans", loan_body())

    assert response.status_code == 400
    assert response.json()["code"] == "no_home_unit"


def test_loan_detail_shows_sessions_in_helsinki_time(loan, mentor):
    loan = booked(loan, mentor)
    session = loan.sessions.get()

    response = api_client(loan.borrower).get(f"/api/v1/loans/{loan.pk}")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "booked"
    assert body["mentor"] == {"id": mentor.pk, "name": "Maija Mentor"}
    assert body["sessions"] == [
        {
            "id": session.pk,
            "loan": loan.pk,
            "mentor": {"id": mentor.pk, "name": "Maija Mentor"},
            "start": next_weekday(1, 9).isoformat(),
            "end": next_weekday(1, 10).isoformat(),
            "status": "tentative",
            "sequence": 0,
        }
    ]


def test_unknown_loan_is_not_found():
    response = api_client(PersonFactory()).get("/api/v1/loans/999999")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["message"]


def test_loan_list_holds_only_visible_loans(loan, instagram):
    make_loan(skills=[instagram])

    body = api_client(loan.borrower).get("/api/v1/loans").json()

    assert [row["id"] for row in body] == [loan.pk]


def test_loan_list_filters_by_status_and_role(loan, mentor, instagram):
    other = make_loan(skills=[instagram], borrower=loan.borrower)
    booked(other, mentor)
    client = api_client(loan.borrower)

    requested = client.get("/api/v1/loans", {"status": "requested"}).json()
    as_mentor = client.get("/api/v1/loans", {"role": "mentor"}).json()

    assert [row["id"] for row in requested] == [loan.pk]
    assert as_mentor == []


def test_loan_list_query_count_does_not_grow_with_the_number_of_loans(mentor, instagram):
    unit = UnitFactory()
    coordinator = coordinator_of(unit.municipality)
    for hour in (9, 10, 11):
        booked(
            make_loan(skills=[instagram], borrower=PersonFactory(home_unit=unit)),
            mentor,
            hour=hour,
        )
    client = api_client(coordinator)
    client.get("/api/v1/loans")
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/loans").json()) == 3
    for hour in (12, 13, 14):
        booked(
            make_loan(skills=[instagram], borrower=PersonFactory(home_unit=unit)),
            mentor,
            hour=hour,
        )

    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/loans").json()) == 6

    assert len(many) == len(few)


def test_matches_rank_mentors_with_reasons_and_slots(loan, mentor):
    response = api_client(loan.borrower, language="en").get(f"/api/v1/loans/{loan.pk}/matches")

    body = response.json()
    assert response.status_code == 200
    assert [match["mentor"]["id"] for match in body] == [mentor.pk]
    assert body[0]["score"] > 0
    assert body[0]["reasons"]
    assert all(reason for reason in body[0]["reasons"])
    assert body[0]["slots"][0]["start"][-6:] in {"+02:00", "+03:00"}


def test_booking_a_session_answers_201_and_books_the_mentor(loan, mentor):
    start = next_weekday(2, 13)

    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions",
        {"mentor": mentor.pk, "start": start.isoformat()},
    )

    body = response.json()
    loan.refresh_from_db()
    assert response.status_code == 201
    assert body["start"] == start.isoformat()
    assert body["status"] == "tentative"
    assert loan.status == LoanStatus.BOOKED
    assert loan.mentor == mentor


def test_booking_accepts_a_start_given_in_utc(loan, mentor):
    start = next_weekday(2, 13)

    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions",
        {
            "mentor": mentor.pk,
            "start": start.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        },
    )

    assert response.status_code == 201
    assert response.json()["start"] == start.isoformat()


def test_slot_just_booked_by_someone_else_answers_409_slot_taken(loan, mentor, instagram):
    start = next_weekday(2, 13)
    rival = make_loan(skills=[instagram])
    book_session(loan=rival, mentor=mentor, start=start, actor=rival.borrower)

    response = post(
        api_client(loan.borrower, language="sv"),
        f"/api/v1/loans/{loan.pk}/sessions",
        {"mentor": mentor.pk, "start": start.isoformat()},
    )

    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"
    assert response.json()["message"]
    assert not loan.sessions.exists()


def test_booking_in_the_past_answers_400(loan, mentor):
    start = (
        (now() - dt.timedelta(days=1))
        .astimezone(HELSINKI)
        .replace(hour=9, minute=0, second=0, microsecond=0)
    )

    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions",
        {"mentor": mentor.pk, "start": start.isoformat()},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "start_in_past"


def test_booking_with_an_unknown_mentor_answers_400(loan):
    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions",
        {"mentor": 999999, "start": next_weekday(2, 13).isoformat()},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_mentor"


def test_rescheduling_moves_the_session_and_raises_its_sequence(loan, mentor):
    loan = booked(loan, mentor)
    session = loan.sessions.get()
    start = next_weekday(3, 14)

    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions/{session.pk}/reschedule",
        {"start": start.isoformat()},
    )

    assert response.status_code == 200
    assert response.json()["start"] == start.isoformat()
    assert response.json()["sequence"] == 1


def test_rescheduling_onto_a_taken_time_answers_409(loan, mentor, instagram):
    loan = booked(loan, mentor, hour=9)
    rival = make_loan(skills=[instagram])
    book_session(loan=rival, mentor=mentor, start=next_weekday(3, 14), actor=rival.borrower)

    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions/{loan.sessions.get().pk}/reschedule",
        {"start": next_weekday(3, 14).isoformat()},
    )

    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"


def test_rescheduling_a_session_of_another_loan_is_not_found(loan, mentor, instagram):
    loan = booked(loan, mentor)
    other = booked(make_loan(skills=[instagram]), mentor, hour=13)

    response = post(
        api_client(loan.borrower),
        f"/api/v1/loans/{loan.pk}/sessions/{other.sessions.get().pk}/reschedule",
        {"start": next_weekday(3, 14).isoformat()},
    )

    assert response.status_code == 404


def test_mentor_accepts_and_sessions_are_confirmed(loan, mentor):
    loan = booked(loan, mentor)

    response = post(api_client(mentor.person), f"/api/v1/loans/{loan.pk}/accept")

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response.json()["sessions"][0]["status"] == BookingStatus.CONFIRMED


def test_accepting_twice_answers_409_invalid_transition(loan, mentor):
    loan = booked(loan, mentor)
    client = api_client(mentor.person)
    post(client, f"/api/v1/loans/{loan.pk}/accept")

    response = post(client, f"/api/v1/loans/{loan.pk}/accept")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_mentor_declines_with_a_reason_and_the_loan_goes_back(loan, mentor):
    loan = booked(loan, mentor)

    response = post(
        api_client(mentor.person), f"/api/v1/loans/{loan.pk}/decline", {"reason": "Lomalla"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "requested"
    assert response.json()["mentor"] is None
    assert response.json()["sessions"][0]["status"] == "cancelled"


def test_declining_without_a_reason_answers_400(loan, mentor):
    loan = booked(loan, mentor)

    response = post(
        api_client(mentor.person, language="sv"),
        f"/api/v1/loans/{loan.pk}/decline",
        {"reason": "  "},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    assert response.json()["message"]


def test_mentor_completes_with_hours_and_outcome(loan, mentor):
    loan = held(loan, mentor)

    response = post(
        api_client(mentor.person),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": "1.5", "outcome": "Tili perustettu"},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    assert response.json()["hours"] == 1.5
    assert response.json()["outcome"] == "Tili perustettu"


def test_completing_with_hours_that_are_not_a_number_answers_400(loan, mentor):
    loan = held(loan, mentor)

    response = post(
        api_client(mentor.person),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": "many", "outcome": "Tili perustettu"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["field"] == "hours"


def test_completing_with_too_many_hours_answers_400(loan, mentor):
    loan = held(loan, mentor)

    response = post(
        api_client(mentor.person),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": 500, "outcome": "Tili perustettu"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_hours"


def test_completing_before_the_session_answers_400(loan, mentor):
    loan = booked(loan, mentor)
    accept_loan(loan=loan, actor=mentor.person)

    response = post(
        api_client(mentor.person),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": 1, "outcome": "Tili perustettu"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "no_session_held"


def test_borrower_confirms_the_completed_loan(loan, mentor):
    loan = held(loan, mentor)
    post(
        api_client(mentor.person),
        f"/api/v1/loans/{loan.pk}/complete",
        {"hours": 1, "outcome": "Tili perustettu"},
    )

    response = post(api_client(loan.borrower), f"/api/v1/loans/{loan.pk}/confirm")

    assert response.status_code == 200
    assert response.json()["borrower_confirmed_at"] is not None


def test_confirming_an_unfinished_loan_answers_409(loan):
    response = post(api_client(loan.borrower), f"/api/v1/loans/{loan.pk}/confirm")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_borrower_cancels_with_a_reason(loan, mentor):
    loan = booked(loan, mentor)

    response = post(
        api_client(loan.borrower), f"/api/v1/loans/{loan.pk}/cancel", {"reason": "Ei tarvetta"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancel_reason"] == "Ei tarvetta"
    assert response.json()["sessions"][0]["status"] == "cancelled"


def test_cancelling_without_the_reason_field_answers_400(loan):
    response = post(api_client(loan.borrower), f"/api/v1/loans/{loan.pk}/cancel", {})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reason"


# On a Monday, so that the session next Tuesday comes before the one next Thursday.
@pytest.mark.clock("2027-01-11 08:00")
def test_invitation_holds_every_session_in_the_language_asked_for(loan, mentor):
    loan = booked(loan, mentor, hour=9)
    book_session(loan=loan, mentor=mentor, start=next_weekday(3, 13), actor=loan.borrower)

    response = api_client(loan.borrower, language="sv").get(
        f"/api/v1/loans/{loan.pk}/invitation.ics"
    )

    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert calendar["METHOD"] == "PUBLISH"
    assert len(events) == 2
    assert "Instagram (sv)" in str(events[0]["SUMMARY"])
    assert events[0].decoded("DTSTART") == next_weekday(1, 9)


def test_invitation_of_someone_elses_loan_is_not_found(loan):
    response = api_client(PersonFactory()).get(f"/api/v1/loans/{loan.pk}/invitation.ics")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_request_in_another_language_keeps_the_mentor_languages(mentor):
    MentorLanguage.objects.create(mentor=mentor, language="en")

    body = api_client(PersonFactory(), language="en").get(f"/api/v1/mentors/{mentor.pk}").json()

    assert body["languages"] == ["en", "fi", "sv"]


def test_asking_for_a_mentor_on_a_break_is_refused_by_the_service_naming_the_field(
    instagram, mentor
):
    mentor.paused = True
    mentor.save()

    response = post(
        api_client(PersonFactory(), language="en"), "/api/v1/loans", loan_body(mentor=mentor.pk)
    )

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid_request"
    assert [error["field"] for error in body["errors"]] == ["mentor"]
    assert body["message"] == "The mentor you asked for is not taking requests at the moment."
    assert not Loan.objects.exists()


def test_asking_for_a_mentor_who_has_left_finds_nobody(instagram, mentor):
    mentor.person.is_active = False
    mentor.person.save()

    response = post(api_client(PersonFactory()), "/api/v1/loans", loan_body(mentor=mentor.pk))

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_mentor"
    assert not Loan.objects.exists()
