"""Several borrowers book the same mentor for the same time at once: exactly one gets it; at
different times, the mentor's monthly hours still hold.

Real threads, each with its own database connection, released together by a barrier; on
SQLite the IMMEDIATE transaction serialises them, on PostgreSQL the exclusion constraint and
the mentor's row lock.
"""

from collections import Counter

import pytest

from lainaamo.mentors.models import Loan, LoanSession, LoanStatus
from lainaamo.mentors.services import book_session
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor, next_weekday
from lainaamo.scheduling.models import Booking
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

    kinds = Counter(outcome.split(":")[0] for outcome in outcomes.elements())
    assert kinds == Counter({"booked": 2, "MentorUnavailable": len(loans) - 2})
    assert Booking.objects.filter(resource=mentor.resource).active().count() == 2
