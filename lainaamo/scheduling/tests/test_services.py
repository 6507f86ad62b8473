import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from lainaamo.core.errors import Conflict
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
    InvalidInterval,
    SlotTaken,
    StartInPast,
    book,
    free_slots,
    is_available,
    reschedule,
    set_status,
)
from lainaamo.scheduling.tests.helpers import HOUR, MINUTES, MONDAY, TUESDAY, WEDNESDAY, at

pytestmark = [pytest.mark.django_db, pytest.mark.clock(at(MONDAY, 7), tick=False)]


@pytest.fixture
def resource():
    return Resource.objects.create(kind=ResourceKind.MENTOR, name="Mentor")


def weekly(resource, weekday: int, start: int, end: int) -> WeeklyAvailability:
    return WeeklyAvailability.objects.create(
        resource=resource, weekday=weekday, start_time=dt.time(start), end_time=dt.time(end)
    )


def starts(slots) -> list[str]:
    return [f"{slot.start.astimezone(HELSINKI):%a %H:%M}" for slot in slots]


# --- book -------------------------------------------------------------------------------


def test_book_stores_the_interval_widened_by_its_buffers(clock, resource):
    room = Resource.objects.create(kind=ResourceKind.ROOM, name="Owner of the booking")

    booking = book(
        resource=resource,
        start=at(TUESDAY, 9),
        end=at(TUESDAY, 10),
        buffer_before=15 * MINUTES,
        buffer_after=30 * MINUTES,
        owner=room,
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.TENTATIVE
    assert booking.blocked_start == at(TUESDAY, 8, 45)
    assert booking.blocked_end == at(TUESDAY, 10, 30)
    assert booking.owner == room
    assert list(Booking.objects.owned_by(room)) == [booking]
    assert booking.sequence == 0


def test_book_refuses_an_end_that_does_not_come_after_the_start(clock, resource):
    with pytest.raises(InvalidInterval) as error:
        book(resource=resource, start=at(TUESDAY, 10), end=at(TUESDAY, 10))

    assert error.value.code == "invalid_interval"
    assert not Booking.objects.exists()


def test_book_refuses_a_start_in_the_past(clock, resource):
    with pytest.raises(StartInPast) as error:
        book(resource=resource, start=at(MONDAY, 6), end=at(MONDAY, 8))

    assert error.value.code == "start_in_past"
    assert not Booking.objects.exists()


def test_book_records_the_past_when_asked_to(clock, resource):
    booking = book(resource=resource, start=at(MONDAY, 5), end=at(MONDAY, 6), allow_past=True)

    assert Booking.objects.get() == booking


def test_overlapping_booking_is_refused_as_slot_taken(clock, resource):
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    with pytest.raises(SlotTaken) as error:
        book(resource=resource, start=at(TUESDAY, 9, 30), end=at(TUESDAY, 10, 30))

    assert error.value.code == "slot_taken"
    assert error.value.status == 409
    assert Booking.objects.count() == 1


def test_a_booking_refused_in_a_callers_transaction_leaves_it_usable(clock, resource):
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    with transaction.atomic():
        with pytest.raises(SlotTaken):
            book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
        # Undone alone, at its savepoint: the caller goes on in its transaction.
        book(resource=resource, start=at(TUESDAY, 11), end=at(TUESDAY, 12))

    assert Booking.objects.count() == 2


def test_booking_that_encloses_another_is_refused(clock, resource):
    book(resource=resource, start=at(TUESDAY, 9, 30), end=at(TUESDAY, 9, 45))

    with pytest.raises(SlotTaken):
        book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 11))


def test_back_to_back_bookings_without_buffers_do_not_clash(clock, resource):
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    book(resource=resource, start=at(TUESDAY, 10), end=at(TUESDAY, 11))

    assert Booking.objects.count() == 2


def test_buffer_after_blocks_a_booking_that_starts_inside_it(clock, resource):
    book(
        resource=resource,
        start=at(TUESDAY, 9),
        end=at(TUESDAY, 10),
        buffer_after=15 * MINUTES,
    )

    with pytest.raises(SlotTaken):
        book(resource=resource, start=at(TUESDAY, 10, 10), end=at(TUESDAY, 11))

    assert Booking.objects.count() == 1


def test_booking_may_start_when_the_buffer_after_ends(clock, resource):
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10), buffer_after=15 * MINUTES)

    book(resource=resource, start=at(TUESDAY, 10, 15), end=at(TUESDAY, 11))

    assert Booking.objects.count() == 2


def test_new_bookings_buffer_before_counts_against_an_earlier_booking(clock, resource):
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    with pytest.raises(SlotTaken):
        book(
            resource=resource,
            start=at(TUESDAY, 10, 10),
            end=at(TUESDAY, 11),
            buffer_before=15 * MINUTES,
        )


def test_cancelled_booking_does_not_block(clock, resource):
    first = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    set_status(booking=first, status=BookingStatus.CANCELLED)

    second = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    assert second.is_active
    assert Booking.objects.active().get() == second


def test_confirmed_booking_blocks_like_a_tentative_one(clock, resource):
    book(
        resource=resource,
        start=at(TUESDAY, 9),
        end=at(TUESDAY, 10),
        status=BookingStatus.CONFIRMED,
    )

    with pytest.raises(SlotTaken):
        book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))


def test_other_resources_time_is_not_blocked(clock, resource):
    other = Resource.objects.create(kind=ResourceKind.ROOM, name="Room")
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    book(resource=other, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    assert Booking.objects.filter(resource=other).count() == 1


# --- reschedule -------------------------------------------------------------------------


def test_reschedule_moves_the_booking_keeps_its_uid_and_raises_its_sequence(clock, resource):
    booking = book(
        resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10), buffer_after=15 * MINUTES
    )
    uid = booking.uid

    moved = reschedule(booking=booking, start=at(TUESDAY, 13), end=at(TUESDAY, 14))

    moved.refresh_from_db()
    assert (moved.start, moved.end) == (at(TUESDAY, 13), at(TUESDAY, 14))
    assert (moved.blocked_start, moved.blocked_end) == (at(TUESDAY, 13), at(TUESDAY, 14, 15))
    assert moved.uid == uid
    assert moved.sequence == 1


def test_reschedule_may_overlap_the_bookings_own_old_time(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    moved = reschedule(booking=booking, start=at(TUESDAY, 9, 30), end=at(TUESDAY, 10, 30))

    assert moved.start == at(TUESDAY, 9, 30)


def test_reschedule_into_taken_time_is_refused_and_changes_nothing(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    book(resource=resource, start=at(TUESDAY, 12), end=at(TUESDAY, 13), buffer_before=HOUR)

    with pytest.raises(SlotTaken):
        reschedule(booking=booking, start=at(TUESDAY, 10, 30), end=at(TUESDAY, 11, 30))

    booking.refresh_from_db()
    assert booking.start == at(TUESDAY, 9)
    assert booking.sequence == 0


def test_reschedule_into_the_past_is_refused(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    with pytest.raises(StartInPast):
        reschedule(booking=booking, start=at(MONDAY, 6), end=at(MONDAY, 7))


def test_reschedule_refuses_an_empty_interval(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    with pytest.raises(InvalidInterval):
        reschedule(booking=booking, start=at(TUESDAY, 11), end=at(TUESDAY, 10))


def test_cancelled_booking_cannot_be_rescheduled(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    set_status(booking=booking, status=BookingStatus.CANCELLED)

    with pytest.raises(Conflict):
        reschedule(booking=booking, start=at(TUESDAY, 11), end=at(TUESDAY, 12))

    booking.refresh_from_db()
    assert booking.start == at(TUESDAY, 9)


# --- set_status -------------------------------------------------------------------------


def test_confirming_a_booking_raises_its_sequence(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    set_status(booking=booking, status=BookingStatus.CONFIRMED)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.sequence == 1


def test_setting_the_same_status_again_changes_nothing(clock, resource):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    set_status(booking=booking, status=BookingStatus.CONFIRMED)

    set_status(booking=booking, status=BookingStatus.CONFIRMED)

    booking.refresh_from_db()
    assert booking.sequence == 1


@pytest.mark.parametrize("status", [BookingStatus.TENTATIVE, BookingStatus.CONFIRMED])
def test_cancelled_booking_never_comes_back(clock, resource, status):
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    set_status(booking=booking, status=BookingStatus.CANCELLED)

    with pytest.raises(Conflict):
        set_status(booking=booking, status=status)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.sequence == 1


# --- free_slots -------------------------------------------------------------------------


def test_free_slots_lie_in_the_weekly_windows_stepping_half_an_hour(clock, resource):
    weekly(resource, 1, 9, 11)

    slots = free_slots(
        resource_ids=[resource.pk], start=at(MONDAY, 8), end=at(WEDNESDAY, 23), duration=HOUR
    )[resource.pk]

    assert starts(slots) == ["Tue 09:00", "Tue 09:30", "Tue 10:00"]
    assert all(slot.end - slot.start == HOUR for slot in slots)


def test_free_slots_stay_inside_the_searched_span(clock, resource):
    weekly(resource, 1, 9, 11)

    slots = free_slots(
        resource_ids=[resource.pk],
        start=at(TUESDAY, 9, 30),
        end=at(TUESDAY, 10, 45),
        duration=30 * MINUTES,
    )[resource.pk]

    assert starts(slots) == ["Tue 09:30", "Tue 10:00"]


def test_free_slots_leave_out_absences(clock, resource):
    weekly(resource, 1, 9, 11)
    weekly(resource, 2, 9, 11)
    Absence.objects.create(resource=resource, start=at(TUESDAY, 0), end=at(WEDNESDAY, 0))

    slots = free_slots(
        resource_ids=[resource.pk], start=at(MONDAY, 8), end=at(WEDNESDAY, 23), duration=HOUR
    )[resource.pk]

    assert starts(slots) == ["Wed 09:00", "Wed 09:30", "Wed 10:00"]


def test_free_slots_leave_out_booked_time_with_its_buffers(clock, resource):
    weekly(resource, 1, 8, 14)
    book(resource=resource, start=at(TUESDAY, 10), end=at(TUESDAY, 11), buffer_after=15 * MINUTES)

    slots = free_slots(
        resource_ids=[resource.pk], start=at(TUESDAY, 0), end=at(TUESDAY, 23), duration=HOUR
    )[resource.pk]

    assert starts(slots) == [
        "Tue 08:00",
        "Tue 08:30",
        "Tue 09:00",
        "Tue 11:30",
        "Tue 12:00",
        "Tue 12:30",
        "Tue 13:00",
    ]


def test_free_slots_keep_the_searchers_buffers_clear_of_bookings(clock, resource):
    weekly(resource, 1, 8, 14)
    book(resource=resource, start=at(TUESDAY, 10), end=at(TUESDAY, 11))

    slots = free_slots(
        resource_ids=[resource.pk],
        start=at(TUESDAY, 0),
        end=at(TUESDAY, 23),
        duration=HOUR,
        buffer_before=15 * MINUTES,
        buffer_after=15 * MINUTES,
    )[resource.pk]

    assert starts(slots) == [
        "Tue 08:00",
        "Tue 08:30",
        "Tue 11:30",
        "Tue 12:00",
        "Tue 12:30",
        "Tue 13:00",
    ]


def test_free_slots_ignore_cancelled_bookings(clock, resource):
    weekly(resource, 1, 9, 10)
    booking = book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    set_status(booking=booking, status=BookingStatus.CANCELLED)

    slots = free_slots(
        resource_ids=[resource.pk], start=at(TUESDAY, 0), end=at(TUESDAY, 23), duration=HOUR
    )[resource.pk]

    assert starts(slots) == ["Tue 09:00"]


def test_free_slots_leave_out_the_past(clock, resource):
    weekly(resource, 1, 9, 12)
    clock.set(at(TUESDAY, 9, 40))

    slots = free_slots(
        resource_ids=[resource.pk], start=at(TUESDAY, 0), end=at(TUESDAY, 23), duration=HOUR
    )[resource.pk]

    assert starts(slots) == ["Tue 10:00", "Tue 10:30", "Tue 11:00"]


def test_free_slots_stop_at_the_limit(clock, resource):
    weekly(resource, 1, 8, 16)
    weekly(resource, 2, 8, 16)

    slots = free_slots(
        resource_ids=[resource.pk],
        start=at(MONDAY, 8),
        end=at(WEDNESDAY, 23),
        duration=HOUR,
        limit=4,
    )[resource.pk]

    assert starts(slots) == ["Tue 08:00", "Tue 08:30", "Tue 09:00", "Tue 09:30"]


def test_free_slots_answer_for_each_resource_in_four_queries(clock, resource):
    other = Resource.objects.create(kind=ResourceKind.MENTOR, name="Other")
    weekly(resource, 1, 9, 10)
    weekly(other, 2, 9, 10)
    book(resource=other, start=at(WEDNESDAY, 9), end=at(WEDNESDAY, 10))

    with CaptureQueriesContext(connection) as queries:
        slots = free_slots(
            resource_ids=[resource.pk, other.pk],
            start=at(MONDAY, 8),
            end=at(WEDNESDAY, 23),
            duration=HOUR,
        )

    assert len(queries) == 4  # weekly hours, parts, bookings, absences
    assert starts(slots[resource.pk]) == ["Tue 09:00"]
    assert slots[other.pk] == []


def test_free_slots_of_an_empty_span_are_none(clock, resource):
    weekly(resource, 1, 9, 11)

    slots = free_slots(
        resource_ids=[resource.pk], start=at(TUESDAY, 11), end=at(TUESDAY, 9), duration=HOUR
    )

    assert slots == {resource.pk: []}


def test_every_free_slot_can_be_booked(clock, resource):
    weekly(resource, 1, 8, 12)
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 9, 45), buffer_after=HOUR / 4)
    slots = free_slots(
        resource_ids=[resource.pk],
        start=at(TUESDAY, 0),
        end=at(TUESDAY, 23),
        duration=HOUR,
        buffer_before=HOUR / 4,
        buffer_after=HOUR / 4,
    )[resource.pk]

    for slot in slots:
        booking = book(
            resource=resource,
            start=slot.start,
            end=slot.end,
            buffer_before=HOUR / 4,
            buffer_after=HOUR / 4,
        )
        set_status(booking=booking, status=BookingStatus.CANCELLED)

    assert starts(slots) == ["Tue 10:30", "Tue 11:00"]


# --- is_available -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((TUESDAY, 9, 0), (TUESDAY, 11, 0), True),
        ((TUESDAY, 10, 0), (TUESDAY, 10, 30), True),
        ((TUESDAY, 8, 30), (TUESDAY, 9, 30), False),
        ((TUESDAY, 10, 30), (TUESDAY, 11, 30), False),
        ((WEDNESDAY, 9, 0), (WEDNESDAY, 10, 0), False),
    ],
)
def test_is_available_inside_a_weekly_window_only(clock, resource, start, end, expected):
    weekly(resource, 1, 9, 11)

    assert is_available(resource=resource, start=at(*start), end=at(*end)) is expected


def test_is_available_is_false_during_an_absence(clock, resource):
    weekly(resource, 1, 9, 11)
    Absence.objects.create(resource=resource, start=at(TUESDAY, 10), end=at(TUESDAY, 12))

    assert is_available(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
    assert not is_available(resource=resource, start=at(TUESDAY, 9, 30), end=at(TUESDAY, 10, 30))


def test_is_available_leaves_bookings_to_book(clock, resource):
    weekly(resource, 1, 9, 11)
    book(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))

    assert is_available(resource=resource, start=at(TUESDAY, 9), end=at(TUESDAY, 10))
