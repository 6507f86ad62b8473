"""The loan page, the steps taken on it, and its calendar file."""

import datetime as dt
import re

import icalendar
import pytest
from django.urls import reverse

from lainaamo.core.timeutil import local
from lainaamo.mentors.models import Decline, LoanStatus
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import make_cast, make_loan, next_weekday

pytestmark = pytest.mark.django_db


def test_loan_page_lists_matches_with_reasons_and_slot_buttons(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("mentors:loan_detail", args=[cast.loan.pk]))

    page = response.content.decode()
    assert "Choose a mentor and a time" in page
    assert "Max Mentor" in page
    assert "Knows Instagram (expert)" in page
    assert reverse("mentors:book", args=[cast.loan.pk]) in page


def test_booking_a_slot_books_the_session(client):
    cast = make_cast(book=False)
    client.force_login(cast.borrower)
    start = next_weekday(2, 10)

    response = client.post(
        reverse("mentors:book", args=[cast.loan.pk]),
        {"mentor": cast.mentor.pk, "start": start.isoformat()},
    )

    cast.loan.refresh_from_db()
    session = cast.loan.sessions.get()
    assert response.status_code == 302
    assert cast.loan.status == LoanStatus.BOOKED
    assert session.booking.start == start


def test_slot_taken_says_so_and_offers_fresh_times(english):
    cast = make_cast(book=False)
    start = next_weekday(2, 10)
    other = make_loan(skills=[cast.skill])
    book_session(loan=other, mentor=cast.mentor, start=start, actor=other.borrower)
    english.force_login(cast.borrower)

    response = english.post(
        reverse("mentors:book", args=[cast.loan.pk]),
        {"mentor": cast.mentor.pk, "start": start.isoformat()},
    )

    cast.loan.refresh_from_db()
    page = response.content.decode()
    assert response.status_code == 409
    assert "This time was just taken" in page
    assert "Choose a mentor and a time" in page
    assert cast.loan.status == LoanStatus.REQUESTED
    assert not cast.loan.sessions.exists()


def test_mentor_accepts_from_the_inbox_and_returns_there(client):
    cast = make_cast()
    client.force_login(cast.mentor.person)

    response = client.post(
        reverse("mentors:accept", args=[cast.loan.pk]), {"next": reverse("mentors:inbox")}
    )

    cast.loan.refresh_from_db()
    assert cast.loan.status == LoanStatus.ACCEPTED
    assert response["Location"] == reverse("mentors:inbox")


def test_next_address_elsewhere_is_ignored(client):
    cast = make_cast()
    client.force_login(cast.mentor.person)

    response = client.post(
        reverse("mentors:accept", args=[cast.loan.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("mentors:loan_detail", args=[cast.loan.pk])


def test_decline_without_reason_shows_the_error_and_changes_nothing(english):
    cast = make_cast()
    english.force_login(cast.mentor.person)

    response = english.post(
        reverse("mentors:decline", args=[cast.loan.pk]), {f"decline-{cast.loan.pk}-reason": ""}
    )

    cast.loan.refresh_from_db()
    assert response.status_code == 400
    assert "Please give a reason." in response.content.decode()
    assert cast.loan.status == LoanStatus.BOOKED
    assert not Decline.objects.exists()


def test_a_steps_address_opened_by_get_leads_back_to_the_loan_page(client):
    """After a failed step the page stands at the step's address; reloading it, or switching
    the language there, comes back to the loan page instead of a bare 405."""
    cast = make_cast()
    session = cast.loan.sessions.get()
    client.force_login(cast.mentor.person)
    failed = client.post(reverse("mentors:decline", args=[cast.loan.pk]), {})
    assert failed.status_code == 400  # the loan page, drawn again with the form's error
    loan_page = reverse("mentors:loan_detail", args=[cast.loan.pk])

    for name, args in [
        ("book", [cast.loan.pk]),
        ("accept", [cast.loan.pk]),
        ("decline", [cast.loan.pk]),
        ("cancel", [cast.loan.pk]),
        ("complete", [cast.loan.pk]),
        ("confirm", [cast.loan.pk]),
        ("reschedule", [cast.loan.pk, session.pk]),
    ]:
        response = client.get(reverse(f"mentors:{name}", args=args))
        assert (response.status_code, response["Location"]) == (302, loan_page), name

    cast.loan.refresh_from_db()
    assert cast.loan.status == LoanStatus.BOOKED  # a GET changed nothing


def test_declined_loan_shows_the_reason_in_its_history(client):
    cast = make_cast()
    client.force_login(cast.mentor.person)
    client.post(
        reverse("mentors:decline", args=[cast.loan.pk]),
        {f"decline-{cast.loan.pk}-reason": "On holiday that week"},
    )
    client.force_login(cast.borrower)

    response = client.get(reverse("mentors:loan_detail", args=[cast.loan.pk]))

    cast.loan.refresh_from_db()
    assert cast.loan.status == LoanStatus.REQUESTED
    assert "On holiday that week" in response.content.decode()


def test_history_tells_in_swedish_who_booked_accepted_and_moved_a_session(client):
    cast = make_cast()
    session = cast.loan.sessions.get()
    before = session.booking.start
    accept_loan(loan=cast.loan, actor=cast.mentor.person)
    client.force_login(cast.borrower)
    client.cookies["lainaamo_language"] = "sv"
    later = before + dt.timedelta(days=1)

    response = client.post(
        reverse("mentors:reschedule", args=[cast.loan.pk, session.pk]),
        {
            f"move-{session.pk}-day": local(later).date().isoformat(),
            f"move-{session.pk}-start": local(later).strftime("%H:%M"),
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("mentors:loan_detail", args=[cast.loan.pk])).content.decode()

    history = page[page.index('<ol class="history">') :]
    borrower, mentor = cast.borrower.name, cast.mentor.person.name
    lines = [
        f"{borrower} bad om en mentor",
        f"{borrower} bokade en träff för",
        f"{mentor} tackade ja",
        f"{borrower} flyttade en träff från",
    ]
    positions = [history.index(line) for line in lines]
    assert positions == sorted(positions)
    # The mentor must say yes to the new time.
    cast.loan.refresh_from_db()
    assert cast.loan.status == LoanStatus.BOOKED

    # The mentor's pages say the answer is about the new time, and what declining it keeps.
    client.force_login(cast.mentor.person)
    client.cookies["lainaamo_language"] = "sv"
    for url in (
        reverse("mentors:inbox"),
        reverse("mentors:loan_detail", args=[cast.loan.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Tacka ja till den nya tiden" in page
        assert "Tacka nej till den nya tiden" in page
        assert "lånet förblir ditt" in page

    # The mentor cannot come then: that time goes, the loan stays theirs.
    response = client.post(
        reverse("mentors:decline", args=[cast.loan.pk]),
        {f"decline-{cast.loan.pk}-reason": "Jag har kurs då"},
        follow=True,
    )
    page = response.content.decode()
    assert "Du tackade nej till den nya tiden" in page  # the message of success
    assert f"{mentor} kunde inte komma på den nya tiden" in page
    assert "Jag har kurs då" in page
    cast.loan.refresh_from_db()
    assert (cast.loan.status, cast.loan.mentor) == (LoanStatus.ACCEPTED, cast.mentor)


def test_moving_a_session_offers_the_mentors_free_times_and_one_click_moves_it(english):
    cast = make_cast()
    session = cast.loan.sessions.get()
    english.force_login(cast.borrower)

    page = english.get(reverse("mentors:loan_detail", args=[cast.loan.pk])).content.decode()
    offered = re.findall(
        rf'name="move-{session.pk}-day" value="([\d-]+)">\s*'
        rf'<input type="hidden" name="move-{session.pk}-start" value="([\d:]+)"',
        page,
    )
    assert 1 <= len(offered) <= 6
    day, start = offered[-1]

    english.post(
        reverse("mentors:reschedule", args=[cast.loan.pk, session.pk]),
        {f"move-{session.pk}-day": day, f"move-{session.pk}-start": start},
    )

    session.booking.refresh_from_db()
    moved = local(session.booking.start)
    assert (moved.date().isoformat(), moved.strftime("%H:%M")) == (day, start)


def test_borrower_cancels_with_a_reason(client):
    cast = make_cast()
    client.force_login(cast.borrower)

    response = client.post(
        reverse("mentors:cancel", args=[cast.loan.pk]),
        {f"cancel-{cast.loan.pk}-reason": "We found help in-house"},
    )

    cast.loan.refresh_from_db()
    assert response.status_code == 302
    assert cast.loan.status == LoanStatus.CANCELLED
    assert cast.loan.cancel_reason == "We found help in-house"


def test_mentor_moves_a_session(client):
    cast = make_cast()
    session = cast.loan.sessions.get()
    client.force_login(cast.mentor.person)
    new_start = next_weekday(3, 13)
    prefix = f"move-{session.pk}"

    response = client.post(
        reverse("mentors:reschedule", args=[cast.loan.pk, session.pk]),
        {f"{prefix}-day": new_start.date().isoformat(), f"{prefix}-start": "13:00"},
    )

    session.booking.refresh_from_db()
    assert response.status_code == 302
    assert session.booking.start == new_start


def test_the_mentor_moving_a_session_sees_their_own_free_times(english):
    cast = make_cast()
    english.force_login(cast.mentor.person)

    page = english.get(reverse("mentors:loan_detail", args=[cast.loan.pk])).content.decode()

    assert "Your free times:" in page
    assert f"Free times of {cast.mentor.person.name}" not in page
    english.force_login(cast.borrower)
    page = english.get(reverse("mentors:loan_detail", args=[cast.loan.pk])).content.decode()
    assert f"Free times of {cast.mentor.person.name}:" in page


def test_moving_a_session_outside_the_hours_shows_the_error_and_keeps_the_time(english):
    cast = make_cast()
    session = cast.loan.sessions.get()
    old_start = session.booking.start
    english.force_login(cast.mentor.person)
    prefix = f"move-{session.pk}"

    response = english.post(
        reverse("mentors:reschedule", args=[cast.loan.pk, session.pk]),
        {f"{prefix}-day": next_weekday(3, 13).date().isoformat(), f"{prefix}-start": "22:00"},
    )

    session.booking.refresh_from_db()
    assert response.status_code == 400
    assert "outside the hours on offer" in response.content.decode()
    assert session.booking.start == old_start


def test_mentor_completes_after_the_session_and_borrower_confirms(client, clock):
    cast = make_cast()
    accept_loan(loan=cast.loan, actor=cast.mentor.person)
    session = cast.loan.sessions.get()
    clock.set(session.booking.end + dt.timedelta(hours=1))
    prefix = f"complete-{cast.loan.pk}"
    client.force_login(cast.mentor.person)

    client.post(
        reverse("mentors:complete", args=[cast.loan.pk]),
        {f"{prefix}-hours": "1,5", f"{prefix}-outcome": "Reels made together"},
    )
    client.force_login(cast.borrower)
    client.post(reverse("mentors:confirm", args=[cast.loan.pk]))

    cast.loan.refresh_from_db()
    assert cast.loan.status == LoanStatus.COMPLETED
    assert str(cast.loan.hours) == "1.50"
    assert cast.loan.borrower_confirmed_at is not None


def test_completing_with_bad_hours_shows_the_error_and_changes_nothing(english, clock):
    cast = make_cast()
    accept_loan(loan=cast.loan, actor=cast.mentor.person)
    clock.set(cast.loan.sessions.get().booking.end + dt.timedelta(hours=1))
    prefix = f"complete-{cast.loan.pk}"
    english.force_login(cast.mentor.person)

    response = english.post(
        reverse("mentors:complete", args=[cast.loan.pk]),
        {f"{prefix}-hours": "0", f"{prefix}-outcome": "Done"},
    )

    cast.loan.refresh_from_db()
    assert response.status_code == 400
    assert "Give the hours as a number from 0.25 to 100." in response.content.decode()
    assert cast.loan.status == LoanStatus.ACCEPTED

    # In Swedish the limit is written as Swedish writes numbers.
    english.cookies["lainaamo_language"] = "sv"
    response = english.post(
        reverse("mentors:complete", args=[cast.loan.pk]),
        {f"{prefix}-hours": "0", f"{prefix}-outcome": "Done"},
    )
    assert "0,25" in response.content.decode()
    assert "0.25" not in response.content.decode()


def test_invitation_file_has_the_sessions_for_adding_to_a_calendar(client):
    cast = make_cast()
    session = cast.loan.sessions.get()
    client.force_login(cast.borrower)

    response = client.get(reverse("mentors:invitation", args=[cast.loan.pk]))

    calendar = icalendar.Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert response["Content-Type"].startswith("text/calendar")
    assert calendar["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == f"{session.booking.uid}@lainaamo"
