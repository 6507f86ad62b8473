"""The mentor pages: catalogue, mentor page, request form, loan page and its actions, lists,
the mentor's part of the profile, calendar files."""

import datetime as dt
import re

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lainaamo.core.timeutil import HELSINKI, local, now
from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.models import Decline, Loan, LoanStatus, MentorSkill
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import (
    SkillFactory,
    make_cast,
    make_loan,
    make_mentor,
    next_weekday,
)
from lainaamo.scheduling.models import Absence, WeeklyAvailability

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    """Pages in English, the language the source strings are written in."""
    client.cookies["lainaamo_language"] = "en"
    return client


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


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


# --- request form ------------------------------------------------------------------------------


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


# --- the loan page and its actions -------------------------------------------------------------


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


# --- my loans and the inbox ----------------------------------------------------------------------


def test_my_loans_lists_loans_as_borrower_and_as_mentor(english):
    cast = make_cast()
    mentor_loan = make_loan(borrower=cast.mentor.person, need="Help with TikTok for the youth")
    english.force_login(cast.mentor.person)

    response = english.get(reverse("mentors:my_loans"))

    page = response.content.decode()
    assert "Help with TikTok for the youth" in page
    assert "Instagram-tilin perustaminen" in page
    assert "Waiting for the mentor" in page
    assert mentor_loan.status == LoanStatus.REQUESTED


def test_my_loans_query_count_does_not_grow_with_loans(client):
    mentor = make_mentor(monthly_hours=100)
    borrower = PersonFactory()
    client.force_login(borrower)

    def add_loans(count: int, offset: int) -> None:
        for index in range(offset, offset + count):
            loan = make_loan(borrower=borrower, skills=[mentor.skills.first()])
            start = next_weekday(0, 8) + dt.timedelta(days=index // 8, hours=index % 8)
            book_session(loan=loan, mentor=mentor, start=start, actor=borrower)

    add_loans(3, 0)
    with_three = queries_for(client, reverse("mentors:my_loans"))
    add_loans(17, 3)
    with_twenty = queries_for(client, reverse("mentors:my_loans"))

    assert with_twenty == with_three


def test_inbox_shows_requests_awaiting_an_answer_and_coming_sessions(english):
    cast = make_cast()
    english.force_login(cast.mentor.person)

    response = english.get(reverse("mentors:inbox"))

    page = response.content.decode()
    assert "Waiting for your answer" in page
    assert "Bea Borrower" in page
    assert reverse("mentors:accept", args=[cast.loan.pk]) in page
    assert f'name="decline-{cast.loan.pk}-reason"' in page
    # A first answer is about the whole request, not a moved time.
    assert "Decline the new time" not in page
    assert "A session you had accepted was moved" not in page


def test_inbox_offers_to_complete_loans_whose_sessions_are_over(english, clock):
    cast = make_cast()
    accept_loan(loan=cast.loan, actor=cast.mentor.person)
    clock.set(cast.loan.sessions.get().booking.end + dt.timedelta(days=1))
    english.force_login(cast.mentor.person)

    response = english.get(reverse("mentors:inbox"))

    page = response.content.decode()
    assert reverse("mentors:complete", args=[cast.loan.pk]) in page
    assert "No sessions coming." in page
    # Titled by its skills, as the requests waiting for an answer are, with the need in full.
    loan_link = reverse("mentors:loan_detail", args=[cast.loan.pk])
    assert f'<h3><a href="{loan_link}">{cast.skill.name}</a></h3>' in page
    assert cast.loan.need in page


def test_inbox_query_count_does_not_grow_with_requests(client):
    mentor = make_mentor(monthly_hours=100)
    client.force_login(mentor.person)

    def add_requests(count: int, offset: int) -> None:
        for index in range(offset, offset + count):
            loan = make_loan(skills=[mentor.skills.first()])
            start = next_weekday(0, 8) + dt.timedelta(days=index // 8, hours=index % 8)
            book_session(loan=loan, mentor=mentor, start=start, actor=loan.borrower)

    add_requests(3, 0)
    with_three = queries_for(client, reverse("mentors:inbox"))
    add_requests(17, 3)
    with_twenty = queries_for(client, reverse("mentors:inbox"))

    assert with_twenty == with_three


# --- the mentor's part of the profile ------------------------------------------------------------


def test_profile_of_a_non_mentor_has_no_mentor_sections(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("directory:profile"))

    assert "Weekly hours" not in response.content.decode()
    assert "Personal details" in response.content.decode()


def test_mentor_saves_what_they_offer(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)

    client.post(
        reverse("directory:profile"),
        {
            "section": "mentor",
            "mentor-bio_sv": "Jag hjälper med reels.",
            "mentor-languages": ["sv", "en"],
            "mentor-remote": "on",
            "mentor-monthly_hours": "6",
        },
    )

    cast.mentor.refresh_from_db()
    assert cast.mentor.bio_sv == "Jag hjälper med reels."
    assert sorted(cast.mentor.language_codes) == ["en", "sv"]
    assert not cast.mentor.on_site
    assert float(cast.mentor.monthly_hours) == 6


def test_mentor_on_site_without_municipalities_gets_an_error_and_nothing_changes(english):
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)

    response = english.post(
        reverse("directory:profile"),
        {
            "section": "mentor",
            "mentor-languages": ["fi"],
            "mentor-on_site": "on",
            "mentor-monthly_hours": "6",
        },
    )

    cast.mentor.refresh_from_db()
    page = response.content.decode()
    # The service's error, shown at the field it names.
    errors = re.search(r'<ul class="errorlist" id="id_mentor-municipalities_error">.*?</ul>', page)
    assert "Choose the municipalities you come to on site." in errors.group(0)
    assert float(cast.mentor.monthly_hours) == 8
    assert sorted(cast.mentor.language_codes) == ["fi", "sv"]


def test_mentor_saves_skill_levels(client):
    cast = make_cast(book=False)
    other = SkillFactory()
    client.force_login(cast.mentor.person)

    client.post(
        reverse("directory:profile"),
        {
            "section": "skills",
            f"skills-skill_{cast.skill.pk}": "",
            f"skills-skill_{other.pk}": "1",
        },
    )

    levels = dict(MentorSkill.objects.filter(mentor=cast.mentor).values_list("skill", "level"))
    assert levels == {other.pk: 1}


def availability_data(rows: list[tuple[str, str, str]], initial: int = 0) -> dict:
    data = {
        "section": "availability",
        "weekly-TOTAL_FORMS": str(len(rows)),
        "weekly-INITIAL_FORMS": str(initial),
    }
    for index, (weekday, start, end) in enumerate(rows):
        data.update(
            {
                f"weekly-{index}-weekday": weekday,
                f"weekly-{index}-start": start,
                f"weekly-{index}-end": end,
            }
        )
    return data


def test_mentor_replaces_weekly_hours(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)

    client.post(
        reverse("directory:profile"),
        availability_data([("1", "09:00", "11:00"), ("3", "13:00", "15:30")]),
    )

    rows = WeeklyAvailability.objects.filter(resource=cast.mentor.resource)
    assert [(r.weekday, r.start_time, r.end_time) for r in rows] == [
        (1, dt.time(9), dt.time(11)),
        (3, dt.time(13), dt.time(15, 30)),
    ]


def test_an_empty_weekly_row_starts_without_a_day(english):
    """A select always sends a value: an empty row with a preset day would count as filled."""
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)

    page = english.get(reverse("directory:profile")).content.decode()

    rows = re.findall(r'<select name="weekly-\d+-weekday"[^>]*>(.*?)</select>', page, re.S)
    empty = [row for row in rows if '<option value="" selected>' in row]
    assert len(rows) == len(empty) + cast.mentor.resource.availability.count()
    assert len(empty) == 2


def test_a_weekly_row_without_its_day_is_refused(english):
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)
    before = list(WeeklyAvailability.objects.filter(resource=cast.mentor.resource))

    response = english.post(
        reverse("directory:profile"), availability_data([("", "10:00", "12:00")])
    )

    assert "This field is required." in response.content.decode()
    assert list(WeeklyAvailability.objects.filter(resource=cast.mentor.resource)) == before


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1", "11:00", "09:00")], "Each row must end after it starts."),
        ([("1", "09:00", "12:00"), ("1", "11:00", "14:00")], "Two rows overlap on tuesday."),
    ],
)
def test_bad_weekly_hours_show_the_error_and_change_nothing(english, rows, message):
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)
    before = WeeklyAvailability.objects.filter(resource=cast.mentor.resource).count()

    response = english.post(reverse("directory:profile"), availability_data(rows))

    assert message in response.content.decode()
    assert WeeklyAvailability.objects.filter(resource=cast.mentor.resource).count() == before


def test_mentor_adds_an_absence(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)
    first = now().date() + dt.timedelta(days=10)

    client.post(
        reverse("directory:profile"),
        {
            "section": "absences",
            "absence-TOTAL_FORMS": "1",
            "absence-INITIAL_FORMS": "0",
            "absence-0-first_day": first.isoformat(),
            "absence-0-last_day": (first + dt.timedelta(days=4)).isoformat(),
            "absence-0-reason": "Holiday",
        },
    )

    absence = Absence.objects.get(resource=cast.mentor.resource)
    assert local(absence.start).date() == first
    assert local(absence.end).date() == first + dt.timedelta(days=5)


def test_an_absence_already_over_is_refused_and_saves_nothing(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)
    client.cookies["lainaamo_language"] = "sv"
    ended = local(now()).date() - dt.timedelta(days=1)

    response = client.post(
        reverse("directory:profile"),
        {
            "section": "absences",
            "absence-TOTAL_FORMS": "1",
            "absence-INITIAL_FORMS": "0",
            "absence-0-first_day": (ended - dt.timedelta(days=4)).isoformat(),
            "absence-0-last_day": ended.isoformat(),
            "absence-0-reason": "Holiday",
        },
    )

    assert response.status_code == 200
    assert "Den här frånvaron är redan över" in response.content.decode()
    assert not Absence.objects.filter(resource=cast.mentor.resource).exists()


# --- languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize(
    "name",
    [
        "mentors:catalogue",
        "mentors:request",
        "mentors:my_loans",
        "mentors:inbox",
        "mentors:loan_detail",
        "mentors:mentor_detail",
        "directory:profile",
    ],
)
def test_pages_render_in_the_chosen_language(client, language, name):
    cast = make_cast()
    client.force_login(cast.mentor.person)
    client.cookies["lainaamo_language"] = language
    args = {"mentors:loan_detail": [cast.loan.pk], "mentors:mentor_detail": [cast.mentor.pk]}

    response = client.get(reverse(name, args=args.get(name, [])))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_my_loans_tells_the_borrower_a_completion_awaits_their_confirmation(client):
    from lainaamo.mentors.models import Loan, LoanStatus
    from lainaamo.mentors.tests.factories import make_loan

    loan = make_loan()
    Loan.objects.filter(pk=loan.pk).update(status=LoanStatus.COMPLETED, hours=1, outcome="Done")
    client.cookies["lainaamo_language"] = "en"
    client.force_login(loan.borrower)

    page = client.get(reverse("mentors:my_loans")).content.decode()

    assert "Awaits your confirmation" in page


def test_request_form_proposes_the_next_three_working_days(client):
    from lainaamo.directory.tests.factories import PersonFactory
    from lainaamo.mentors.forms import next_working_days

    client.force_login(PersonFactory())

    page = client.get(reverse("mentors:request")).content.decode()

    days = next_working_days(3)
    assert all(day.weekday() < 5 for day in days)
    assert len(set(days)) == 3
    for number, day in enumerate(days):
        assert f'name="window-{number}-day" value="{day.isoformat()}"' in page
