"""The week the kernel's tests run in: Monday 4 January 2027 and the days after, in Helsinki."""

import datetime as dt

from lainaamo.core.timeutil import HELSINKI

MONDAY = dt.date(2027, 1, 4)
TUESDAY = dt.date(2027, 1, 5)
WEDNESDAY = dt.date(2027, 1, 6)
MINUTES = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HELSINKI)
