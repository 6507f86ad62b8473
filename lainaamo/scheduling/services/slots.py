"""The free-slot search, and whether a time lies inside a resource's weekly hours."""

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lainaamo.core.timeutil import HELSINKI, local, now, wall_clock

from ..models import Absence, Booking, Resource, WeeklyAvailability
from .locks import _pk, parts_of


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime


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
    """Free slots of `duration` within [start, end) for each resource, in four queries.

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
    # A kit is busy while any of its items is. Its items' keys first: one condition on the
    # bookings' resource keeps to their index, where a join to find the items would not.
    owner_of = {pk: pk for pk in resource_ids}
    for kit, items in parts_of(resource_ids).items():
        owner_of.update(dict.fromkeys(items, kit))
    bookings = (
        Booking.objects.filter(resource_id__in=list(owner_of))
        .blocking(reach_start, reach_end)
        .values_list("resource_id", "blocked_start", "blocked_end")
    )
    for resource_id, b_start, b_end in bookings:
        busy[owner_of[resource_id]].append((b_start, b_end))
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
