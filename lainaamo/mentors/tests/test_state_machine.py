"""The loan's life: every step from every state, and who may take it.

requested -> booked -> accepted -> completed (-> confirmed by the borrower); a decline sends a
booked loan back to requested; requested, booked and accepted loans may be cancelled. Every
other step raises InvalidTransition, except that nobody may answer or complete a loan that no
mentor holds (PermissionDenied: there is no mentor whose step it would be).
"""

import datetime as dt
from dataclasses import dataclass

import pytest

from lainaamo.core.errors import InvalidTransition, PermissionDenied
from lainaamo.core.tests.clock import Clock
from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.tests.factories import PersonFactory, UnitFactory, coordinator_of
from lainaamo.mentors.models import Loan, LoanSession, LoanStatus, MentorProfile
from lainaamo.mentors.services import (
    accept_loan,
    book_session,
    cancel_loan,
    complete_loan,
    confirm_completion,
    decline_loan,
    reschedule_session,
)
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor
from lainaamo.scheduling.models import Booking

MONDAY = dt.date(2027, 1, 4)


def at(day_offset: int, hour: int) -> dt.datetime:
    day = MONDAY + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


TUESDAY_10, WEDNESDAY_10, THURSDAY_10, FRIDAY_10 = at(1, 10), at(2, 10), at(3, 10), at(4, 10)


pytestmark = [pytest.mark.django_db, pytest.mark.clock(at(0, 7), tick=False)]


@dataclass
class World:
    loan: Loan
    mentor: MentorProfile  # the mentor the loan has, or had before declining
    other: MentorProfile  # a second mentor who could take the loan
    clock: Clock

    @property
    def session(self) -> LoanSession:
        return self.loan.sessions.order_by("pk").first()


# --- states -----------------------------------------------------------------------------


def to_booked(world: World) -> None:
    book_session(loan=world.loan, mentor=world.mentor, start=TUESDAY_10, actor=world.loan.borrower)


def to_accepted(world: World) -> None:
    to_booked(world)
    accept_loan(loan=world.loan, actor=world.mentor.person)


def to_requested(world: World) -> None:
    # A loan that went back to the borrower: it has a cancelled session and no mentor.
    to_booked(world)
    decline_loan(loan=world.loan, actor=world.mentor.person, reason="On holiday")


def to_completed(world: World) -> None:
    to_accepted(world)
    world.clock.set(WEDNESDAY_10)
    complete_loan(loan=world.loan, actor=world.mentor.person, hours="1", outcome="Done")


def to_confirmed(world: World) -> None:
    to_completed(world)
    confirm_completion(loan=world.loan, actor=world.loan.borrower)


def to_cancelled(world: World) -> None:
    to_booked(world)
    cancel_loan(loan=world.loan, actor=world.loan.borrower, reason="Not needed")


STATES = {
    "requested": to_requested,
    "booked": to_booked,
    "accepted": to_accepted,
    "completed": to_completed,
    "confirmed": to_confirmed,
    "cancelled": to_cancelled,
}


# --- actions, each by the person whose step it is ---------------------------------------


def do_book(world: World) -> None:
    mentor = (
        world.other
        if world.loan.mentor_id is None and world.loan.declines.exists()
        else (world.mentor)
    )
    book_session(loan=world.loan, mentor=mentor, start=FRIDAY_10, actor=world.loan.borrower)


def do_accept(world: World) -> None:
    accept_loan(loan=world.loan, actor=world.mentor.person)


def do_decline(world: World) -> None:
    decline_loan(loan=world.loan, actor=world.mentor.person, reason="Busy")


def do_reschedule(world: World) -> None:
    reschedule_session(session=world.session, start=THURSDAY_10, actor=world.loan.borrower)


def do_cancel(world: World) -> None:
    cancel_loan(loan=world.loan, actor=world.loan.borrower, reason="Plans changed")


def do_complete(world: World) -> None:
    world.clock.set(max(world.clock.moment, WEDNESDAY_10))
    complete_loan(loan=world.loan, actor=world.mentor.person, hours="1.5", outcome="Done")


def do_confirm(world: World) -> None:
    confirm_completion(loan=world.loan, actor=world.loan.borrower)


ACTIONS = {
    "book_session": do_book,
    "accept": do_accept,
    "decline": do_decline,
    "reschedule": do_reschedule,
    "cancel": do_cancel,
    "complete": do_complete,
    "confirm": do_confirm,
}

# (state, action) -> the status the loan then has
LEGAL = {
    ("requested", "book_session"): LoanStatus.BOOKED,
    ("requested", "cancel"): LoanStatus.CANCELLED,
    ("booked", "book_session"): LoanStatus.BOOKED,
    ("booked", "accept"): LoanStatus.ACCEPTED,
    ("booked", "decline"): LoanStatus.REQUESTED,
    ("booked", "reschedule"): LoanStatus.BOOKED,
    ("booked", "cancel"): LoanStatus.CANCELLED,
    ("accepted", "book_session"): LoanStatus.ACCEPTED,
    ("accepted", "reschedule"): LoanStatus.BOOKED,  # moved by the borrower: asked again
    ("accepted", "cancel"): LoanStatus.CANCELLED,
    ("accepted", "complete"): LoanStatus.COMPLETED,
    ("completed", "confirm"): LoanStatus.COMPLETED,
}
NO_MENTOR_TO_ACT = {("requested", "accept"), ("requested", "decline"), ("requested", "complete")}


@pytest.fixture
def world(clock):
    skill = SkillFactory()
    return World(
        loan=make_loan(skills=[skill]),
        mentor=make_mentor(skills={skill: 2}),
        other=make_mentor(skills={skill: 2}),
        clock=clock,
    )


def snapshot(loan: Loan) -> tuple:
    loan = Loan.objects.get(pk=loan.pk)
    bookings = Booking.objects.filter(loan_session__loan=loan).order_by("pk")
    return (
        loan.status,
        loan.mentor_id,
        loan.hours,
        loan.borrower_confirmed_at,
        loan.cancel_reason,
        list(bookings.values_list("start", "status", "sequence")),
        loan.declines.count(),
    )


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_step_from_every_state(world, state, action):
    STATES[state](world)
    assert Loan.objects.get(pk=world.loan.pk).status == state.replace("confirmed", "completed")
    before = snapshot(world.loan)

    if (state, action) in LEGAL:
        ACTIONS[action](world)

        world.loan.refresh_from_db()
        assert world.loan.status == LEGAL[state, action]
        assert snapshot(world.loan) != before
    else:
        expected = PermissionDenied if (state, action) in NO_MENTOR_TO_ACT else InvalidTransition
        with pytest.raises(expected) as error:
            ACTIONS[action](world)

        assert error.value.code == expected.code
        assert snapshot(world.loan) == before


def test_invalid_transition_is_a_409_conflict():
    assert (InvalidTransition.code, InvalidTransition.status) == ("invalid_transition", 409)


# --- who may do what --------------------------------------------------------------------

ROLES = ("borrower", "mentor", "coordinator", "other_coordinator", "stranger", "other_mentor")
ALLOWED = {
    "book_session": {"borrower", "coordinator"},
    "accept": {"mentor"},
    "decline": {"mentor"},
    "reschedule": {"borrower", "mentor", "coordinator"},
    "cancel": {"borrower", "mentor", "coordinator"},
    "complete": {"mentor"},
    "confirm": {"borrower"},
}
# The state each action starts from, and what it is called with by `actor`.
PERMISSION_CASES = {
    "book_session": (
        None,
        lambda w, actor: book_session(loan=w.loan, mentor=w.mentor, start=TUESDAY_10, actor=actor),
    ),
    "accept": (to_booked, lambda w, actor: accept_loan(loan=w.loan, actor=actor)),
    "decline": (to_booked, lambda w, actor: decline_loan(loan=w.loan, actor=actor, reason="No")),
    "reschedule": (
        to_booked,
        lambda w, actor: reschedule_session(session=w.session, start=THURSDAY_10, actor=actor),
    ),
    "cancel": (to_booked, lambda w, actor: cancel_loan(loan=w.loan, actor=actor, reason="No")),
    "complete": (
        lambda w: (to_accepted(w), w.clock.set(WEDNESDAY_10)),
        lambda w, actor: complete_loan(loan=w.loan, actor=actor, hours=1, outcome="Done"),
    ),
    "confirm": (to_completed, lambda w, actor: confirm_completion(loan=w.loan, actor=actor)),
}


def person_in_role(world: World, role: str):
    return {
        "borrower": lambda: world.loan.borrower,
        "mentor": lambda: world.mentor.person,
        "coordinator": lambda: coordinator_of(world.loan.municipality),
        "other_coordinator": lambda: coordinator_of(UnitFactory().municipality),
        "stranger": lambda: PersonFactory(home_unit=world.loan.borrower.home_unit),
        "other_mentor": lambda: world.other.person,
    }[role]()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_only_the_right_people_may_take_each_step(world, action, role):
    arrange, act = PERMISSION_CASES[action]
    if arrange:
        arrange(world)
    actor = person_in_role(world, role)
    before = snapshot(world.loan)

    if role in ALLOWED[action]:
        act(world, actor)

        assert snapshot(world.loan) != before
    else:
        with pytest.raises(PermissionDenied) as error:
            act(world, actor)

        assert (error.value.code, error.value.status) == ("forbidden", 403)
        assert snapshot(world.loan) == before


def test_cancelling_records_who_cancelled(world):
    to_booked(world)
    coordinator = coordinator_of(world.loan.municipality)

    cancel_loan(loan=world.loan, actor=coordinator, reason="Budget")

    world.loan.refresh_from_db()
    assert world.loan.cancelled_by == coordinator
