"""Several borrowers book the same mentor for the same time at once: exactly one gets it; at
different times, the mentor's monthly hours still hold.

Real threads, each with its own database connection, released together by a barrier; on
SQLite the IMMEDIATE transaction serialises them, on PostgreSQL the exclusion constraint and
the mentor's row lock.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, transaction

from lainaamo.core.errors import DomainError
from lainaamo.mentors.models import Loan, LoanSession, LoanStatus, MentorProfile
from lainaamo.mentors.services import book_session, update_mentor_profile
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor, next_weekday
from lainaamo.scheduling.models import Booking
from lainaamo.scheduling.services import set_absences
from lainaamo.scheduling.tests.threads import race

BORROWERS = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_many_borrowers_booking_one_mentor_slot_at_once_exactly_one_wins(mailoutbox):
    skill = SkillFactory()
    mentor = make_mentor(skills={skill: 3}, monthly_hours=40)
    loans = [make_loan(skills=[skill]) for _ in range(BORROWERS)]
    start = next_weekday(1, 10)

    outcomes = race(
        [
            lambda loan=loan: book_session(
                loan=loan, mentor=mentor, start=start, actor=loan.borrower
            )
            for loan in loans
        ]
    )

    assert outcomes == Counter(booked=1, slot_taken=BORROWERS - 1)
    assert Booking.objects.filter(resource=mentor.resource).active().count() == 1
    (session,) = LoanSession.objects.select_related("loan")
    assert session.loan.status == LoanStatus.BOOKED
    losers = Loan.objects.exclude(pk=session.loan_id)
    assert set(losers.values_list("status", "mentor")) == {(LoanStatus.REQUESTED, None)}
    # The winner's two messages went out after its commit; the losers sent nothing.
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sessions_of_one_loan_booked_at_once_at_clashing_times_give_one_session():
    skill = SkillFactory()
    mentor = make_mentor(skills={skill: 3}, monthly_hours=40)
    loan = make_loan(skills=[skill], duration_minutes=90)
    first = next_weekday(2, 9)
    starts = [first.replace(minute=minute) for minute in (0, 10, 20, 30, 40, 50)]

    outcomes = race(
        [
            lambda start=start: book_session(
                loan=loan, mentor=mentor, start=start, actor=loan.borrower
            )
            for start in starts
        ]
    )

    assert outcomes == Counter(booked=1, slot_taken=len(starts) - 1)
    assert LoanSession.objects.filter(loan=loan).count() == 1
    assert Loan.objects.get(pk=loan.pk).mentor == mentor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_borrowers_booking_one_mentor_at_once_at_different_times_stay_within_their_hours():
    """Each loan is locked by its own booker; the month's hours are counted under the mentor's
    lock, so two bookers cannot both take the mentor's last hour."""
    skill = SkillFactory()
    mentor = make_mentor(skills={skill: 3}, monthly_hours=2)
    loans = [make_loan(skills=[skill], mode="remote") for _ in range(6)]
    day = next_weekday(1, 8)
    starts = [day.replace(hour=8 + i) for i in range(len(loans))]  # 8:00, 9:00 ... 13:00

    outcomes = race(
        [
            lambda loan=loan, start=start: book_session(
                loan=loan, mentor=mentor, start=start, actor=loan.borrower
            )
            for loan, start in zip(loans, starts, strict=True)
        ]
    )

    assert outcomes == Counter(booked=2, mentor_unavailable=len(loans) - 2)
    assert Booking.objects.filter(resource=mentor.resource).active().count() == 2


def _held_open(step, started: threading.Event, release: threading.Event) -> threading.Thread:
    """A thread that runs `step` in a transaction it keeps open until `release` is set."""

    def run():
        try:
            with transaction.atomic():
                step()
                started.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    return threading.Thread(target=run)


def _pause(mentor: MentorProfile) -> None:
    update_mentor_profile(
        mentor=mentor,
        bio={"fi": mentor.bio_fi},
        languages=list(mentor.languages.values_list("language", flat=True)),
        municipality_ids=list(mentor.municipalities.values_list("pk", flat=True)),
        on_site=mentor.on_site,
        remote=mentor.remote,
        monthly_hours=mentor.monthly_hours,
        paused=True,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("change", "refusal"),
    [("pause", "mentor_unavailable"), ("absence", "outside_availability")],
)
def test_a_break_or_absence_saved_while_a_booking_waits_is_seen_by_the_booking(change, refusal):
    """The booking reads every rule under the lock on the mentor's time, which the change
    holds until it commits: a booking that began before the change was saved still sees it."""
    skill = SkillFactory()
    mentor = make_mentor(skills={skill: 3}, monthly_hours=40)
    loan = make_loan(skills=[skill], mode="remote")
    start = next_weekday(1, 10)
    day = start.date()
    step = {
        "pause": lambda: _pause(mentor),
        "absence": lambda: set_absences(resource=mentor.resource, rows=[(day, day, "")]),
    }[change]
    started, release = threading.Event(), threading.Event()
    outcome: list[str] = []

    def book():
        try:
            book_session(loan=loan, mentor=mentor, start=start, actor=loan.borrower)
            outcome.append("booked")
        except DomainError as error:
            outcome.append(error.code)
        finally:
            connection.close()

    holder = _held_open(step, started, release)
    holder.start()
    assert started.wait(timeout=30)
    booker = threading.Thread(target=book)
    booker.start()
    booker.join(timeout=0.5)
    waited = booker.is_alive()  # for the lock that the change holds
    release.set()
    holder.join(timeout=30)
    booker.join(timeout=30)

    assert waited
    assert outcome == [refusal]
    assert not Booking.objects.filter(resource=mentor.resource).exists()
