"""Booking a session with a mentor, and moving it: every rule read under the locks."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lainaamo.core.errors import InvalidTransition
from lainaamo.core.timeutil import month_bounds
from lainaamo.directory.models import Person
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import (
    BookingStatus,
)

from .. import permissions
from ..models import (
    Loan,
    LoanEventKind,
    LoanSession,
    LoanStatus,
    MentorProfile,
)
from .errors import MentorUnavailable
from .rules import buffers_for, has_hours_left, why_ineligible
from .steps import _check_loan_takes_session, _lock, _notify, _record, _require


@transaction.atomic
def book_session(
    *, loan: Loan, mentor: MentorProfile, start: dt.datetime, actor: Person
) -> LoanSession:
    """Book a session of the loan with the mentor, or raise SlotTaken if the time is gone.

    Every rule is read under the locks of the loan and of the mentor's time, which the
    services that change a mentor's offer (a break, skills, weekly hours, absences) take too:
    whatever they save before the booking takes its locks, the booking sees.
    """
    loan = _lock(loan)
    scheduling.lock_resources([mentor.resource_id])
    mentor = MentorProfile.objects.select_related("person__home_unit", "resource").get(
        pk=mentor.pk
    )
    _check_loan_takes_session(loan, mentor, actor)
    end = start.astimezone(dt.UTC) + loan.duration  # elapsed time, not wall-clock time
    reason = why_ineligible(mentor, loan, at=start)
    if reason:
        raise MentorUnavailable(reason)
    before, after = buffers_for(loan)
    accepted = loan.status == LoanStatus.ACCEPTED
    booking = scheduling.book(
        resource=mentor.resource,
        start=start,
        end=end,
        buffer_before=before,
        buffer_after=after,
        status=BookingStatus.CONFIRMED if accepted else BookingStatus.TENTATIVE,
        owner=loan,
        within_availability=True,  # the past, the weekly hours and absences: the kernel's rules
    )
    session = LoanSession.objects.create(loan=loan, booking=booking)
    kind = LoanEventKind.SESSION_ADDED if loan.mentor_id else LoanEventKind.BOOKED
    _record(loan, kind, actor, start=start)
    if loan.mentor_id is None:
        loan.mentor = mentor
        loan.mentor_unit_id = mentor.person.home_unit_id
        loan.mentor_sector = mentor.person.sector
        loan.status = LoanStatus.BOOKED
        loan.save(update_fields=["mentor", "mentor_unit", "mentor_sector", "status", "updated_at"])
    _notify("session_added" if accepted else "booked", loan, [session])
    return session


@transaction.atomic
def reschedule_session(*, session: LoanSession, start: dt.datetime, actor: Person) -> LoanSession:
    """Move a session; both sides get the changed invitation (same UID, SEQUENCE raised)."""
    loan = _lock(session.loan)
    _require(
        permissions.is_borrower(actor, loan)
        or permissions.is_loan_mentor(actor, loan)
        or permissions.can_coordinate_loan(actor, loan)
    )
    if loan.status not in (LoanStatus.BOOKED, LoanStatus.ACCEPTED):
        raise InvalidTransition()
    session = LoanSession.objects.select_related("booking__resource").get(pk=session.pk)
    if not session.booking.is_active:
        raise InvalidTransition()
    # The mentor's time is locked before its rules are read, as when booking.
    scheduling.lock_resources([session.booking.resource_id])
    end = start.astimezone(dt.UTC) + loan.duration  # elapsed time, not wall-clock time
    previous_start = session.booking.start
    if month_bounds(start) != month_bounds(previous_start) and not has_hours_left(
        loan.mentor, loan, at=start
    ):
        raise MentorUnavailable(_("The mentor has no hours left to lend that month."))
    # The mentor agreed to the old time, not to one someone else chose: they answer again.
    ask_again = loan.status == LoanStatus.ACCEPTED and not permissions.is_loan_mentor(actor, loan)
    session.booking = scheduling.reschedule(
        booking=session.booking,
        start=start,
        end=end,
        status=BookingStatus.TENTATIVE if ask_again else None,
        within_availability=True,
    )
    if ask_again:
        loan.status = LoanStatus.BOOKED
        loan.save(update_fields=["status", "updated_at"])
    _record(loan, LoanEventKind.RESCHEDULED, actor, start=start, previous_start=previous_start)
    _notify("rescheduled", loan, [session])
    return session
