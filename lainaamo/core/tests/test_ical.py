import datetime as dt

import pytest
from icalendar import Calendar

from lainaamo.core.ical import Attendee, CalendarEntry, build_calendar
from lainaamo.core.timeutil import HELSINKI

START = dt.datetime(2027, 3, 30, 6, tzinfo=dt.UTC)  # 09:00 in Helsinki, summer time
STAMP = dt.datetime(2027, 1, 4, 5, tzinfo=dt.UTC)
LONG = "Ääkköset ja pitkä kuvaus – " * 12


def entry(**changes) -> CalendarEntry:
    fields = {
        "uid": "1b2c@lainaamo",
        "sequence": 3,
        "start": START,
        "end": START + dt.timedelta(hours=1),
        "summary": "Mentorointi: Instagram",
        "description": LONG,
        "location": "Kirjastonkatu 13, Vaasa",
        "url": "https://lainaamo.example/loans/1/",
        "attendees": (
            Attendee("mentor@example.fi", "Åsa Mentor", "sv"),
            Attendee("borrower@example.fi", "O'Brien, Aino", "fi"),
        ),
        "stamp": STAMP,
    }
    fields.update(changes)
    return CalendarEntry(**fields)


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, calendar.walk("VEVENT")


def test_lines_end_in_crlf_and_are_folded_at_75_octets():
    data = build_calendar([entry()], method="REQUEST")

    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    assert str(parse(data)[1][0]["DESCRIPTION"]) == LONG


def test_vtimezone_describes_helsinki_with_the_eu_rules():
    calendar, _events = parse(build_calendar([entry()], method="REQUEST"))

    (timezone,) = calendar.walk("VTIMEZONE")
    standard, daylight = timezone.walk("STANDARD")[0], timezone.walk("DAYLIGHT")[0]
    assert str(timezone["TZID"]) == "Europe/Helsinki"
    assert standard["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert daylight["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert standard["TZOFFSETTO"].td == dt.timedelta(hours=2)
    assert daylight["TZOFFSETTO"].td == dt.timedelta(hours=3)


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2027, 3, 28, 0, 59, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 28, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2027, 10, 31, 0, 59, tzinfo=dt.UTC),
        dt.datetime(2027, 10, 31, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2041, 7, 1, 12, tzinfo=dt.UTC),
        dt.datetime(2041, 12, 1, 12, tzinfo=dt.UTC),
    ],
)
def test_vtimezone_agrees_with_the_tz_database(moment):
    calendar, _events = parse(build_calendar([entry()], method="REQUEST"))

    described = calendar.walk("VTIMEZONE")[0].to_tz()

    assert moment.astimezone(described).utcoffset() == moment.astimezone(HELSINKI).utcoffset()


def test_request_is_an_invitation_outlook_accepts():
    calendar, (event,) = parse(build_calendar([entry()], method="REQUEST"))

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(event["UID"]) == "1b2c@lainaamo"
    assert event["SEQUENCE"] == 3
    assert event.decoded("DTSTAMP") == STAMP
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event["DTEND"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2027, 3, 30, 9)
    assert str(event["SUMMARY"]) == "Mentorointi: Instagram"
    assert str(event["LOCATION"]) == "Kirjastonkatu 13, Vaasa"
    assert str(event["ORGANIZER"]) == "mailto:lainaamo@localhost"
    assert event["STATUS"] == "CONFIRMED"
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == [
        "mailto:mentor@example.fi",
        "mailto:borrower@example.fi",
    ]
    assert [a.params["RSVP"] for a in attendees] == ["TRUE", "TRUE"]
    assert [a.params["CN"] for a in attendees] == ["Åsa Mentor", "O'Brien, Aino"]


def test_dtstart_is_written_in_helsinki_wall_clock_time():
    data = build_calendar([entry()], method="REQUEST")

    assert b"DTSTART;TZID=Europe/Helsinki:20270330T090000\r\n" in data
    assert b"DTEND;TZID=Europe/Helsinki:20270330T100000\r\n" in data


def test_cancel_marks_the_event_cancelled():
    calendar, (event,) = parse(build_calendar([entry(sequence=4)], method="CANCEL"))

    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["TRANSP"] == "TRANSPARENT"
    assert event["SEQUENCE"] == 4
    assert "ORGANIZER" in event


def test_tentative_entry_is_tentative():
    _calendar, (event,) = parse(build_calendar([entry(tentative=True)], method="REQUEST"))

    assert event["STATUS"] == "TENTATIVE"


def test_publish_feed_has_no_organizer_or_attendees_and_a_name():
    data = build_calendar([entry(), entry(uid="other@lainaamo")], method="PUBLISH", name="Aino")

    calendar, events = parse(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Aino"
    assert [str(event["UID"]) for event in events] == ["1b2c@lainaamo", "other@lainaamo"]
    assert all("ORGANIZER" not in event and "ATTENDEE" not in event for event in events)


def test_unknown_method_is_refused():
    with pytest.raises(ValueError):
        build_calendar([entry()], method="ADD")
