"""Who may take a loan when: the rules a booking reads under its locks, and the hours lent."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _

from lainaamo.core.timeutil import local, month_bounds, now
from lainaamo.scheduling.models import (
    Booking,
    Hours,
)

from ..models import (
    Decline,
    Loan,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Mode,
    on_break,
)

# Time kept free around an on-site session for getting there and back.
TRAVEL_BUFFER = dt.timedelta(minutes=15)


def buffers_for(loan: Loan) -> tuple[dt.timedelta, dt.timedelta]:
    if loan.mode == Mode.ON_SITE:
        return TRAVEL_BUFFER, TRAVEL_BUFFER
    return dt.timedelta(), dt.timedelta()


def booked_hours_by_month(
    mentor_resource_ids: Iterable[int], months: Iterable[dt.datetime]
) -> dict[dt.datetime, dict[int, float]]:
    """Hours of active bookings per Helsinki month start and mentor resource, in one query."""
    edges = set()
    for month in months:
        edges.update(month_bounds(month))
    bounds = sorted(edges)
    hours = Booking.objects.active().hours_by_period(bounds, list(mentor_resource_ids))
    return {month: hours.get(month, {}) for month in {month_bounds(m)[0] for m in months}}


def why_ineligible(
    mentor: MentorProfile, loan: Loan, *, at: dt.datetime, count_hours: bool = True
) -> str | None:
    """The reason the mentor cannot take the loan at `at`, or None when they can."""
    today = local(now()).date()
    if not mentor.person.is_active:
        return str(_("The mentor no longer lends their time."))
    if on_break(mentor.paused, mentor.returns_on, today):
        return str(_("The mentor is on a break."))
    if mentor.person_id == loan.borrower_id:
        return str(_("You cannot borrow yourself."))
    if loan.mode not in mentor.modes:
        return str(_("The mentor does not work in this mode."))
    if not MentorLanguage.objects.filter(mentor=mentor, language=loan.language).exists():
        return str(_("The mentor does not work in the language of the request."))
    if (
        loan.mode == Mode.ON_SITE
        and not mentor.municipalities.filter(pk=loan.municipality_id).exists()
    ):
        return str(_("The mentor does not come on site to this municipality."))
    asked_for = Loan.skills.through.objects.filter(loan_id=loan.pk).values("skill_id")
    if not MentorSkill.objects.filter(mentor=mentor, skill_id__in=asked_for).exists():
        return str(_("The mentor has none of the skills asked for."))
    if Decline.objects.filter(loan_id=loan.pk, mentor=mentor).exists():
        return str(_("The mentor has already declined this request."))
    if count_hours and not has_hours_left(mentor, loan, at=at):
        return str(_("The mentor has no hours left to lend that month."))
    return None


def has_hours_left(mentor: MentorProfile, loan: Loan, *, at: dt.datetime) -> bool:
    """Would a session of the loan at `at` keep the mentor within that month's hours?

    Counted under the lock on the mentor's time when booking: on PostgreSQL this statement
    begins after the lock was granted, so it sees every booking committed before.
    """
    month_start, month_end = month_bounds(at)
    used = (
        Booking.objects.active()
        .filter(resource_id=mentor.resource_id, start__gte=month_start, start__lt=month_end)
        .aggregate(total=Sum(Hours(F("end"), F("start"))))["total"]
    )
    return float(used or 0) + loan.duration_minutes / 60 <= float(mentor.monthly_hours)
