"""Time in Lainaamo: stored in UTC, shown and reasoned about in Europe/Helsinki."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")


def now() -> dt.datetime:
    return timezone.now()


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(HELSINKI)


def wall_clock(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware instant at which Helsinki clocks show `time` on `day`.

    A wall-clock time that falls in the spring-forward gap does not exist; it is moved on by
    the hour that was skipped, as clocks do.
    """
    moment = dt.datetime.combine(day, time, tzinfo=HELSINKI)
    round_trip = moment.astimezone(dt.UTC).astimezone(HELSINKI)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return round_trip
    return moment


def month_bounds(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The start of the Helsinki calendar month holding `moment`, and of the next one."""
    day = local(moment).date().replace(day=1)
    following = (day + dt.timedelta(days=32)).replace(day=1)
    return wall_clock(day, dt.time()), wall_clock(following, dt.time())


def working_days_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole working days (Monday to Friday) that have passed from `start` to `end`."""
    day = local(start).date()
    last = local(end).date()
    count = 0
    while day < last:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


def parse_iso(value: str) -> dt.datetime:
    """An ISO 8601 instant; one without an offset is read as Helsinki time."""
    moment = dt.datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=HELSINKI)
    return moment
