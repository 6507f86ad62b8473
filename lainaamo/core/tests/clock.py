"""A clock that tests set by hand, so that dates such as 2027 stay in the future for ever."""

import datetime as dt

from django.utils import timezone


class FrozenClock:
    """Stands in for `django.utils.timezone.now`, which `timeutil.now()` and auto_now read."""

    def __init__(self, monkeypatch, moment: dt.datetime) -> None:
        self.moment = moment
        monkeypatch.setattr(timezone, "now", self)

    def __call__(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment

    def advance(self, delta: dt.timedelta) -> None:
        self.moment += delta
