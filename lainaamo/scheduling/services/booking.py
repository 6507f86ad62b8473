"""The kernel's writes: booking resources alone, in a group or from a pool; moving bookings.

No resource is ever booked twice for overlapping time, buffers included. On PostgreSQL the
writers of one resource queue on a lock of its row, and the exclusion constraint
`booking_no_overlap` makes every other code path fail too; on SQLite every transaction begins
IMMEDIATE (config/settings.py), so the check and the insert below run under the database's one
write lock.
"""

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from lainaamo.core.bounds import MAX_AHEAD
from lainaamo.core.errors import Conflict, DomainError
from lainaamo.core.timeutil import month_bounds, now

from ..models import Booking, BookingStatus, Resource
from .locks import lock_resources, parts_of
from .slots import is_available

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
    parts = {pk: [pk, *others] for pk, others in parts_of(r.pk for r in resources).items()}
    # A resource named twice, or a kit with one of its items, would be two bookings of one
    # resource in one group, which the overlap check of each row alone would not see.
    every = [pk for family in parts.values() for pk in family]
    if len(resources) != len(parts) or len(every) != len(set(every)):
        raise ResourceTwice()
    # All at once, in key order, parts included: see lock_resources.
    lock_resources(every)
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


class ResourceTwice(DomainError):
    code = "resource_twice"
    message = _(
        "The same resource is asked for twice. A kit already holds its items: ask for the kit "
        "or for the items, not both."
    )


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
    # The whole pool and its parts at once, in key order: see lock_resources.
    families = parts_of(r.pk for r in pool)
    lock_resources([*families, *(part for parts in families.values() for part in parts)])
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
    """The bookings made with this one, locked: the booking first, then its parts.

    The resources first, then the bookings, in the order every booker takes them.
    """
    group = Booking.objects.filter(group=booking.group)
    lock_resources(group.values_list("resource_id", flat=True))
    rows = list(group.select_for_update().order_by("pk"))
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
