"""The booking kernel's writes and its free-slot search.

The invariant kept here: no resource is ever booked twice for overlapping time, buffers
included. On PostgreSQL the writers of one resource queue on a lock of its row, and the
exclusion constraint `booking_no_overlap` makes every other code path fail too; on SQLite
every transaction begins IMMEDIATE (config/settings.py), so the check and the insert below run
under the database's one write lock.
"""

import bisect
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lainaamo.core import cache
from lainaamo.core.bounds import MAX_AHEAD
from lainaamo.core.errors import Conflict, DomainError
from lainaamo.core.timeutil import HELSINKI, local, month_bounds, now, wall_clock

from .models import Absence, Booking, BookingStatus, Resource, Weekday, WeeklyAvailability

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


class TooFarAhead(DomainError):
    code = "too_far_ahead"
    message = _("Choose a time at most %(days)s days ahead.")


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
    if start > now() + MAX_AHEAD:
        raise TooFarAhead(days=MAX_AHEAD.days)


def _pk(resource: Resource | int) -> int:
    return resource if isinstance(resource, int) else resource.pk


def lock_resources(resources: Iterable[Resource | int]) -> None:
    """Lock the resources' time until the transaction ends: their bookers wait in turn.

    Every booker locks in the same order (by key), so bookers of overlapping sets queue and
    never deadlock. Lock a step's own rows (a loan, a registration) first, then the resources,
    all in one call. On SQLite the IMMEDIATE transaction holds the database's one write lock
    already.
    """
    ids = sorted({_pk(resource) for resource in resources})
    if ids and connection.features.has_select_for_update:
        list(Resource.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def _parts_of(resource_ids: Iterable[int]) -> dict[int, list[int]]:
    """The parts of each resource (a kit's items), by the resource's key."""
    parts: dict[int, list[int]] = {pk: [] for pk in resource_ids}
    children = Resource.objects.filter(parent_id__in=parts).values_list("pk", "parent_id")
    for pk, parent_id in children.order_by("pk"):
        parts[parent_id].append(pk)
    return parts


def _clashes(booking: Booking, *, exclude_group: uuid.UUID | None = None) -> bool:
    """Does an active booking of the booking's resource meet its buffered span?"""
    others = Booking.objects.filter(resource_id=booking.resource_id).blocking(
        booking.blocked_start, booking.blocked_end
    )
    if exclude_group is not None:
        others = others.exclude(group=exclude_group)
    return others.exists()


def _write(bookings: list[Booking], *, exclude_group: uuid.UUID | None = None) -> None:
    """Check each booking for overlap and save it, turning a lost race into SlotTaken.

    The caller holds a transaction and the resources' locks. On PostgreSQL the exclusion
    constraint refuses an overlap that got past the check all the same.
    """
    for booking in bookings:
        booking.widen()
        if _clashes(booking, exclude_group=exclude_group):
            raise SlotTaken()
    try:
        for booking in bookings:
            booking.save()
    except IntegrityError as error:
        if _is_overlap_violation(error):
            raise SlotTaken() from error
        raise


@transaction.atomic
def book_group(
    *,
    resources: Sequence[Resource],
    start: dt.datetime,
    end: dt.datetime,
    buffer_before: dt.timedelta = dt.timedelta(),
    buffer_after: dt.timedelta = dt.timedelta(),
    buffers: Mapping[int, tuple[dt.timedelta, dt.timedelta]] | None = None,
    status: str = BookingStatus.TENTATIVE,
    owner: models.Model | None = None,
    allow_past: bool = False,
    within_availability: bool = False,
) -> list[Booking]:
    """Book several resources for [start, end) at once, all or none, in one group.

    One booking per resource, and one per part of each (a kit's items, with the kit's
    buffers), so the overlap guard holds for every one of them. `buffers` maps a resource's
    key to its own (before, after), such as the transport time of one kit; the others get
    `buffer_before` and `buffer_after`. With `within_availability`, each resource must also
    have a weekly window holding the time and no absence in it, read under the lock.
    """
    _check_interval(start, end, allow_past=allow_past)
    buffers = buffers or {}
    parts = {pk: [pk, *others] for pk, others in _parts_of(r.pk for r in resources).items()}
    # All at once, in key order, parts included: see lock_resources.
    lock_resources(pk for family in parts.values() for pk in family)
    if within_availability and not all(
        is_available(resource=r, start=start, end=end) for r in resources
    ):
        raise OutsideAvailability()
    group = uuid.uuid4()
    bookings = []
    for resource in resources:
        before, after = buffers.get(resource.pk, (buffer_before, buffer_after))
        bookings.extend(
            Booking(
                resource_id=resource_id,
                start=start,
                end=end,
                buffer_before=before,
                buffer_after=after,
                status=status,
                group=group,
                owner=owner,
            )
            for resource_id in parts[resource.pk]
        )
    _write(bookings)
    return bookings


def book(*, resource: Resource, **options) -> Booking:
    """Book one resource (and its parts) for [start, end), or raise SlotTaken.

    Takes the options of `book_group`. Inside a caller's transaction a refused booking is
    undone alone (a savepoint) and the caller may go on.
    """
    booking = book_group(resources=[resource], **options)[0]
    booking.resource = resource
    return booking


class NoneFree(Conflict):
    code = "none_free"
    message = _("Nobody is free at this time any more. Please choose another time.")


@transaction.atomic
def book_any(
    *,
    pool: Sequence[Resource],
    start: dt.datetime,
    end: dt.datetime,
    within_availability: bool = True,
    **options,
) -> Booking:
    """Book whichever resource of the pool is free for [start, end), the least booked first.

    Fair: among the free ones, the one with the fewest active bookings in the Helsinki month
    of `start` (then the lowest key). All of the pool is locked, so of bookers racing for its
    last free member one wins and the rest are told that none is free. Takes the options of
    `book_group`; by default a member must have a weekly window holding the time.
    """
    _check_interval(start, end, allow_past=options.get("allow_past", False))
    lock_resources(pool)
    month_start, month_end = month_bounds(start)
    load = dict(
        Booking.objects.active()
        .filter(resource__in=pool, start__gte=month_start, start__lt=month_end)
        .order_by()
        .values("resource_id")
        .annotate(count=models.Count("pk"))
        .values_list("resource_id", "count")
    )
    for resource in sorted(pool, key=lambda r: (load.get(r.pk, 0), r.pk)):
        try:
            return book(
                resource=resource,
                start=start,
                end=end,
                within_availability=within_availability,
                **options,
            )
        except (SlotTaken, OutsideAvailability):
            continue
    raise NoneFree()


def _group_of(booking: Booking) -> list[Booking]:
    """The bookings made with this one, locked: the booking first, then its parts."""
    rows = list(Booking.objects.select_for_update().filter(group=booking.group).order_by("pk"))
    lock_resources(row.resource_id for row in rows)
    return sorted(rows, key=lambda row: row.pk != booking.pk)


@transaction.atomic
def reschedule(
    *,
    booking: Booking,
    start: dt.datetime,
    end: dt.datetime,
    status: str | None = None,
    within_availability: bool = False,
) -> Booking:
    """Move an active booking with its group, and set its status if given.

    The sequence of each goes up by one. With `within_availability`, the booking's resource
    must have a weekly window holding the new time and no absence in it, read under the lock.
    """
    rows = _group_of(booking)
    booking = rows[0]
    if not booking.is_active:
        raise Conflict(_("A cancelled booking cannot be moved."))
    if status == BookingStatus.CANCELLED:
        raise ValueError("cancel a booking with set_status, not by moving it")
    _check_interval(start, end, allow_past=False)
    if within_availability and not is_available(
        resource=booking.resource_id, start=start, end=end
    ):
        raise OutsideAvailability()
    for row in rows:
        row.start, row.end = start, end
        row.status = status or row.status
        row.sequence += 1
    _write(rows, exclude_group=booking.group)
    return booking


@transaction.atomic
def set_status(*, booking: Booking, status: str) -> Booking:
    """Confirm or cancel a booking with its group; a cancelled one never comes back."""
    rows = _group_of(booking)
    booking = rows[0]
    if booking.status == status:
        return booking
    if booking.status == BookingStatus.CANCELLED:
        raise Conflict(_("A cancelled booking cannot be changed."))
    for row in rows:
        row.status = status
        row.sequence += 1
        row.save(update_fields=["status", "sequence", "updated_at"])
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
    # A kit is busy while any of its items is.
    bookings = (
        Booking.objects.filter(
            Q(resource_id__in=resource_ids) | Q(resource__parent_id__in=resource_ids)
        )
        .blocking(reach_start, reach_end)
        .values_list("resource_id", "resource__parent_id", "blocked_start", "blocked_end")
    )
    wanted = set(resource_ids)
    for resource_id, parent_id, b_start, b_end in bookings:
        busy[resource_id if resource_id in wanted else parent_id].append((b_start, b_end))
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


def is_available(*, resource: Resource | int, start: dt.datetime, end: dt.datetime) -> bool:
    """Does [start, end) lie inside one of the resource's weekly windows, clear of absences?

    Bookings are not looked at here: `book` and `reschedule` check those under the lock, and
    read this there too when asked to (`within_availability`).
    """
    pk = _pk(resource)
    return (
        WeeklyAvailability.objects.filter(resource_id=pk).covering(start, end).exists()
        and not Absence.objects.filter(resource_id=pk).overlapping(start, end).exists()
    )


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
