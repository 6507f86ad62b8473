"""The kernel's public API for every app: parts of a resource, bookings made together, pools
of interchangeable resources, locks in a fixed order, and buffers across the clock changes."""

import datetime as dt

import pytest

from lainaamo.core.timeutil import HELSINKI
from lainaamo.scheduling.models import (
    Absence,
    Booking,
    BookingStatus,
    Resource,
    ResourceKind,
    WeeklyAvailability,
)
from lainaamo.scheduling.services import (
    NoneFree,
    OutsideAvailability,
    ResourceTwice,
    SlotTaken,
    book,
    book_any,
    book_group,
    free_slots,
    reschedule,
    set_status,
)
from lainaamo.scheduling.tests.helpers import HOUR, MINUTES, TUESDAY, at

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2027-01-04 07:00", tick=False)]


def resource(name: str, kind: str = ResourceKind.EQUIPMENT, **fields) -> Resource:
    return Resource.objects.create(kind=kind, name=name, **fields)


@pytest.fixture
def kit():
    kit = resource("VR kit")
    resource("Headset", parent=kit)
    resource("Controllers", parent=kit)
    return kit


# --- a kit and its items ------------------------------------------------------------------


def test_booking_a_kit_books_each_of_its_items_in_one_group(clock, kit):
    booking = book(resource=kit, start=at(TUESDAY, 9), end=at(TUESDAY, 12))

    rows = Booking.objects.filter(group=booking.group)
    assert booking.resource == kit
    assert sorted(rows.values_list("resource__name", flat=True)) == [
        "Controllers",
        "Headset",
        "VR kit",
    ]


def test_an_item_lent_alone_blocks_its_kit(clock, kit):
    headset = kit.children.get(name="Headset")
    book(resource=headset, start=at(TUESDAY, 10), end=at(TUESDAY, 11))

    with pytest.raises(SlotTaken):
        book(resource=kit, start=at(TUESDAY, 9), end=at(TUESDAY, 12))

    assert Booking.objects.filter(resource=kit).count() == 0


def test_a_kit_lent_blocks_each_of_its_items(clock, kit):
    book(resource=kit, start=at(TUESDAY, 9), end=at(TUESDAY, 12))

    for item in kit.children.all():
        with pytest.raises(SlotTaken):
            book(resource=item, start=at(TUESDAY, 11), end=at(TUESDAY, 13))


def test_two_items_of_one_kit_may_be_lent_at_once(clock, kit):
    headset, controllers = kit.children.order_by("name").reverse()

    book(resource=headset, start=at(TUESDAY, 10), end=at(TUESDAY, 11))
    book(resource=controllers, start=at(TUESDAY, 10), end=at(TUESDAY, 11))

    assert Booking.objects.active().count() == 2


def test_free_slots_of_a_kit_leave_out_the_time_an_item_is_lent(clock, kit):
    WeeklyAvailability.objects.create(
        resource=kit, weekday=1, start_time=dt.time(9), end_time=dt.time(12)
    )
    book(resource=kit.children.first(), start=at(TUESDAY, 10), end=at(TUESDAY, 11))

    slots = free_slots(
        resource_ids=[kit.pk], start=at(TUESDAY, 0), end=at(TUESDAY, 23), duration=HOUR, step=HOUR
    )[kit.pk]

    assert [slot.start.hour for slot in slots] == [9, 11]


def test_cancelling_a_kit_frees_its_items(clock, kit):
    booking = book(resource=kit, start=at(TUESDAY, 9), end=at(TUESDAY, 12))

    set_status(booking=booking, status=BookingStatus.CANCELLED)

    assert not Booking.objects.active().exists()
    book(resource=kit.children.first(), start=at(TUESDAY, 10), end=at(TUESDAY, 11))


def test_moving_a_kit_moves_its_items_and_raises_each_sequence(clock, kit):
    booking = book(resource=kit, start=at(TUESDAY, 9), end=at(TUESDAY, 12))

    reschedule(booking=booking, start=at(TUESDAY, 13), end=at(TUESDAY, 15))

    rows = Booking.objects.filter(group=booking.group)
    assert set(rows.values_list("start", "end", "sequence")) == {
        (at(TUESDAY, 13), at(TUESDAY, 15), 1)
    }


# --- several resources at once -----------------------------------------------------------


def test_a_group_booking_gives_each_resource_its_own_buffers(clock):
    room, camera = resource("Room", ResourceKind.ROOM), resource("360 camera")

    bookings = book_group(
        resources=[room, camera],
        start=at(TUESDAY, 10),
        end=at(TUESDAY, 12),
        buffer_before=15 * MINUTES,
        buffer_after=15 * MINUTES,
        buffers={camera.pk: (2 * HOUR, 90 * MINUTES)},  # transport to and from the branch
    )

    spans = {b.resource_id: (b.blocked_start, b.blocked_end) for b in bookings}
    assert spans[room.pk] == (at(TUESDAY, 9, 45), at(TUESDAY, 12, 15))
    assert spans[camera.pk] == (at(TUESDAY, 8), at(TUESDAY, 13, 30))
    assert len({b.group for b in bookings}) == 1


@pytest.mark.parametrize("twice", ["same resource", "kit and item"])
def test_a_group_that_names_a_resource_twice_is_refused(clock, kit, twice):
    room = resource("Room", ResourceKind.ROOM)
    resources = [room, room] if twice == "same resource" else [kit, kit.children.first()]

    with pytest.raises(ResourceTwice) as error:
        book_group(resources=resources, start=at(TUESDAY, 10), end=at(TUESDAY, 12))

    assert error.value.code == "resource_twice"
    assert not Booking.objects.exists()


def test_a_group_booking_is_all_or_nothing(clock):
    room, camera = resource("Room", ResourceKind.ROOM), resource("360 camera")
    book(resource=camera, start=at(TUESDAY, 11), end=at(TUESDAY, 12))

    with pytest.raises(SlotTaken):
        book_group(resources=[room, camera], start=at(TUESDAY, 10), end=at(TUESDAY, 12))

    assert not Booking.objects.filter(resource=room).exists()


# --- pools -------------------------------------------------------------------------------


@pytest.fixture
def tutors():
    tutors = [resource(f"Tutor {n}", ResourceKind.TUTOR) for n in (1, 2, 3)]
    for tutor in tutors:
        WeeklyAvailability.objects.create(
            resource=tutor, weekday=1, start_time=dt.time(9), end_time=dt.time(16)
        )
    return tutors


def test_a_pool_gives_the_time_to_the_least_booked_free_member(clock, tutors):
    first, second, third = tutors
    book(resource=first, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    book(resource=third, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    book(resource=third, start=at(TUESDAY, 11), end=at(TUESDAY, 12))

    booking = book_any(pool=tutors, start=at(TUESDAY, 13), end=at(TUESDAY, 13, 30))

    assert booking.resource == second


def test_a_pool_skips_members_who_are_busy_absent_or_off_duty(clock, tutors):
    first, second, third = tutors
    book(resource=first, start=at(TUESDAY, 13), end=at(TUESDAY, 14))
    Absence.objects.create(resource=second, start=at(TUESDAY, 0), end=at(TUESDAY, 23))

    booking = book_any(pool=tutors, start=at(TUESDAY, 13), end=at(TUESDAY, 13, 30))
    assert booking.resource == third
    with pytest.raises(NoneFree) as error:
        book_any(pool=tutors, start=at(TUESDAY, 13), end=at(TUESDAY, 13, 30))
    with pytest.raises(NoneFree):
        book_any(pool=tutors, start=at(TUESDAY, 17), end=at(TUESDAY, 17, 30))

    assert error.value.code == "none_free"
    assert error.value.status == 409


def test_booking_within_availability_refuses_time_outside_the_weekly_hours(clock, tutors):
    with pytest.raises(OutsideAvailability):
        book(
            resource=tutors[0],
            start=at(TUESDAY, 16),
            end=at(TUESDAY, 17),
            within_availability=True,
        )

    assert not Booking.objects.exists()


# --- buffers across the clock changes ----------------------------------------------------


# 31 October 2027: Helsinki clocks go back from 04:00 to 03:00.
@pytest.mark.clock("2027-10-30 12:00", tick=False)
def test_buffers_are_real_minutes_across_the_autumn_change():
    room = resource("Room", ResourceKind.ROOM)
    start = dt.datetime(2027, 10, 31, 4, 30, tzinfo=HELSINKI)  # after the change

    booking = book(resource=room, start=start, end=start + HOUR, buffer_before=2 * HOUR)

    # Two real hours before 04:30 EET (02:30 UTC) is 00:30 UTC, 03:30 EEST on the wall clock.
    assert booking.blocked_start == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
    with pytest.raises(SlotTaken):
        book(
            resource=room,
            start=dt.datetime(2027, 10, 31, 0, 0, tzinfo=dt.UTC),
            end=dt.datetime(2027, 10, 31, 0, 45, tzinfo=dt.UTC),
        )
    book(
        resource=room,
        start=dt.datetime(2027, 10, 30, 23, 30, tzinfo=dt.UTC),
        end=dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC),
    )
