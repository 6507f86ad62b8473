"""The helpers of the hand-written statements write and read exactly what the ORM does.

Run on SQLite and on PostgreSQL, whose drivers hand back datetimes, durations, decimals, dates,
booleans and UUIDs in different shapes.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F, Sum

from lainaamo.core import sql
from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.models import Person
from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.models import MentorProfile
from lainaamo.mentors.tests.factories import make_mentor
from lainaamo.scheduling.models import Booking, BookingStatus, Hours, Resource, ResourceKind

pytestmark = pytest.mark.django_db

# The last Sunday of March 2027: the clocks go forward at 03:00 in Helsinki.
SPRING_FORWARD = dt.datetime(2027, 3, 28, 1, 30, tzinfo=HELSINKI)


def booking_fields(resource: Resource) -> dict:
    return {
        "resource": resource,
        "start": SPRING_FORWARD,
        "end": SPRING_FORWARD + dt.timedelta(hours=2, minutes=15),
        "buffer_before": dt.timedelta(minutes=15),
        "buffer_after": dt.timedelta(minutes=5),
        "status": BookingStatus.CONFIRMED,
        "owner": "mentors.loan:1",
    }


def room(name: str) -> Resource:
    return Resource.objects.create(kind=ResourceKind.ROOM, name=name)


def test_insert_writes_the_row_that_save_writes():
    by_orm = Booking(**booking_fields(room("A")))
    by_orm.widen()
    by_orm.save()
    by_hand = Booking(**booking_fields(room("B")))
    by_hand.widen()

    assert sql.insert(by_hand) is by_hand

    assert by_hand.pk is not None and by_hand.pk != by_orm.pk
    assert not by_hand._state.adding
    assert by_hand.created_at is not None  # auto_now_add, as save() sets it
    ignored = {"id", "resource_id", "uid", "created_at", "updated_at"}
    rows = [
        {k: v for k, v in Booking.objects.values().get(pk=pk).items() if k not in ignored}
        for pk in (by_orm.pk, by_hand.pk)
    ]
    assert rows[0] == rows[1]
    stored = Booking.objects.get(pk=by_hand.pk)
    assert (stored.uid, stored.created_at) == (by_hand.uid, by_hand.created_at)
    assert stored.blocked_start == SPRING_FORWARD - dt.timedelta(minutes=15)


def test_update_writes_the_fields_named_and_the_time_of_the_change():
    booking = Booking(**booking_fields(room("A")))
    booking.widen()
    booking.save()
    before = Booking.objects.get(pk=booking.pk)
    booking.status = BookingStatus.CANCELLED
    booking.owner = "not written"

    sql.update(booking, ["status"])

    after = Booking.objects.get(pk=booking.pk)
    assert after.status == BookingStatus.CANCELLED
    assert after.owner == "mentors.loan:1"
    assert after.updated_at > before.updated_at
    with pytest.raises(ValueError, match="lacks"):
        sql.update(booking, ["status", "colour"])


def test_first_reads_an_instance_as_the_orm_reads_it():
    mentor = make_mentor(monthly_hours=Decimal("12.5"))
    MentorProfile.objects.filter(pk=mentor.pk).update(paused=True, returns_on=dt.date(2027, 2, 1))
    booking = Booking(**booking_fields(mentor.resource))
    booking.widen()
    booking.save()

    for model, table, pk in (
        (MentorProfile, "mentors_mentorprofile", mentor.pk),
        (Booking, "scheduling_booking", booking.pk),
    ):
        statement = f"SELECT {sql.columns(model, 't')}, 7 AS lucky FROM {table} t WHERE t.id = %s"
        loaded = sql.first(model, statement, [pk])
        expected = model.objects.get(pk=pk)
        for field in model._meta.concrete_fields:
            mine, theirs = getattr(loaded, field.attname), getattr(expected, field.attname)
            assert (mine, type(mine)) == (theirs, type(theirs)), field.name
        assert loaded.lucky == 7
        assert not loaded._state.adding

    assert (
        sql.first(MentorProfile, "SELECT * FROM mentors_mentorprofile WHERE id = %s", [-1]) is None
    )
    with pytest.raises(ValueError, match="does not read"):
        sql.first(MentorProfile, "SELECT id FROM mentors_mentorprofile")


def test_partial_loads_the_other_fields_when_they_are_read(django_assert_num_queries):
    person = PersonFactory(name="Aino Aalto")

    partial = sql.partial(Person, name="Aino Aalto", id=person.pk)

    with django_assert_num_queries(0):
        assert (partial.pk, partial.name) == (person.pk, "Aino Aalto")
    with django_assert_num_queries(1):
        assert partial.email == person.email
    with pytest.raises(ValueError, match="nickname"):
        sql.partial(Person, nickname="Aikku")


def test_hours_add_up_as_the_orm_adds_them_across_a_change_of_clocks():
    resource = room("A")
    for offset, minutes in ((0, 135), (24, 90), (48, 20)):
        start = SPRING_FORWARD + dt.timedelta(hours=offset)
        Booking.objects.create(
            resource=resource,
            start=start,
            end=start + dt.timedelta(minutes=minutes),
            blocked_start=start,
            blocked_end=start + dt.timedelta(minutes=minutes),
        )

    hours = sql.hours('"end"', '"start"')
    (by_hand,) = sql.one(
        f"SELECT SUM({hours}) FROM scheduling_booking WHERE resource_id = %s", [resource.pk]
    )
    by_orm = Booking.objects.filter(resource=resource).aggregate(
        total=Sum(Hours(F("end"), F("start")))
    )["total"]

    assert float(by_hand) == pytest.approx(by_orm) == pytest.approx((135 + 90 + 20) / 60)


def test_an_hour_is_exactly_one_at_every_hour_of_the_day():
    """A mentor's last hour must fit their limit exactly: no float left over from the
    database's date arithmetic, whenever the session starts."""
    resource = room("A")
    day = dt.datetime(2027, 1, 4, tzinfo=dt.UTC)
    for hour in range(24):
        start = day + dt.timedelta(days=hour, hours=hour, minutes=7 * hour % 60)
        Booking.objects.create(
            resource=resource,
            start=start,
            end=start + dt.timedelta(hours=1),
            blocked_start=start,
            blocked_end=start + dt.timedelta(hours=1),
        )

    hours = sql.hours('"end"', '"start"')
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {hours} FROM scheduling_booking WHERE resource_id = %s", [resource.pk]
        )
        each = [float(value) for (value,) in cursor.fetchall()]

    assert each == [1.0] * 24
