"""No resource is ever booked twice, even when many try at once, on SQLite and on PostgreSQL.

The threads are real and each has its own database connection: on PostgreSQL the exclusion
constraint `booking_no_overlap` turns every loser into SlotTaken; on SQLite the IMMEDIATE
transaction makes the overlap check and the insert one step under the write lock.
"""

import datetime as dt
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction

from lainaamo.core.timeutil import HELSINKI, now
from lainaamo.scheduling.models import (
    Booking,
    BookingStatus,
    Resource,
    ResourceKind,
    WeeklyAvailability,
)
from lainaamo.scheduling.services import SlotTaken, book, book_any, book_group, set_status
from lainaamo.scheduling.tests.threads import race

THREADS = 12
HOUR = dt.timedelta(hours=1)


def tomorrow_at(hour: int) -> dt.datetime:
    day = now().astimezone(HELSINKI).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_many_simultaneous_bookings_of_one_slot_exactly_one_wins():
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Mentor")
    start = tomorrow_at(10)

    outcomes = race([lambda: book(resource=resource, start=start, end=start + HOUR)] * THREADS)

    assert outcomes == Counter(booked=1, slot_taken=THREADS - 1)
    assert Booking.objects.filter(resource=resource).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_simultaneous_overlapping_bookings_with_buffers_exactly_one_wins():
    resource = Resource.objects.create(kind=ResourceKind.EQUIPMENT, name="VR kit")
    first = tomorrow_at(9)
    # Every attempt starts at a different time, but the buffers make each clash with all.
    attempts = [
        lambda offset=offset: book(
            resource=resource,
            start=first + offset * dt.timedelta(minutes=5),
            end=first + offset * dt.timedelta(minutes=5) + HOUR,
            buffer_before=dt.timedelta(minutes=30),
            buffer_after=dt.timedelta(minutes=30),
        )
        for offset in range(THREADS)
    ]

    outcomes = race(attempts)

    assert outcomes == Counter(booked=1, slot_taken=THREADS - 1)
    assert Booking.objects.filter(resource=resource).active().count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_bookings_of_different_slots_all_succeed():
    resource = Resource.objects.create(kind=ResourceKind.ROOM, name="Room")
    first = tomorrow_at(8)
    attempts = [
        lambda index=index: book(
            resource=resource, start=first + index * HOUR, end=first + (index + 1) * HOUR
        )
        for index in range(8)
    ]

    outcomes = race(attempts)

    assert outcomes == Counter(booked=8)
    assert Booking.objects.filter(resource=resource).count() == 8


@pytest.mark.django_db
def test_overlapping_insert_is_refused_by_the_database_or_the_service():
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Mentor")
    start = tomorrow_at(10)
    book(resource=resource, start=start, end=start + HOUR, buffer_after=dt.timedelta(minutes=15))
    clash = Booking(resource=resource, start=start + HOUR, end=start + 2 * HOUR)
    clash.widen()

    if connection.vendor == "postgresql":
        # The ORM bypasses the service; the exclusion constraint still says no.
        with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
            clash.save()
    else:
        # SQLite has no exclusion constraint: the booking service is the guard.
        with pytest.raises(SlotTaken):
            book(resource=resource, start=clash.start, end=clash.end)

    assert Booking.objects.filter(resource=resource).count() == 1


@pytest.mark.django_db
def test_database_lets_an_active_booking_overlap_a_cancelled_one():
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Mentor")
    start = tomorrow_at(10)
    cancelled = book(resource=resource, start=start, end=start + HOUR)
    set_status(booking=cancelled, status=BookingStatus.CANCELLED)
    again = Booking(resource=resource, start=start, end=start + HOUR)
    again.widen()

    again.save()

    assert Booking.objects.filter(resource=resource).active().get() == again


def kit_with_items(count: int = 2) -> tuple[Resource, list[Resource]]:
    kit = Resource.objects.create(kind=ResourceKind.EQUIPMENT, name="Streaming kit")
    items = [
        Resource.objects.create(kind=ResourceKind.EQUIPMENT, name=f"Camera {n}", parent=kit)
        for n in range(count)
    ]
    return kit, items


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_kit_and_one_of_its_items_booked_at_once_are_never_both_lent():
    kit, (camera, _tripod) = kit_with_items()
    start = tomorrow_at(10)
    attempts = [
        lambda: book(resource=kit, start=start, end=start + HOUR),
        lambda: book(resource=camera, start=start + HOUR / 2, end=start + 2 * HOUR),
    ] * (THREADS // 2)

    outcomes = race(attempts)

    assert outcomes == Counter(booked=1, slot_taken=THREADS - 1)
    camera_bookings = Booking.objects.filter(resource=camera).active()
    assert camera_bookings.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_of_three_bookers_racing_for_a_pool_of_two_tutors_two_win_and_one_is_told_none_is_free():
    start = tomorrow_at(13)
    tutors = [Resource.objects.create(kind=ResourceKind.TUTOR, name=f"Tutor {n}") for n in (1, 2)]
    weekday = start.astimezone(HELSINKI).weekday()
    for tutor in tutors:
        WeeklyAvailability.objects.create(
            resource=tutor, weekday=weekday, start_time=dt.time(9), end_time=dt.time(17)
        )
    for _round in range(3):  # three times over, so that luck cannot pass it
        Booking.objects.all().delete()

        outcomes = race([lambda: book_any(pool=tutors, start=start, end=start + HOUR / 2)] * 3)

        assert outcomes == Counter(booked=2, none_free=1)
        assert sorted(Booking.objects.active().values_list("resource_id", flat=True)) == sorted(
            tutor.pk for tutor in tutors
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bookers_of_one_pair_named_in_either_order_queue_and_never_deadlock():
    """Each takes the locks in key order, whatever order it names the resources in."""
    room = Resource.objects.create(kind=ResourceKind.ROOM, name="Room")
    camera = Resource.objects.create(kind=ResourceKind.EQUIPMENT, name="Camera")
    start = tomorrow_at(9)
    for hour in range(3):  # three times over, so that luck cannot pass it
        at = start + hour * HOUR
        pairs = [[room, camera], [camera, room]] * (THREADS // 2)

        outcomes = race(
            [
                lambda pair=pair, at=at: book_group(resources=pair, start=at, end=at + HOUR)
                for pair in pairs
            ]
        )

        assert outcomes == Counter(booked=1, slot_taken=THREADS - 1)
