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
from lainaamo.scheduling.models import Booking, BookingStatus, Resource, ResourceKind
from lainaamo.scheduling.services import SlotTaken, book, set_status
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
