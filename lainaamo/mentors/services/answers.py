"""The mentor's answer (accept, decline, decline a moved time) and cancelling a loan."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from lainaamo.core.errors import InvalidTransition
from lainaamo.core.timeutil import now
from lainaamo.directory.models import Person
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import (
    BookingStatus,
)

from .. import permissions
from ..models import (
    Decline,
    Loan,
    LoanEvent,
    LoanEventKind,
    LoanSession,
    LoanStatus,
)
from .errors import ReasonRequired
from .steps import _active_sessions, _lock, _notify, _record, _require


@transaction.atomic
def accept_loan(*, loan: Loan, actor: Person) -> Loan:
    """The mentor says yes: the loan is accepted and its sessions confirmed."""
    loan = _lock(loan)
    _require(permissions.can_answer_loan(actor, loan))
    if loan.status != LoanStatus.BOOKED:
        raise InvalidTransition()
    sessions = list(_active_sessions(loan))
    for session in sessions:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CONFIRMED)
    loan.status = LoanStatus.ACCEPTED
    loan.answered_at = now()
    loan.save(update_fields=["status", "answered_at", "updated_at"])
    _record(loan, LoanEventKind.ACCEPTED, actor)
    _notify("accepted", loan, sessions)
    return loan


def accepted_before(person_id: int) -> Exists:
    """For a loan query: has the person accepted the loan before? Then their answer now is
    about a time moved since, and declining declines that time only; the loan stays theirs."""
    return Exists(
        LoanEvent.objects.filter(
            loan=OuterRef("pk"), kind=LoanEventKind.ACCEPTED, actor_id=person_id
        )
    )


def answers_new_time(loan: Loan, person: Person) -> bool:
    """Is the person's answer about a time moved after they accepted the loan?"""
    return Loan.objects.filter(accepted_before(person.pk), pk=loan.pk).exists()


@transaction.atomic
def decline_loan(*, loan: Loan, actor: Person, reason: str) -> Loan:
    """The mentor says no, with a reason; the request goes back to the borrower.

    A mentor who accepted the loan earlier and now answers a time someone else moved declines
    that time only: the moved sessions are cancelled, the loan stays theirs, accepted, with its
    other sessions, and the borrower may book another time with them.
    """
    loan = _lock(loan)
    _require(permissions.can_answer_loan(actor, loan))
    if loan.status != LoanStatus.BOOKED:
        raise InvalidTransition()
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    sessions = list(_active_sessions(loan))
    if answers_new_time(loan, actor):
        return _decline_new_time(loan, actor, reason, sessions)
    for session in sessions:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CANCELLED)
    Decline.objects.create(loan=loan, mentor=loan.mentor, reason=reason)
    _record(loan, LoanEventKind.DECLINED, actor, reason=reason)
    declined_by = loan.mentor
    loan.mentor = None
    loan.mentor_unit = None
    loan.mentor_sector = ""
    loan.status = LoanStatus.REQUESTED
    loan.answered_at = now()
    loan.save(
        update_fields=[
            "mentor",
            "mentor_unit",
            "mentor_sector",
            "status",
            "answered_at",
            "updated_at",
        ]
    )
    loan.declined_by = declined_by
    _notify("declined", loan, sessions)
    return loan


def _decline_new_time(loan: Loan, actor: Person, reason: str, sessions: list[LoanSession]) -> Loan:
    moved = [s for s in sessions if s.booking.status == BookingStatus.TENTATIVE]
    for session in moved:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CANCELLED)
    loan.status = LoanStatus.ACCEPTED
    loan.answered_at = now()
    loan.save(update_fields=["status", "answered_at", "updated_at"])
    start = moved[0].booking.start if moved else None
    _record(loan, LoanEventKind.TIME_DECLINED, actor, reason=reason, start=start)
    _notify("time_declined", loan, moved)
    return loan


@transaction.atomic
def cancel_loan(*, loan: Loan, actor: Person, reason: str) -> Loan:
    """Either side calls the loan off, with a reason; sessions still ahead are cancelled."""
    loan = _lock(loan)
    _require(permissions.can_cancel_loan(actor, loan))
    if loan.status not in (LoanStatus.REQUESTED, LoanStatus.BOOKED, LoanStatus.ACCEPTED):
        raise InvalidTransition()
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    sessions = [s for s in _active_sessions(loan) if s.booking.end > now()]
    for session in sessions:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CANCELLED)
    loan.status = LoanStatus.CANCELLED
    loan.cancel_reason = reason
    loan.cancelled_by = actor
    loan.save(update_fields=["status", "cancel_reason", "cancelled_by", "updated_at"])
    _record(loan, LoanEventKind.CANCELLED, actor, reason=reason)
    _notify("cancelled", loan, sessions)
    return loan
