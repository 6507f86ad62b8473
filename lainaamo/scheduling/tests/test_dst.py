"""Weekly windows are Helsinki wall-clock time on both sides of the daylight-saving changes.

In 2027 clocks go forward on Sunday 28 March (03:00 EET -> 04:00 EEST) and back on Sunday
31 October (04:00 EEST -> 03:00 EET). The clock is frozen at the start of 2027 so that these
dates stay in the future whenever the suite runs.
"""

import datetime as dt

import pytest

from lainaamo.core.timeutil import HELSINKI, wall_clock
from lainaamo.scheduling.models import Resource, ResourceKind, WeeklyAvailability
from lainaamo.scheduling.services import book, free_slots, is_available

HOUR = dt.timedelta(hours=1)
EET = dt.timedelta(hours=2)
EEST = dt.timedelta(hours=3)
SPRING_FORWARD = dt.date(2027, 3, 28)
FALL_BACK = dt.date(2027, 10, 31)


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.clock(dt.datetime(2027, 1, 1, 12, tzinfo=HELSINKI), tick=False),
]


@pytest.fixture
def tuesday_mornings():
    """A resource open on Tuesdays 9-11 Helsinki time."""
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Tuesday mentor")
    WeeklyAvailability.objects.create(
        resource=resource, weekday=1, start_time=dt.time(9), end_time=dt.time(11)
    )
    return resource


def day_slots(resource, day: dt.date, duration=HOUR):
    start = dt.datetime.combine(day, dt.time(), tzinfo=HELSINKI)
    return free_slots(
        resource_ids=[resource.pk],
        start=start,
        end=start + dt.timedelta(days=1),
        duration=duration,
    )[resource.pk]


def local_times(slots) -> list[tuple[str, str]]:
    return [
        (f"{slot.start.astimezone(HELSINKI):%H:%M}", f"{slot.end.astimezone(HELSINKI):%H:%M}")
        for slot in slots
    ]


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        (dt.date(2027, 3, 23), EET),
        (dt.date(2027, 3, 30), EEST),
        (dt.date(2027, 10, 26), EEST),
        (dt.date(2027, 11, 2), EET),
    ],
)
def test_tuesday_window_gives_nine_to_eleven_local_time(tuesday_mornings, day, offset):
    slots = day_slots(tuesday_mornings, day)

    assert local_times(slots) == [("09:00", "10:00"), ("09:30", "10:30"), ("10:00", "11:00")]
    assert {slot.start.astimezone(HELSINKI).utcoffset() for slot in slots} == {offset}


def elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Real time between two instants (one zone's datetimes subtract by their wall clock)."""
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("before", "after", "week"),
    [
        (dt.date(2027, 3, 23), dt.date(2027, 3, 30), dt.timedelta(days=7) - HOUR),
        (dt.date(2027, 10, 26), dt.date(2027, 11, 2), dt.timedelta(days=7) + HOUR),
    ],
)
def test_same_local_hours_are_different_utc_hours_across_the_change(
    tuesday_mornings, before, after, week
):
    first_before = day_slots(tuesday_mornings, before)[0].start
    first_after = day_slots(tuesday_mornings, after)[0].start

    assert first_before.astimezone(HELSINKI).time() == first_after.astimezone(HELSINKI).time()
    assert first_before.astimezone(dt.UTC).time() != first_after.astimezone(dt.UTC).time()
    assert elapsed(first_before, first_after) == week


@pytest.mark.parametrize("change", [SPRING_FORWARD, FALL_BACK])
def test_free_slots_over_a_fortnight_spanning_the_change(tuesday_mornings, change):
    start = dt.datetime.combine(change - dt.timedelta(days=7), dt.time(), tzinfo=HELSINKI)

    slots = free_slots(
        resource_ids=[tuesday_mornings.pk],
        start=start,
        end=start + dt.timedelta(days=14),
        duration=HOUR,
    )[tuesday_mornings.pk]

    days = [slot.start.astimezone(HELSINKI).date() for slot in slots]
    assert days == [change - dt.timedelta(days=5)] * 3 + [change + dt.timedelta(days=2)] * 3
    assert local_times(slots) == [("09:00", "10:00"), ("09:30", "10:30"), ("10:00", "11:00")] * 2


@pytest.mark.parametrize("change", [SPRING_FORWARD, FALL_BACK])
def test_every_day_window_keeps_its_local_hours_through_the_week_of_the_change(change):
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Every day")
    for weekday in range(7):
        WeeklyAvailability.objects.create(
            resource=resource, weekday=weekday, start_time=dt.time(8), end_time=dt.time(16)
        )
    start = dt.datetime.combine(change - dt.timedelta(days=3), dt.time(), tzinfo=HELSINKI)

    slots = free_slots(
        resource_ids=[resource.pk],
        start=start,
        end=start + dt.timedelta(days=7),
        duration=2 * HOUR,
        step=2 * HOUR,
    )[resource.pk]

    assert len(slots) == 7 * 4
    assert set(local_times(slots)) == {
        ("08:00", "10:00"),
        ("10:00", "12:00"),
        ("12:00", "14:00"),
        ("14:00", "16:00"),
    }


@pytest.mark.parametrize("change", [SPRING_FORWARD, FALL_BACK])
def test_slots_across_the_night_of_the_change_last_their_real_duration(change):
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Night owl")
    WeeklyAvailability.objects.create(
        resource=resource, weekday=6, start_time=dt.time(0), end_time=dt.time(7)
    )

    slots = day_slots(resource, change)

    window = elapsed(wall_clock(change, dt.time(0)), wall_clock(change, dt.time(7)))
    assert len(slots) == (window - HOUR) / (HOUR / 2) + 1
    assert all(elapsed(slot.start, slot.end) == HOUR for slot in slots)
    assert all(slot.start >= wall_clock(change, dt.time(0)) for slot in slots)
    assert all(slot.end <= wall_clock(change, dt.time(7)) for slot in slots)
    for slot in slots:
        booking = book(resource=resource, start=slot.start, end=slot.end)
        booking.delete()


def test_booking_a_tuesday_slot_after_spring_forward_stores_the_utc_instant(tuesday_mornings):
    slot = day_slots(tuesday_mornings, dt.date(2027, 3, 30))[0]

    booking = book(resource=tuesday_mornings, start=slot.start, end=slot.end)

    booking.refresh_from_db()
    assert booking.start == dt.datetime(2027, 3, 30, 6, 0, tzinfo=dt.UTC)
    assert booking.start.astimezone(HELSINKI).hour == 9


@pytest.mark.parametrize("day", [dt.date(2027, 3, 23), dt.date(2027, 3, 30)])
def test_is_available_follows_local_time_on_both_sides_of_the_change(tuesday_mornings, day):
    nine = wall_clock(day, dt.time(9))

    assert is_available(resource=tuesday_mornings, start=nine, end=nine + 2 * HOUR)
    assert not is_available(resource=tuesday_mornings, start=nine - HOUR, end=nine + HOUR)


def test_wall_clock_moves_a_time_in_the_spring_forward_gap_on_by_the_skipped_hour():
    moment = wall_clock(SPRING_FORWARD, dt.time(3, 30))

    assert moment.astimezone(dt.UTC) == dt.datetime(2027, 3, 28, 1, 30, tzinfo=dt.UTC)
    assert moment.astimezone(HELSINKI).time() == dt.time(4, 30)
    assert moment.utcoffset() == EEST


def test_wall_clock_takes_the_first_of_the_repeated_hour_in_autumn():
    moment = wall_clock(FALL_BACK, dt.time(3, 30))

    assert moment.astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
    assert moment.utcoffset() == EEST


def test_an_interval_that_ends_in_the_repeated_autumn_hour_is_not_taken_as_reversed():
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Night owl")
    start = dt.datetime(2027, 10, 31, 3, 30, tzinfo=HELSINKI)  # EEST, 00:30 UTC
    end = dt.datetime(2027, 10, 31, 3, 15, fold=1, tzinfo=HELSINKI)  # EET, 01:15 UTC

    booking = book(resource=resource, start=start, end=end)

    booking.refresh_from_db()
    assert booking.duration == dt.timedelta(minutes=45)
