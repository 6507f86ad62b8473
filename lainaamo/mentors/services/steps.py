"""What every step of a loan does: lock it, check who acts, record it, tell both sides."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from lainaamo.core.errors import InvalidTransition, PermissionDenied
from lainaamo.core.tasks import enqueue_with_transaction
from lainaamo.directory.models import Person
from lainaamo.scheduling.models import (
    BookingStatus,
)

from .. import permissions
from ..models import (
    Loan,
    LoanEvent,
    LoanSession,
    LoanStatus,
    MentorProfile,
)
from .errors import MentorUnavailable


def _record(loan: Loan, kind: str, actor: Person | None, **fields) -> LoanEvent:
    """Write one step of the loan into its history."""
    return LoanEvent.objects.create(loan=loan, kind=kind, actor=actor, **fields)


def _lock(loan: Loan) -> Loan:
    # Lock the loan row only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer
    # join that select_related makes for a loan without a mentor.
    return Loan.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=loan.pk)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied()


def _notify(event: str, loan: Loan, sessions: Iterable[LoanSession] = ()) -> None:
    """Queue the step's mails to both sides, to go if and only if the step commits."""
    from ..tasks import send_loan_mail

    enqueue_with_transaction(send_loan_mail, event, loan.pk, [session.pk for session in sessions])


def _check_loan_takes_session(loan: Loan, mentor: MentorProfile, actor: Person) -> None:
    _require(permissions.can_book_session(actor, loan))
    if loan.status not in (LoanStatus.REQUESTED, LoanStatus.BOOKED, LoanStatus.ACCEPTED):
        raise InvalidTransition()
    if loan.mentor_id is not None and loan.mentor_id != mentor.pk:
        raise MentorUnavailable(
            _("This loan already has a mentor; book the next session with them.")
        )


def _active_sessions(loan: Loan):
    return loan.sessions.select_related("booking").filter(
        booking__status__in=(BookingStatus.TENTATIVE, BookingStatus.CONFIRMED)
    )
