"""Completing a loan: the mentor logs hours and outcome, the borrower confirms."""

from decimal import Decimal

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from lainaamo.core.errors import InvalidTransition
from lainaamo.core.timeutil import now
from lainaamo.directory.models import Person

from .. import permissions
from ..models import (
    Loan,
    LoanEventKind,
    LoanStatus,
)
from .errors import (
    LEAST_HOURS,
    MOST_HOURS,
    InvalidHours,
    InvalidRequest,
    NothingHappenedYet,
    SessionsAhead,
)
from .steps import _active_sessions, _lock, _notify, _record, _require


def _parse_hours(hours: object) -> Decimal:
    try:
        value = Decimal(str(hours).replace(",", "."))
    except ArithmeticError as error:
        raise _invalid_hours() from error
    if not value.is_finite() or not LEAST_HOURS <= value <= MOST_HOURS:
        raise _invalid_hours()
    if value != value.quantize(Decimal("0.01")):
        # Rounding 0.001 would log no time at all: refuse what the two decimals stored drop.
        raise InvalidHours(_("Give the hours with at most two decimals, e.g. 1.25."))
    return value.quantize(Decimal("0.01"))


def _invalid_hours() -> InvalidHours:
    # The limits as the language of the answer writes numbers: 0,25 in Finnish and Swedish.
    return InvalidHours(
        least=formats.number_format(LEAST_HOURS, use_l10n=True),
        most=formats.number_format(MOST_HOURS, use_l10n=True),
    )


@transaction.atomic
def complete_loan(*, loan: Loan, actor: Person, hours: object, outcome: str) -> Loan:
    """The mentor logs the hours and the outcome after the last session."""
    loan = _lock(loan)
    _require(permissions.can_complete_loan(actor, loan))
    if loan.status != LoanStatus.ACCEPTED:
        raise InvalidTransition()
    value = _parse_hours(hours)
    outcome = outcome.strip()
    if not outcome:
        raise InvalidRequest(_("Describe the outcome in a few words."), field="outcome")
    sessions = list(_active_sessions(loan))
    current = now()
    if not any(session.booking.start <= current for session in sessions):
        raise NothingHappenedYet()
    if any(session.booking.start > current for session in sessions):
        raise SessionsAhead()
    loan.status = LoanStatus.COMPLETED
    loan.hours = value
    loan.outcome = outcome
    loan.save(update_fields=["status", "hours", "outcome", "updated_at"])
    _record(loan, LoanEventKind.COMPLETED, actor, hours=value)
    _notify("completed", loan)
    return loan


@transaction.atomic
def confirm_completion(*, loan: Loan, actor: Person) -> Loan:
    """The borrower confirms that the loan took place as the mentor logged it."""
    loan = _lock(loan)
    _require(permissions.can_confirm_loan(actor, loan))
    if loan.status != LoanStatus.COMPLETED or loan.borrower_confirmed_at is not None:
        raise InvalidTransition()
    loan.borrower_confirmed_at = now()
    loan.save(update_fields=["borrower_confirmed_at", "updated_at"])
    _record(loan, LoanEventKind.CONFIRMED, actor)
    return loan
