import datetime as dt

import pytest

from lainaamo.core.timeutil import HELSINKI, local, month_bounds, parse_iso, working_days_between


def helsinki(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HELSINKI)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("moment", "start", "end", "length"),
    [
        # March loses an hour to summer time, October gains one back.
        (helsinki(2027, 3, 15, 12), utc(2027, 2, 28, 22), utc(2027, 3, 31, 21), 31 * 24 - 1),
        (helsinki(2027, 10, 15, 12), utc(2027, 9, 30, 21), utc(2027, 10, 31, 22), 31 * 24 + 1),
        (helsinki(2027, 12, 31, 23, 59), utc(2027, 11, 30, 22), utc(2027, 12, 31, 22), 31 * 24),
        (helsinki(2028, 2, 29, 12), utc(2028, 1, 31, 22), utc(2028, 2, 29, 22), 29 * 24),
    ],
)
def test_month_bounds_are_helsinki_midnights_across_daylight_saving(moment, start, end, length):
    first, following = month_bounds(moment)

    assert (first, following) == (start, end)
    assert local(first).time() == local(following).time() == dt.time(0)
    assert elapsed(first, following) == dt.timedelta(hours=length)


def test_month_bounds_follow_the_helsinki_calendar_not_utc():
    late_march_utc = utc(2027, 3, 31, 22, 30)  # already 1 April, 01:30, in Helsinki

    first, following = month_bounds(late_march_utc)

    assert local(first).date() == dt.date(2027, 4, 1)
    assert local(following).date() == dt.date(2027, 5, 1)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (helsinki(2027, 1, 8, 10), helsinki(2027, 1, 8, 17), 0),  # same Friday
        (helsinki(2027, 1, 8, 10), helsinki(2027, 1, 10, 10), 0),  # Friday to Sunday
        (helsinki(2027, 1, 8, 10), helsinki(2027, 1, 11, 9), 1),  # Friday to Monday
        (helsinki(2027, 1, 8, 10), helsinki(2027, 1, 12, 9), 2),  # Friday to Tuesday
        (helsinki(2027, 1, 4, 10), helsinki(2027, 1, 11, 10), 5),  # a whole week
        (helsinki(2027, 1, 9, 10), helsinki(2027, 1, 11, 10), 1),  # Saturday to Monday
        (helsinki(2027, 1, 11, 10), helsinki(2027, 1, 8, 10), 0),  # backwards
    ],
)
def test_working_days_between_skips_the_weekend(start, end, days):
    assert working_days_between(start, end) == days


def test_working_days_count_helsinki_dates():
    friday_night_utc = utc(2027, 1, 8, 22, 30)  # already Saturday in Helsinki
    monday = helsinki(2027, 1, 11, 10)

    assert working_days_between(friday_night_utc, monday) == 1
    assert working_days_between(utc(2027, 1, 8, 21, 30), monday) == 1


def test_parse_iso_reads_a_time_without_offset_as_helsinki_time():
    assert parse_iso("2027-03-30T09:00") == utc(2027, 3, 30, 6)
    assert parse_iso("2027-03-23T09:00") == utc(2027, 3, 23, 7)


def test_parse_iso_keeps_a_given_offset():
    assert parse_iso("2027-03-30T09:00+00:00") == utc(2027, 3, 30, 9)
    assert parse_iso("2027-03-30T09:00Z") == utc(2027, 3, 30, 9)


def test_local_shows_an_instant_in_helsinki_time():
    assert local(utc(2027, 7, 1, 6)).strftime("%H:%M %z") == "09:00 +0300"
    assert local(utc(2027, 1, 1, 6)).strftime("%H:%M %z") == "08:00 +0200"
