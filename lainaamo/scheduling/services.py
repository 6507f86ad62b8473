"""The booking kernel's writes and its free-slot search.

The invariant kept here: no resource is ever booked twice for overlapping time, buffers
included. On PostgreSQL the writers of one resource queue on a lock of its row, and the
exclusion constraint `booking_no_overlap` makes every other code path fail too; on SQLite
every transaction begins IMMEDIATE (config/settings.py), so the check and the insert below run
under the database's one write lock.
"""

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from lainaamo.core import sql
from lainaamo.core.errors import Conflict, DomainError
from lainaamo.core.timeutil import HELSINKI, local, now, wall_clock

from .models import ACTIVE_STATUSES, Absence, Booking, BookingStatus, Resource, WeeklyAvailability

EXCLUSION_VIOLATION = "23P01"


class SlotTaken(Conflict):
    code = "slot_taken"
    message = _("This time was just taken. Please choose another time.")


class InvalidInterval(DomainError):
    code = "invalid_interval"
    message = _("The end must come after the start.")


class StartInPast(DomainError):
    code = "start_in_past"
    message = _("The time has already passed. Please choose a time in the future.")


class OutsideAvailability(DomainError):
    code = "outside_availability"
    message = _("This time is outside the hours on offer.")


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime


def _is_overlap_violation(error: IntegrityError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == EXCLUSION_VIOLATION or "booking_no_overlap" in str(
        error
    )


def _check_interval(start: dt.datetime, end: dt.datetime, *, allow_past: bool) -> None:
    # Compared in UTC: Python compares datetimes of one time zone by their wall clock.
    if end.astimezone(dt.UTC) <= start.astimezone(dt.UTC):
        raise InvalidInterval()
    if not allow_past and start < now():
        raise StartInPast()


def lock_resource(resource_id: int) -> None:
    """Lock the resource's time until the transaction ends: its bookers wait in turn.

    On PostgreSQL its row lock; on SQLite the transaction already holds the database's one
    write lock. By hand (lainaamo.core.sql): every booking takes it.
    """
    if connection.features.has_select_for_update:
        sql.one("SELECT id FROM scheduling_resource WHERE id = %s FOR UPDATE", [resource_id])


def _save_guarded(booking: Booking, *, exclude_pk: int | None = None) -> Booking:
    """Check for overlap and write, turning a lost race into SlotTaken."""
    # Concurrent inserts into one exclusion index can deadlock each other on PostgreSQL;
    # taking the resource's row lock first makes its bookers wait in turn instead.
    # The two statements are hand-written (lainaamo.core.sql): every booking makes them, on
    # SQLite under the database's one write lock.
    lock_resource(booking.resource_id)
    booking.widen()
    if _clashes(booking, exclude_pk=exclude_pk):
        raise SlotTaken()
    # Callers hold a transaction (book and reschedule are atomic): a failed write is undone
    # with it, on PostgreSQL too, where a failed statement spoils the whole transaction.
    try:
        if booking.pk is None:
            sql.insert(booking)
        else:
            booking.save()
    except IntegrityError as error:
        if _is_overlap_violation(error):
            raise SlotTaken() from error
        raise
    return booking


def _clashes(booking: Booking, *, exclude_pk: int | None) -> bool:
    """Does an active booking of the resource meet the booking's buffered span?

    `Booking.objects.blocking()`, written out.
    """
    statement = (
        "SELECT 1 FROM scheduling_booking WHERE resource_id = %s AND status IN (%s, %s)"
        " AND blocked_start < %s AND blocked_end > %s"
    )
    params = [
        booking.resource_id,
        *(status.value for status in ACTIVE_STATUSES),
        sql.value(Booking, "blocked_start", booking.blocked_end),
        sql.value(Booking, "blocked_end", booking.blocked_start),
    ]
    if exclude_pk is not None:
        statement += " AND id <> %s"
        params.append(exclude_pk)
    return sql.one(statement + " LIMIT 1", params) is not None


def book(
    *,
    resource: Resource,
    start: dt.datetime,
    end: dt.datetime,
    buffer_before: dt.timedelta = dt.timedelta(),
    buffer_after: dt.timedelta = dt.timedelta(),
    status: str = BookingStatus.TENTATIVE,
    owner: str = "",
    allow_past: bool = False,
    savepoint: bool = True,
) -> Booking:
    """Book a resource for [start, end), or raise SlotTaken if its time is not free.

    Inside a caller's transaction the booking is undone alone when it fails (a savepoint). A
    caller whose transaction is undone whole on any error passes `savepoint=False` and saves
    the savepoint's two statements; after a failure it may not use that transaction again.
    """
    _check_interval(start, end, allow_past=allow_past)
    booking = Booking(
        resource=resource,
        start=start,
        end=end,
        buffer_before=buffer_before,
        buffer_after=buffer_after,
        status=status,
        owner=owner,
    )
    with transaction.atomic(savepoint=savepoint):
        return _save_guarded(booking)


@transaction.atomic
def reschedule(
    *, booking: Booking, start: dt.datetime, end: dt.datetime, status: str | None = None
) -> Booking:
    """Move an active booking, and set its status if given; the sequence goes up by one."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise Conflict(_("A cancelled booking cannot be moved."))
    if status == BookingStatus.CANCELLED:
        raise ValueError("cancel a booking with set_status, not by moving it")
    _check_interval(start, end, allow_past=False)
    booking.start, booking.end = start, end
    booking.status = status or booking.status
    booking.sequence += 1
    return _save_guarded(booking, exclude_pk=booking.pk)


@transaction.atomic
def set_status(*, booking: Booking, status: str) -> Booking:
    """Confirm or cancel a booking; a cancelled one never comes back."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == status:
        return booking
    if booking.status == BookingStatus.CANCELLED:
        raise Conflict(_("A cancelled booking cannot be changed."))
    booking.status = status
    booking.sequence += 1
    booking.save(update_fields=["status", "sequence", "updated_at"])
    return booking


def _local_days(start: dt.datetime, end: dt.datetime) -> Iterable[dt.date]:
    day = start.astimezone(HELSINKI).date()
    last = end.astimezone(HELSINKI).date()
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _overlaps(busy_starts: list, busy: list, start: dt.datetime, end: dt.datetime) -> bool:
    """Does [start, end) meet any interval in `busy` (sorted by start, not merged)?"""
    index = bisect.bisect_left(busy_starts, end)
    return any(b_end > start for b_start, b_end in busy[:index])


def weekly_rules(resource_ids: Iterable[int]) -> dict[int, list[WeeklyAvailability]]:
    """Each resource's weekly windows, in the order of weekday and start (none: an empty list).

    What `free_slots` takes as `rules`.
    """
    rules: dict[int, list[WeeklyAvailability]] = {pk: [] for pk in resource_ids}
    for rule in WeeklyAvailability.objects.filter(resource_id__in=list(rules)).order_by(
        "weekday", "start_time"
    ):
        rules[rule.resource_id].append(rule)
    return rules


def free_slots(
    *,
    resource_ids: list[int],
    start: dt.datetime,
    end: dt.datetime,
    duration: dt.timedelta,
    buffer_before: dt.timedelta = dt.timedelta(),
    buffer_after: dt.timedelta = dt.timedelta(),
    step: dt.timedelta = dt.timedelta(minutes=30),
    limit: int | None = None,
    rules: Mapping[int, list[WeeklyAvailability]] | None = None,
) -> dict[int, list[Slot]]:
    """Free slots of `duration` within [start, end) for each resource, in three queries.

    `rules`, the resources' weekly windows by resource id in the order of weekday and start,
    saves a query when the caller holds them already.

    A slot lies inside one of the resource's weekly windows on a Helsinki calendar day, lies
    in the future, and its time widened by the buffers meets no active booking's buffered
    time and no absence.
    """
    start = max(start, now())
    result: dict[int, list[Slot]] = {pk: [] for pk in resource_ids}
    if end <= start or duration <= dt.timedelta() or not resource_ids:
        return result
    if rules is None:
        rules = weekly_rules(resource_ids)
    reach_start, reach_end = start - buffer_before, end + buffer_after
    busy = defaultdict(list)
    bookings = (
        Booking.objects.filter(resource_id__in=resource_ids)
        .blocking(reach_start, reach_end)
        .values_list("resource_id", "blocked_start", "blocked_end")
    )
    for resource_id, b_start, b_end in bookings:
        busy[resource_id].append((b_start, b_end))
    absences = Absence.objects.filter(
        resource_id__in=resource_ids, start__lt=reach_end, end__gt=reach_start
    ).values_list("resource_id", "start", "end")
    for resource_id, a_start, a_end in absences:
        busy[resource_id].append((a_start, a_end))

    days = list(_local_days(start, end))
    for resource_id in resource_ids:
        intervals = sorted(busy[resource_id])
        starts = [interval[0] for interval in intervals]
        slots = result[resource_id]
        for day in days:
            for rule in rules.get(resource_id, ()):
                if rule.weekday != day.weekday():
                    continue
                # Step in UTC: arithmetic on Helsinki-aware datetimes is wall-clock
                # arithmetic, which gets the length of a slot wrong across a DST change.
                window_start = wall_clock(day, rule.start_time).astimezone(dt.UTC)
                window_end = wall_clock(day, rule.end_time).astimezone(dt.UTC)
                slot_start = window_start
                while slot_start + duration <= window_end:
                    slot_end = slot_start + duration
                    if (
                        slot_start >= start
                        and slot_end <= end
                        and not _overlaps(
                            starts, intervals, slot_start - buffer_before, slot_end + buffer_after
                        )
                    ):
                        slots.append(Slot(local(slot_start), local(slot_end)))
                        if limit and len(slots) >= limit:
                            break
                    slot_start += step
                if limit and len(slots) >= limit:
                    break
            if limit and len(slots) >= limit:
                break
    return result


def is_available(*, resource: Resource, start: dt.datetime, end: dt.datetime) -> bool:
    """Does [start, end) lie inside one of the resource's weekly windows, clear of absences?

    Bookings are not looked at here: `book` and `reschedule` check those under the lock.
    """
    return (
        WeeklyAvailability.objects.filter(resource=resource).covering(start, end).exists()
        and not Absence.objects.filter(resource=resource).overlapping(start, end).exists()
    )
