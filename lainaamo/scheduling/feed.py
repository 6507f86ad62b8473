"""A person's calendar feed: the bookings they take part in, as a calendar to subscribe to.

Scheduling lists the bookings; the apps that own them say which are the person's and what each
is, as their contribution "calendar_feed", a `FeedSource` (see lainaamo.core.contributions).
The profile page shows the feed's secret address, and makes a new one.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lainaamo.core.contributions import contributions
from lainaamo.core.ical import CalendarEntry, build_calendar
from lainaamo.core.timeutil import now
from lainaamo.directory.models import Person, new_calendar_token
from lainaamo.directory.profile import ProfilePart

from .models import Booking

# Past bookings stay in the feed this long, so that a calendar still shows the recent ones.
FEED_DAYS_BACK = 90


@dataclass(frozen=True)
class FeedSource:
    """What an app adds to calendar feeds.

    `bookings(person)` filters Booking down to the app's bookings the person takes part in;
    `entries(bookings, language=...)` gives their calendar entries, texts in that language.
    """

    bookings: Callable[[Person], Q]
    entries: Callable[..., list[CalendarEntry]]


def feed_for(person: Person) -> bytes:
    """The person's bookings of the last FEED_DAYS_BACK days and ahead, in their language."""
    since = now() - dt.timedelta(days=FEED_DAYS_BACK)
    entries: list[CalendarEntry] = []
    with translation.override(person.language):
        for source in contributions("calendar_feed"):
            bookings = list(
                Booking.objects.filter(source.bookings(person), end__gte=since).order_by(
                    "start", "pk"
                )
            )
            if bookings:
                entries.extend(source.entries(bookings, language=person.language))
        name = _("Lainaamo: %(name)s") % {"name": person.name}
    return build_calendar(entries, method="PUBLISH", name=name)


class CalendarPart(ProfilePart):
    """The profile's part on the feed: its address, and a new one when the old has leaked."""

    template_name = "scheduling/_profile_calendar.html"
    sections = ("calendar",)
    success_message = gettext_lazy(
        "Your calendar feed has a new address. The old one no longer works."
    )

    @property
    def feed_url(self) -> str:
        return settings.SITE_URL + reverse(
            "scheduling:calendar_feed", args=[self.person.calendar_token]
        )

    def save(self) -> bool:
        self.person.calendar_token = new_calendar_token()
        self.person.save(update_fields=["calendar_token"])
        return True


def calendar_part(request, person: Person, posted: str) -> list[ProfilePart]:
    return [CalendarPart(request, person, posted)]
