"""A resource's weekly hours and absences, replaced whole under the resource's lock."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lainaamo.core import cache
from lainaamo.core.errors import DomainError
from lainaamo.core.timeutil import local, now, wall_clock

from ..models import Absence, Resource, Weekday, WeeklyAvailability
from .locks import lock_resources

# The version of everyone's weekly hours, for what is kept in the cache (lainaamo.core.cache).
WEEKLY_HOURS = "scheduling:weekly-hours"


class InvalidAvailability(DomainError):
    code = "invalid_availability"


@transaction.atomic
def set_weekly_hours(*, resource: Resource, rows: list[tuple[int, dt.time, dt.time]]) -> None:
    """Replace a resource's weekly hours (weekday, from, until; Helsinki wall-clock time).

    Under the resource's lock, so that a booking being made sees the hours before or after
    the change, never half of it.
    """
    rows = sorted(rows)
    for weekday, start, end in rows:
        if weekday not in Weekday.values:
            raise InvalidAvailability(_("Choose a weekday."))
        if end <= start:
            raise InvalidAvailability(_("Each row must end after it starts."))
    for (day, _start, end), (next_day, next_start, _end) in zip(rows, rows[1:], strict=False):
        if day == next_day and next_start < end:
            raise InvalidAvailability(
                _("Two rows overlap on %(weekday)s."), weekday=Weekday(day).label.lower()
            )
    lock_resources([resource])
    WeeklyAvailability.objects.filter(resource=resource).delete()
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(resource=resource, weekday=day, start_time=start, end_time=end)
        for day, start, end in rows
    )
    cache.changed(WEEKLY_HOURS)


@transaction.atomic
def set_absences(*, resource: Resource, rows: list[tuple[dt.date, dt.date, str]]) -> None:
    """Replace a resource's current and coming absences (first and last day, inclusive).

    Under the resource's lock, as `set_weekly_hours`.
    """
    rows = sorted(rows)
    today = local(now()).date()
    for first, last, _reason in rows:
        if last < first:
            raise InvalidAvailability(
                _("The last day of an absence cannot come before the first.")
            )
        if last < today:
            # The page lists the absences that have not ended; a past one would vanish unsaid.
            raise InvalidAvailability(
                _("This absence is already over. Enter one that ends today or later.")
            )
    for (_first, last, _reason), (next_first, _last, _next) in zip(rows, rows[1:], strict=False):
        if next_first <= last:
            raise InvalidAvailability(_("Two absences overlap."))
    lock_resources([resource])
    Absence.objects.filter(resource=resource, end__gt=now()).delete()
    Absence.objects.bulk_create(
        Absence(
            resource=resource,
            start=wall_clock(first, dt.time()),
            end=wall_clock(last + dt.timedelta(days=1), dt.time()),
            reason=reason.strip()[:200],
        )
        for first, last, reason in rows
    )
