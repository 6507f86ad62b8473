"""iCalendar files that Outlook and Teams accept (RFC 5545, iTIP RFC 5546, iMIP RFC 6047)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from .timeutil import HELSINKI

PRODID = "-//Lainaamo//Lainaamo//FI"

# The EU rule in force since 1996, written as rules rather than a list of dates so that the
# definition holds for every year Outlook may be asked about.
HELSINKI_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Helsinki
BEGIN:STANDARD
DTSTART:19701025T040000
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
TZNAME:EET
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
TZNAME:EEST
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
"""


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    language: str = "fi"
    # What the organizer knows of the attendee's answer: NEEDS-ACTION until they have said yes.
    partstat: str = "NEEDS-ACTION"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    tentative: bool = False
    attendees: tuple[Attendee, ...] = field(default_factory=tuple)
    stamp: dt.datetime | None = None


def organizer_address() -> tuple[str, str]:
    """The organizer is Lainaamo's own mailbox, so no attendee sees the meeting as their own."""
    from email.utils import parseaddr

    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name or "Lainaamo", address


def _event(entry: CalendarEntry, *, method: str) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", entry.stamp or timezone.now())
    event.add("dtstart", entry.start.astimezone(HELSINKI))
    event.add("dtend", entry.end.astimezone(HELSINKI))
    event.add("summary", entry.summary)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    cancelled = entry.cancelled or method == "CANCEL"
    event.add(
        "status", "CANCELLED" if cancelled else "TENTATIVE" if entry.tentative else "CONFIRMED"
    )
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if method in {"REQUEST", "CANCEL"}:
        name, address = organizer_address()
        organizer = vCalAddress(f"mailto:{address}")
        organizer.params["cn"] = vText(name)
        event.add("organizer", organizer)
        for attendee in entry.attendees:
            address = vCalAddress(f"mailto:{attendee.email}")
            address.params["cn"] = vText(attendee.name)
            address.params["role"] = vText("REQ-PARTICIPANT")
            address.params["partstat"] = vText(attendee.partstat)
            address.params["rsvp"] = vText("TRUE")
            address.params["language"] = vText(attendee.language)
            event.add("attendee", address, encode=0)
    return event


def build_calendar(entries: list[CalendarEntry], *, method: str, name: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per entry and the Europe/Helsinki VTIMEZONE.

    REQUEST and CANCEL are invitations to one booking (one UID); PUBLISH is for feeds and
    downloads, which Outlook adds without Accept/Decline buttons.
    """
    if method not in {"REQUEST", "CANCEL", "PUBLISH"}:
        raise ValueError(method)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Helsinki")
    calendar.add_component(Timezone.from_ical(HELSINKI_VTIMEZONE.replace("\n", "\r\n")))
    for entry in entries:
        calendar.add_component(_event(entry, method=method))
    return calendar.to_ical()
