"""The tests' clock: time-machine holds the process at an instant that the test chooses.

Every test gets one (the autouse fixture `clock` in the project's conftest.py), so no test
reads the real time of the run: Django, the live server's thread and the browser's pages all
see the chosen instant, and a test that passes today passes on any day.
"""

import datetime as dt
import os

import time_machine

from lainaamo.core.timeutil import HELSINKI, now, parse_iso

# Monday 11 January 2027, 09:00 in Helsinki: an ordinary working morning in the middle of a
# month, far from the daylight-saving changes. LAINAAMO_TEST_CLOCK sets another default for a
# run, to find tests that depend on the day without choosing it.
DEFAULT_INSTANT = dt.datetime(2027, 1, 11, 9, tzinfo=HELSINKI)


def instant(value: dt.datetime | str) -> dt.datetime:
    """An aware instant from a datetime or an ISO string; one without an offset is Helsinki's."""
    moment = parse_iso(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=HELSINKI)
    return moment


def default_instant() -> dt.datetime:
    chosen = os.environ.get("LAINAAMO_TEST_CLOCK")
    return instant(chosen) if chosen else DEFAULT_INSTANT


def travel(moment: dt.datetime | str, *, tick: bool = True) -> time_machine.travel:
    """time-machine's travel to `moment`, keeping the process's zone as Django set it."""
    # A Helsinki datetime: time-machine sets TZ from the datetime's zone (UTC would change it).
    return time_machine.travel(instant(moment).astimezone(HELSINKI), tick=tick)


class Clock:
    """A test's clock: `set()` and `advance()` move it, and the browser pages shown it follow.

    With `tick` it runs on from the instant as the test runs, as a real clock does; without,
    it stands still until moved.
    """

    def __init__(self, traveller: time_machine.Traveller, *, tick: bool) -> None:
        self._traveller = traveller
        self._tick = tick
        self._contexts: list = []

    @property
    def moment(self) -> dt.datetime:
        return now()

    def set(self, moment: dt.datetime | str) -> None:
        self._traveller.move_to(instant(moment).astimezone(HELSINKI))
        self._show_all()

    def advance(self, delta: dt.timedelta) -> None:
        self._traveller.shift(delta)
        self._show_all()

    def show(self, context) -> None:
        """Let the scripts of a Playwright browser context's pages read this clock."""
        self._contexts.append(context)
        self._show(context)

    def _show_all(self) -> None:
        for context in self._contexts:
            self._show(context)

    def _show(self, context) -> None:
        # Only the pages' scripts (Date) read this; cookies and Playwright's own timeouts keep
        # the real clock, which is why Django's cookies carry Max-Age (see lainaamo/conftest.py).
        if self._tick:
            context.clock.set_system_time(now())
        else:
            context.clock.set_fixed_time(now())
