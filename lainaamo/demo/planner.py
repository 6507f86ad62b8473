"""The history's calendar: where a past session may go without breaking the kernel's rules."""

import datetime as dt
import random
from collections import defaultdict

from lainaamo.core.timeutil import local, wall_clock
from lainaamo.mentors.models import MentorProfile

from .roster import MentorSpec

STEP = dt.timedelta(minutes=30)
# Share of a mentor's monthly hours the history may fill; the current month keeps room for
# the sessions booked ahead and for whoever tries the demo.
PAST_MONTH_SHARE = 0.8
THIS_MONTH_SHARE = 0.5


class Planner:
    """The mentors' history as it is written: blocked spans and hours per Helsinki month."""

    def __init__(self, moment: dt.datetime) -> None:
        self.now = moment
        self.spans: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
        self.hours: dict[tuple[int, int, int], float] = defaultdict(float)

    def _month(self, mentor: MentorProfile, start: dt.datetime) -> tuple[int, int, int]:
        day = local(start)
        return mentor.pk, day.year, day.month

    def fits(self, mentor: MentorProfile, start: dt.datetime, end: dt.datetime, pad) -> bool:
        if end > self.now:
            return False
        if any(s < end + pad and start - pad < e for s, e in self.spans[mentor.pk]):
            return False
        this_month = (local(start).year, local(start).month) == (
            local(self.now).year,
            local(self.now).month,
        )
        share = THIS_MONTH_SHARE if this_month else PAST_MONTH_SHARE
        used = self.hours[self._month(mentor, start)]
        return used + (end - start).total_seconds() / 3600 <= float(mentor.monthly_hours) * share

    def add(self, mentor: MentorProfile, start: dt.datetime, end: dt.datetime, pad) -> None:
        self.spans[mentor.pk].append((start - pad, end + pad))
        self.hours[self._month(mentor, start)] += (end - start).total_seconds() / 3600

    def slot(
        self,
        rng: random.Random,
        spec: MentorSpec,
        mentor: MentorProfile,
        days: list[dt.date],
        minutes: int,
        pad: dt.timedelta,
    ) -> dt.datetime | None:
        """A start inside the mentor's weekly windows on one of `days`, or None."""
        duration = dt.timedelta(minutes=minutes)
        windows = spec.weekly_windows
        days = list(days)
        rng.shuffle(days)
        for day in days:
            for weekday, start_time, end_time in windows:
                if weekday != day.weekday():
                    continue
                first = wall_clock(day, start_time)
                room = wall_clock(day, end_time) - duration - first
                if room < dt.timedelta():
                    continue
                steps = int(room / STEP)
                for index in rng.sample(range(steps + 1), steps + 1):
                    start = first + index * STEP
                    if self.fits(mentor, start, start + duration, pad):
                        return start
        return None
