import datetime as dt
from decimal import Decimal

import pytest

from lainaamo.core.errors import DomainError, InvalidTransition
from lainaamo.core.timeutil import HELSINKI, wall_clock
from lainaamo.directory.models import Sector
from lainaamo.directory.tests.factories import PersonFactory, UnitFactory
from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.models import (
    Decline,
    Loan,
    LoanEventKind,
    LoanSession,
    LoanStatus,
    LoanWindow,
)
from lainaamo.mentors.services import (
    TRAVEL_BUFFER,
    MentorUnavailable,
    accept_loan,
    book_session,
    cancel_loan,
    complete_loan,
    confirm_completion,
    decline_loan,
    request_loan,
    reschedule_session,
    why_ineligible,
)
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor
from lainaamo.scheduling.models import Absence, Booking, BookingStatus, WeeklyAvailability
from lainaamo.scheduling.services import (
    OutsideAvailability,
    SlotTaken,
    StartInPast,
    book,
    set_absences,
)

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
MONDAY = dt.date(2027, 1, 4)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HELSINKI)


TUESDAY_10 = at(MONDAY + DAY, 10)
WEDNESDAY_10 = at(MONDAY + 2 * DAY, 10)
THURSDAY_10 = at(MONDAY + 3 * DAY, 10)


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.clock(at(MONDAY, 7), tick=False),
    pytest.mark.usefixtures("in_english"),
]


@pytest.fixture
def loan(skill):
    return make_loan(skills=[skill])


def session_of(loan, mentor, start=TUESDAY_10):
    return book_session(loan=loan, mentor=mentor, start=start, actor=loan.borrower)


def accepted(loan, mentor, start=TUESDAY_10):
    session = session_of(loan, mentor, start)
    accept_loan(loan=loan, actor=mentor.person)
    return session


def counts() -> tuple[int, ...]:
    return (
        Loan.objects.count(),
        LoanWindow.objects.count(),
        Loan.skills.through.objects.count(),
        LoanSession.objects.count(),
        Booking.objects.count(),
        Decline.objects.count(),
    )


def status_of(loan) -> str:
    return Loan.objects.values_list("status", flat=True).get(pk=loan.pk)


# --- request_loan -----------------------------------------------------------------------


def request_fields(**changes) -> dict:
    start = at(MONDAY + DAY, 8)
    fields = {
        "borrower": PersonFactory(),
        "skills": [SkillFactory()],
        "need": "Instagram-tilin perustaminen",
        "language": "fi",
        "mode": "on_site",
        "place": "Kirjastonkatu 13, Vaasa",
        "duration_minutes": 60,
        "windows": [(start, start + 5 * DAY)],
    }
    fields.update(changes)
    return fields


def test_request_loan_records_the_request_with_the_borrowers_unit():
    borrower = PersonFactory(home_unit=UnitFactory(sector=Sector.MUSEUM))
    later, sooner = (at(MONDAY + 7 * DAY, 8), at(MONDAY + 8 * DAY, 8)), (TUESDAY_10, THURSDAY_10)

    loan = request_loan(
        **request_fields(
            borrower=borrower,
            place="  Museokatu 3  ",
            windows=[later, sooner],
            group_size=12,
        )
    )

    loan.refresh_from_db()
    assert loan.status == LoanStatus.REQUESTED
    assert loan.borrower_unit == borrower.home_unit
    assert loan.borrower_sector == Sector.MUSEUM
    assert loan.municipality == borrower.home_unit.municipality
    assert loan.place == "Museokatu 3"
    assert loan.group_size == 12
    assert [(w.start, w.end) for w in loan.windows.all()] == [sooner, later]
    assert loan.skills.count() == 1


def test_remote_request_keeps_no_place():
    loan = request_loan(**request_fields(mode="remote", place="Somewhere"))

    assert loan.place == ""


def too_many_windows():
    first = at(MONDAY + DAY, 8)
    return [(first + n * HOUR, first + (n + 1) * HOUR) for n in range(21)]


@pytest.mark.parametrize(
    ("changes", "code", "message", "field"),
    [
        (
            {"borrower": lambda: PersonFactory(home_unit=None)},
            "no_home_unit",
            "no home unit",
            None,
        ),
        ({"need": "   "}, "invalid_request", "Describe what you need", "need"),
        ({"skills": []}, "invalid_request", "at least one skill", "skills"),
        ({"language": "de"}, "invalid_request", "Choose the language", "language"),
        ({"mode": "hybrid"}, "invalid_request", "on-site or remote", "mode"),
        ({"place": "  "}, "invalid_request", "Give the place", "place"),
        ({"duration_minutes": 14}, "invalid_request", "between 15 minutes", "duration_minutes"),
        ({"duration_minutes": 481}, "invalid_request", "between 15 minutes", "duration_minutes"),
        ({"group_size": 0}, "invalid_request", "group size", "group_size"),
        ({"group_size": 501}, "invalid_request", "group size", "group_size"),
        ({"windows": []}, "invalid_request", "at least one time window", "windows"),
        ({"windows": too_many_windows}, "invalid_request", "at most 20", "windows"),
        (
            {"windows": [(THURSDAY_10, TUESDAY_10)]},
            "invalid_request",
            "end after it starts",
            "windows",
        ),
        (
            {"windows": [(at(MONDAY, 5), at(MONDAY, 6))]},
            "invalid_request",
            "must be in the future",
            "windows",
        ),
    ],
)
def test_bad_request_is_refused_and_changes_nothing(changes, code, message, field):
    changes = {key: value() if callable(value) else value for key, value in changes.items()}
    fields = request_fields(**changes)
    before = counts()

    with pytest.raises(DomainError) as error:
        request_loan(**fields)

    assert error.value.code == code
    assert message in str(error.value)
    assert error.value.field == field
    assert counts() == before


# --- book_session -----------------------------------------------------------------------


def test_booking_a_session_books_the_mentor_and_waits_for_their_answer(loan, mentor):
    session = session_of(loan, mentor)

    loan.refresh_from_db()
    booking = session.booking
    assert loan.status == LoanStatus.BOOKED
    assert loan.mentor == mentor
    assert loan.mentor_unit == mentor.person.home_unit
    assert loan.mentor_sector == Sector.YOUTH
    assert booking.resource == mentor.resource
    assert (booking.start, booking.end) == (TUESDAY_10, TUESDAY_10 + HOUR)
    assert booking.status == BookingStatus.TENTATIVE
    assert booking.owner == loan
    assert booking.buffer_before == booking.buffer_after == dt.timedelta()


def test_on_site_session_keeps_travel_time_around_it(skill):
    loan = make_loan(skills=[skill], mode="on_site")
    mentor = make_mentor(skills={skill: 2}, municipalities=[loan.municipality])

    session = session_of(loan, mentor)

    assert session.booking.blocked_start == TUESDAY_10 - TRAVEL_BUFFER
    assert session.booking.blocked_end == TUESDAY_10 + HOUR + TRAVEL_BUFFER


def test_coordinator_may_book_for_the_borrower(loan, mentor):
    from lainaamo.directory.tests.factories import coordinator_of

    coordinator = coordinator_of(loan.municipality)

    book_session(loan=loan, mentor=mentor, start=TUESDAY_10, actor=coordinator)

    assert status_of(loan) == LoanStatus.BOOKED


@pytest.mark.parametrize(
    "start", [at(MONDAY + DAY, 7, 30), at(MONDAY + DAY, 15, 30), at(MONDAY + DAY, 20)]
)
def test_session_outside_the_mentors_hours_is_refused(loan, mentor, start):
    before = counts()

    with pytest.raises(OutsideAvailability) as error:
        session_of(loan, mentor, start)

    assert error.value.code == "outside_availability"
    assert counts() == before
    assert status_of(loan) == LoanStatus.REQUESTED


@pytest.mark.parametrize("start", [at(MONDAY + DAY, 8), at(MONDAY + DAY, 15)])
def test_session_filling_the_edge_of_the_mentors_hours_is_taken(loan, mentor, start):
    # An absence that ends as the session begins, or begins as it ends, leaves it free.
    Absence.objects.create(resource=mentor.resource, start=start - DAY, end=start)
    Absence.objects.create(resource=mentor.resource, start=start + HOUR, end=start + DAY)

    session = session_of(loan, mentor, start)

    assert (session.booking.start, session.booking.end) == (start, start + HOUR)


def test_session_running_past_midnight_is_refused(loan, mentor):
    WeeklyAvailability.objects.filter(resource=mentor.resource).update(end_time=dt.time(23, 59))

    with pytest.raises(OutsideAvailability):
        session_of(loan, mentor, at(MONDAY + DAY, 23, 30))

    assert not LoanSession.objects.exists()


def test_session_during_the_mentors_absence_is_refused(loan, mentor):
    Absence.objects.create(resource=mentor.resource, start=at(MONDAY + DAY, 0), end=WEDNESDAY_10)

    with pytest.raises(OutsideAvailability):
        session_of(loan, mentor)

    assert not LoanSession.objects.exists()


def test_session_in_the_past_is_refused(loan, mentor, clock):
    clock.set(TUESDAY_10 + dt.timedelta(minutes=1))

    with pytest.raises(StartInPast) as error:
        session_of(loan, mentor)

    assert error.value.code == "start_in_past"
    assert not Booking.objects.exists()


def test_session_in_time_another_loan_took_is_refused(skill, loan, mentor):
    session_of(make_loan(skills=[skill]), mentor)
    before = counts()

    with pytest.raises(SlotTaken):
        session_of(loan, mentor, TUESDAY_10 + HOUR / 2)

    assert counts() == before
    loan.refresh_from_db()
    assert (loan.status, loan.mentor) == (LoanStatus.REQUESTED, None)


def spoil_paused(mentor, loan):
    mentor.paused = True
    mentor.save()


def spoil_paused_until_later(mentor, loan):
    mentor.paused, mentor.returns_on = True, MONDAY + DAY
    mentor.save()


def spoil_left(mentor, loan):
    mentor.person.is_active = False
    mentor.person.save()


def spoil_self(mentor, loan):
    Loan.objects.filter(pk=loan.pk).update(borrower=mentor.person)


def spoil_language(mentor, loan):
    Loan.objects.filter(pk=loan.pk).update(language="en")


def spoil_mode(mentor, loan):
    mentor.remote = False
    mentor.save()


def spoil_municipality(mentor, loan):
    Loan.objects.filter(pk=loan.pk).update(mode="on_site", place="Kirjastonkatu 13")
    mentor.municipalities.set([UnitFactory().municipality])


def spoil_skills(mentor, loan):
    Loan.objects.get(pk=loan.pk).skills.set([SkillFactory()])


def spoil_declined(mentor, loan):
    Decline.objects.create(loan=loan, mentor=mentor, reason="Busy")


def spoil_hours(mentor, loan):
    mentor.monthly_hours = 3
    mentor.save()
    book(resource=mentor.resource, start=THURSDAY_10, end=THURSDAY_10 + 2.5 * HOUR)


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (spoil_paused, "on a break"),
        (spoil_paused_until_later, "on a break"),
        (spoil_left, "no longer lends"),
        (spoil_self, "cannot borrow yourself"),
        (spoil_language, "language of the request"),
        (spoil_mode, "does not work in this mode"),
        (spoil_municipality, "does not come on site"),
        (spoil_skills, "none of the skills"),
        (spoil_declined, "already declined"),
        (spoil_hours, "no hours left"),
    ],
)
def test_ineligible_mentor_cannot_be_booked(loan, mentor, spoil, reason):
    spoil(mentor, loan)
    loan.refresh_from_db()
    mentor.refresh_from_db()
    assert reason in why_ineligible(mentor, loan, at=TUESDAY_10)
    before = counts()

    with pytest.raises(MentorUnavailable) as error:
        session_of(loan, mentor)

    assert error.value.code == "mentor_unavailable"
    assert reason in str(error.value)
    assert counts() == before


def test_paused_mentor_whose_return_date_has_come_can_be_booked(loan, mentor):
    mentor.paused, mentor.returns_on = True, MONDAY
    mentor.save()

    session_of(loan, mentor)

    assert status_of(loan) == LoanStatus.BOOKED


def test_mentor_may_lend_exactly_their_monthly_hours(loan, mentor):
    mentor.monthly_hours = 3
    mentor.save()
    book(resource=mentor.resource, start=THURSDAY_10, end=THURSDAY_10 + 2 * HOUR)

    session_of(loan, mentor)

    assert status_of(loan) == LoanStatus.BOOKED


def test_hours_of_another_month_do_not_count(loan, mentor):
    mentor.monthly_hours = 1
    mentor.save()
    february = at(dt.date(2027, 2, 2), 10)
    book(resource=mentor.resource, start=february, end=february + 2 * HOUR)

    session_of(loan, mentor)

    assert status_of(loan) == LoanStatus.BOOKED


def test_a_session_moved_into_a_month_the_mentor_has_filled_is_refused(skill, mentor):
    mentor.monthly_hours = 1
    mentor.save()
    session_of(make_loan(skills=[skill]), mentor, TUESDAY_10)  # January is full
    february = at(dt.date(2027, 2, 2), 10)
    later = make_loan(skills=[skill], windows=[(february - DAY, february + 5 * DAY)])
    session = session_of(later, mentor, february)

    with pytest.raises(MentorUnavailable, match="no hours left"):
        reschedule_session(session=session, start=WEDNESDAY_10, actor=later.borrower)

    session.booking.refresh_from_db()
    assert session.booking.start == february
    # Within February the hours stay as they were: the move is free to go.
    reschedule_session(session=session, start=february + DAY, actor=later.borrower)
    session.booking.refresh_from_db()
    assert session.booking.start == february + DAY


def test_second_session_while_waiting_for_the_mentor_is_tentative(loan, mentor):
    session_of(loan, mentor)

    second = session_of(loan, mentor, WEDNESDAY_10)

    assert second.booking.status == BookingStatus.TENTATIVE
    assert status_of(loan) == LoanStatus.BOOKED


def test_second_session_on_an_accepted_loan_is_confirmed_at_once(loan, mentor):
    accepted(loan, mentor)

    second = session_of(loan, mentor, WEDNESDAY_10)

    assert second.booking.status == BookingStatus.CONFIRMED
    assert status_of(loan) == LoanStatus.ACCEPTED
    assert loan.sessions.count() == 2


def test_session_with_another_mentor_on_a_loan_that_has_one_is_refused(skill, loan, mentor):
    session_of(loan, mentor)
    other = make_mentor(skills={skill: 3})

    with pytest.raises(MentorUnavailable) as error:
        session_of(loan, other, WEDNESDAY_10)

    assert "already has a mentor" in str(error.value)
    assert not Booking.objects.filter(resource=other.resource).exists()
    loan.refresh_from_db()
    assert loan.mentor == mentor


# --- accept, decline --------------------------------------------------------------------


def test_accepting_confirms_every_session(loan, mentor):
    first = session_of(loan, mentor)
    second = session_of(loan, mentor, WEDNESDAY_10)

    accept_loan(loan=loan, actor=mentor.person)

    loan.refresh_from_db()
    assert loan.status == LoanStatus.ACCEPTED
    assert loan.answered_at == at(MONDAY, 7)
    statuses = Booking.objects.filter(pk__in=[first.booking_id, second.booking_id])
    assert set(statuses.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}


def test_decline_returns_the_loan_to_requested_and_frees_the_mentors_time(loan, mentor):
    session = session_of(loan, mentor)

    decline_loan(loan=loan, actor=mentor.person, reason="  Olen lomalla  ")

    loan.refresh_from_db()
    session.booking.refresh_from_db()
    assert loan.status == LoanStatus.REQUESTED
    assert (loan.mentor, loan.mentor_unit, loan.mentor_sector) == (None, None, "")
    assert session.booking.status == BookingStatus.CANCELLED
    assert Decline.objects.get(loan=loan).reason == "Olen lomalla"
    assert Decline.objects.get(loan=loan).mentor == mentor
    assert not Booking.objects.filter(resource=mentor.resource).active().exists()


def test_declined_mentor_is_no_longer_matched_but_others_are(skill, loan, mentor):
    other = make_mentor(skills={skill: 1})
    session_of(loan, mentor)

    decline_loan(loan=loan, actor=mentor.person, reason="Busy")

    assert [match.mentor for match in find_matches(loan)] == [other]


def test_decline_needs_a_reason(loan, mentor):
    session_of(loan, mentor)
    before = counts()

    with pytest.raises(DomainError) as error:
        decline_loan(loan=loan, actor=mentor.person, reason="   ")

    assert error.value.code == "reason_required"
    assert counts() == before
    assert status_of(loan) == LoanStatus.BOOKED


def test_after_a_decline_another_mentor_can_be_booked(skill, loan, mentor):
    other = make_mentor(skills={skill: 2})
    session_of(loan, mentor)
    decline_loan(loan=loan, actor=mentor.person, reason="Busy")

    session_of(loan, other)

    loan.refresh_from_db()
    assert (loan.status, loan.mentor) == (LoanStatus.BOOKED, other)


# --- reschedule -------------------------------------------------------------------------


def test_rescheduling_moves_the_session_and_raises_the_sequence(loan, mentor):
    session = accepted(loan, mentor)

    reschedule_session(session=session, start=WEDNESDAY_10, actor=mentor.person)

    session.booking.refresh_from_db()
    loan.refresh_from_db()
    assert (session.booking.start, session.booking.end) == (WEDNESDAY_10, WEDNESDAY_10 + HOUR)
    assert session.booking.sequence == 2
    # The mentor chose the new time: it stays confirmed.
    assert session.booking.status == BookingStatus.CONFIRMED
    assert loan.status == LoanStatus.ACCEPTED


def test_a_time_the_borrower_moves_waits_for_the_mentors_yes_again(loan, mentor):
    session = accepted(loan, mentor)

    reschedule_session(session=session, start=WEDNESDAY_10, actor=loan.borrower)

    session.booking.refresh_from_db()
    loan.refresh_from_db()
    assert session.booking.status == BookingStatus.TENTATIVE
    assert session.booking.sequence == 2  # one change: the time and the status together
    assert loan.status == LoanStatus.BOOKED

    accept_loan(loan=loan, actor=mentor.person)

    session.booking.refresh_from_db()
    assert session.booking.status == BookingStatus.CONFIRMED


def test_a_mentor_who_declines_a_moved_time_keeps_the_loan_and_its_other_sessions(loan, mentor):
    first = accepted(loan, mentor)
    second = session_of(loan, mentor, THURSDAY_10)  # on an accepted loan: confirmed at once
    reschedule_session(session=second, start=WEDNESDAY_10 + 2 * HOUR, actor=loan.borrower)

    decline_loan(loan=loan, actor=mentor.person, reason="On Wednesdays I teach")

    loan.refresh_from_db()
    first.booking.refresh_from_db()
    second.booking.refresh_from_db()
    assert (loan.status, loan.mentor) == (LoanStatus.ACCEPTED, mentor)
    assert first.booking.status == BookingStatus.CONFIRMED
    assert second.booking.status == BookingStatus.CANCELLED
    assert not Decline.objects.exists()
    answer = loan.events.last()
    assert (answer.kind, answer.reason, answer.start) == (
        LoanEventKind.TIME_DECLINED,
        "On Wednesdays I teach",
        WEDNESDAY_10 + 2 * HOUR,
    )
    # The borrower books another time with the same mentor, who already said yes to the loan.
    third = session_of(loan, mentor, THURSDAY_10)
    assert third.booking.status == BookingStatus.CONFIRMED


def test_a_mentor_who_never_accepted_declines_the_whole_request_even_after_a_move(loan, mentor):
    session = session_of(loan, mentor)
    reschedule_session(session=session, start=WEDNESDAY_10, actor=loan.borrower)

    decline_loan(loan=loan, actor=mentor.person, reason="Not my field")

    loan.refresh_from_db()
    session.booking.refresh_from_db()
    assert (loan.status, loan.mentor) == (LoanStatus.REQUESTED, None)
    assert session.booking.status == BookingStatus.CANCELLED
    assert Decline.objects.get().reason == "Not my field"


def test_history_records_each_step_with_who_took_it(loan, mentor):
    session = accepted(loan, mentor)
    reschedule_session(session=session, start=WEDNESDAY_10, actor=loan.borrower)
    decline_loan(loan=loan, actor=mentor.person, reason="Wednesday does not suit me")

    history = list(loan.events.values_list("kind", "actor_id", "start", "previous_start"))

    borrower, lender = loan.borrower_id, mentor.person_id
    assert history == [
        ("requested", borrower, None, None),
        ("booked", borrower, TUESDAY_10, None),
        ("accepted", lender, None, None),
        ("rescheduled", borrower, WEDNESDAY_10, TUESDAY_10),
        ("time_declined", lender, WEDNESDAY_10, None),
    ]
    assert loan.events.last().reason == "Wednesday does not suit me"


@pytest.mark.parametrize(
    ("start", "error"),
    [
        (at(MONDAY + 2 * DAY, 15, 30), OutsideAvailability),
        (at(MONDAY, 6), StartInPast),
        (THURSDAY_10 + HOUR / 2, SlotTaken),
    ],
)
def test_rescheduling_into_unavailable_time_is_refused(skill, loan, mentor, start, error):
    session = session_of(loan, mentor)
    session_of(make_loan(skills=[skill]), mentor, THURSDAY_10)

    with pytest.raises(error):
        reschedule_session(session=session, start=start, actor=loan.borrower)

    session.booking.refresh_from_db()
    assert (session.booking.start, session.booking.sequence) == (TUESDAY_10, 0)


# --- cancel -----------------------------------------------------------------------------


def test_cancel_cancels_only_the_sessions_still_ahead(loan, mentor, clock):
    held = accepted(loan, mentor)
    ahead = session_of(loan, mentor, THURSDAY_10)
    clock.set(WEDNESDAY_10)

    cancel_loan(loan=loan, actor=loan.borrower, reason="Project ended")

    loan.refresh_from_db()
    held.booking.refresh_from_db()
    ahead.booking.refresh_from_db()
    assert loan.status == LoanStatus.CANCELLED
    assert (loan.cancel_reason, loan.cancelled_by) == ("Project ended", loan.borrower)
    assert held.booking.status == BookingStatus.CONFIRMED
    assert ahead.booking.status == BookingStatus.CANCELLED


def test_cancel_of_a_request_without_a_mentor_is_allowed(loan):
    cancel_loan(loan=loan, actor=loan.borrower, reason="Not needed")

    assert status_of(loan) == LoanStatus.CANCELLED


def test_cancel_needs_a_reason(loan, mentor):
    session = session_of(loan, mentor)

    with pytest.raises(DomainError) as error:
        cancel_loan(loan=loan, actor=mentor.person, reason="")

    assert error.value.code == "reason_required"
    session.booking.refresh_from_db()
    assert session.booking.status == BookingStatus.TENTATIVE
    assert status_of(loan) == LoanStatus.BOOKED


# --- complete and confirm ---------------------------------------------------------------


def test_complete_records_hours_and_outcome_after_the_last_session(loan, mentor, clock):
    accepted(loan, mentor)
    session_of(loan, mentor, WEDNESDAY_10)
    clock.set(WEDNESDAY_10 + 2 * HOUR)

    complete_loan(loan=loan, actor=mentor.person, hours="2,5", outcome=" Tili perustettu ")

    loan.refresh_from_db()
    assert loan.status == LoanStatus.COMPLETED
    assert loan.hours == Decimal("2.50")
    assert loan.outcome == "Tili perustettu"


def test_complete_needs_a_session_that_has_taken_place(loan, mentor):
    accepted(loan, mentor)

    with pytest.raises(DomainError) as error:
        complete_loan(loan=loan, actor=mentor.person, hours=1, outcome="Done")

    assert error.value.code == "no_session_held"
    assert status_of(loan) == LoanStatus.ACCEPTED


def test_complete_waits_for_the_sessions_still_ahead(loan, mentor, clock):
    accepted(loan, mentor)
    session_of(loan, mentor, THURSDAY_10)
    clock.set(WEDNESDAY_10)

    with pytest.raises(DomainError) as error:
        complete_loan(loan=loan, actor=mentor.person, hours=1, outcome="Done")

    assert error.value.code == "sessions_ahead"
    assert status_of(loan) == LoanStatus.ACCEPTED


def test_cancelled_sessions_neither_count_as_held_nor_as_ahead(loan, mentor, clock):
    session = accepted(loan, mentor)
    other = session_of(loan, mentor, THURSDAY_10)
    Booking.objects.filter(pk=other.booking_id).update(status=BookingStatus.CANCELLED)
    clock.set(WEDNESDAY_10)

    complete_loan(loan=loan, actor=mentor.person, hours=1, outcome="Done")

    assert status_of(loan) == LoanStatus.COMPLETED
    assert session.booking.start < WEDNESDAY_10


@pytest.mark.parametrize(
    "hours", [0, "0", -1, "abc", "", None, "nan", "inf", 100.01, "1e3", "0.001", 2.333, "1,255"]
)
def test_complete_refuses_hours_that_are_not_a_sensible_number(loan, mentor, clock, hours):
    accepted(loan, mentor)
    clock.set(WEDNESDAY_10)

    with pytest.raises(DomainError) as error:
        complete_loan(loan=loan, actor=mentor.person, hours=hours, outcome="Done")

    assert error.value.code == "invalid_hours"
    assert status_of(loan) == LoanStatus.ACCEPTED


@pytest.mark.parametrize(
    ("hours", "stored"),
    [(1, "1.00"), ("1.5", "1.50"), ("0,25", "0.25"), (Decimal("100"), "100.00"), (2.33, "2.33")],
)
def test_complete_accepts_hours_with_a_dot_or_a_comma(loan, mentor, clock, hours, stored):
    accepted(loan, mentor)
    clock.set(WEDNESDAY_10)

    complete_loan(loan=loan, actor=mentor.person, hours=hours, outcome="Done")

    loan.refresh_from_db()
    assert loan.hours == Decimal(stored)


def test_complete_needs_an_outcome(loan, mentor, clock):
    accepted(loan, mentor)
    clock.set(WEDNESDAY_10)

    with pytest.raises(DomainError) as error:
        complete_loan(loan=loan, actor=mentor.person, hours=1, outcome="  ")

    assert error.value.code == "invalid_request"
    assert status_of(loan) == LoanStatus.ACCEPTED


def test_borrower_confirms_a_completed_loan_once(loan, mentor, clock):
    accepted(loan, mentor)
    clock.set(WEDNESDAY_10)
    complete_loan(loan=loan, actor=mentor.person, hours=1, outcome="Done")

    confirm_completion(loan=loan, actor=loan.borrower)

    loan.refresh_from_db()
    assert loan.borrower_confirmed_at == WEDNESDAY_10
    with pytest.raises(InvalidTransition):
        confirm_completion(loan=loan, actor=loan.borrower)


# --- time -------------------------------------------------------------------------------


def test_session_in_the_repeated_autumn_hour_lasts_its_real_duration(skill, clock):
    clock.set(at(dt.date(2027, 10, 25), 7))
    sunday = dt.date(2027, 10, 31)
    mentor = make_mentor(skills={skill: 2}, availability=[(6, dt.time(0), dt.time(8))])
    loan = make_loan(skills=[skill], windows=[(at(sunday, 0), at(sunday, 8))])
    start = wall_clock(sunday, dt.time(3))  # EEST; an hour later the clocks show 03:00 again

    session = session_of(loan, mentor, start)

    session.booking.refresh_from_db()
    assert session.booking.duration == HOUR
    assert session.booking.end == dt.datetime(2027, 10, 31, 1, tzinfo=dt.UTC)


def test_an_absence_already_over_is_refused_and_nothing_changes():
    mentor = make_mentor()
    yesterday = MONDAY - DAY

    with pytest.raises(DomainError) as error:
        set_absences(
            resource=mentor.resource, rows=[(yesterday - dt.timedelta(days=3), yesterday, "")]
        )

    assert "already over" in str(error.value)
    assert not Absence.objects.filter(resource=mentor.resource).exists()
