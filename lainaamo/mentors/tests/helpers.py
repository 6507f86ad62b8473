"""What several of the mentors' test modules use besides factories: a page's query count, and
the week the matching tests run in."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lainaamo.core.timeutil import HELSINKI


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


MONDAY = dt.date(2027, 1, 4)


def at(day_offset: int, hour: int, minute: int = 0) -> dt.datetime:
    day = MONDAY + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HELSINKI)


# The borrower's one window: Tuesday 9-12, inside the mentors' daily 8-16.
WINDOW = (at(1, 9), at(1, 12))
