"""Mail of a loan: each recipient in their language, with an invitation Outlook accepts.

Every invitation is parsed back with the icalendar library. The fi and sv catalogues are
translated later, so subjects are compared in English and the language of a message is
checked through its Content-Language header and the translated skill names it carries.
"""

import datetime as dt
from email.message import Message

import pytest
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.models import LoanSession
from lainaamo.mentors.services import (
    accept_loan,
    book_session,
    cancel_loan,
    complete_loan,
    decline_loan,
    reschedule_session,
)
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor
from lainaamo.scheduling.feed import feed_for

HOUR = dt.timedelta(hours=1)
MONDAY = dt.date(2027, 1, 4)
VIDEO = "https://meet.example.fi/lainaamo-42"


def at(day_offset: int, hour: int) -> dt.datetime:
    day = MONDAY + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


TUESDAY_10, WEDNESDAY_10, THURSDAY_10 = at(1, 10), at(2, 10), at(3, 10)


pytestmark = [pytest.mark.django_db, pytest.mark.clock(at(0, 7), tick=False)]


@pytest.fixture
def skill():
    return SkillFactory(
        slug="instagram-mail",
        name_fi="Instagram FI",
        name_en="Instagram EN",
        name_sv="Instagram SV",
    )


@pytest.fixture
def mentor(skill):
    return make_mentor(skills={skill: 3}, name="Mentor Maria", language="en")


@pytest.fixture
def borrower():
    return PersonFactory(name="O'Brien & Co", language="fi")


@pytest.fixture
def loan(skill, borrower):
    return make_loan(borrower=borrower, skills=[skill], video_link=VIDEO)


@pytest.fixture
def send(django_capture_on_commit_callbacks, mailoutbox):
    """Run a service and return the mail it sent once its transaction committed."""

    def run(service, **kwargs):
        already = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = service(**kwargs)
        return result, mailoutbox[already:]

    return run


def to(messages, person):
    found = [message for message in messages if message.to == [f"{person.name} <{person.email}>"]]
    assert len(found) == 1, [message.to for message in messages]
    return found[0]


def calendar_part(message) -> Message:
    parts = [
        part for part in message.message().walk() if part.get_content_type() == "text/calendar"
    ]
    assert len(parts) == 1
    return parts[0]


def invitation(message):
    """The one VEVENT of the message's invitation, and its VCALENDAR."""
    calendar = Calendar.from_ical(calendar_part(message).get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def assert_invitation(message, *, method, session, people, location=VIDEO):
    part = calendar_part(message)
    assert part.get_param("method") == method
    assert part.get_content_charset() == "utf-8"
    calendar, event = invitation(message)
    booking = session.booking
    booking.refresh_from_db()
    assert calendar["METHOD"] == method
    assert str(calendar.walk("VTIMEZONE")[0]["TZID"]) == "Europe/Helsinki"
    assert str(event["UID"]) == f"{booking.uid}@lainaamo"
    assert event["SEQUENCE"] == booking.sequence
    assert "DTSTAMP" in event
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event["DTEND"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("DTSTART") == booking.start
    assert event.decoded("DTEND") == booking.end
    assert str(event["LOCATION"]) == location
    assert str(event["ORGANIZER"]).startswith("mailto:")
    attendees = {str(attendee): attendee.params for attendee in event["ATTENDEE"]}
    assert set(attendees) == {f"mailto:{person.email}" for person in people}
    assert {params["RSVP"] for params in attendees.values()} == {"TRUE"}
    return event


def assert_language(message, person, skill):
    assert message.extra_headers["Content-Language"] == person.language
    _calendar, event = invitation(message)
    skill_name = getattr(skill, f"name_{person.language}")
    assert skill_name in str(event["SUMMARY"])


# --- booking and acceptance -------------------------------------------------------------


def test_booking_invites_mentor_and_borrower_each_in_their_language(
    send, loan, mentor, borrower, skill
):
    session, messages = send(
        book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower
    )

    assert len(messages) == 2
    for person in (mentor.person, borrower):
        message = to(messages, person)
        event = assert_invitation(
            message, method="REQUEST", session=session, people=[mentor.person, borrower]
        )
        assert event["SEQUENCE"] == 0
        assert event["STATUS"] == "TENTATIVE"
        assert_language(message, person, skill)
    subject = to(messages, mentor.person).subject
    assert subject == "O'Brien & Co would like to borrow you as a mentor"
    assert "Instagram EN" in to(messages, mentor.person).body
    assert "Instagram FI" in to(messages, borrower).body


def test_mail_shows_names_as_written_not_html_escaped(send, loan, mentor, borrower):
    _session, messages = send(
        book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower
    )

    body = to(messages, mentor.person).body
    assert "O'Brien & Co has booked a session with you" in body
    assert "&amp;" not in body


def test_nothing_is_sent_before_the_commit(
    loan, mentor, borrower, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book_session(loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)

    assert mailoutbox == []
    assert len(callbacks) == 1


def test_acceptance_confirms_the_invitation_with_a_higher_sequence(
    send, loan, mentor, borrower, skill
):
    borrower.language = "en"
    borrower.save()
    session, booked = send(
        book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower
    )

    _loan, messages = send(accept_loan, loan=loan, actor=mentor.person)

    assert len(messages) == 2
    for person in (mentor.person, borrower):
        message = to(messages, person)
        event = assert_invitation(
            message, method="REQUEST", session=session, people=[mentor.person, borrower]
        )
        assert event["SEQUENCE"] == 1
        assert event["STATUS"] == "CONFIRMED"
        assert event["UID"] == invitation(to(booked, person))[1]["UID"]
        assert_language(message, person, skill)
    assert to(messages, borrower).subject == "Mentor Maria accepted your request"
    assert to(messages, mentor.person).subject == "You accepted a mentor loan"


def test_another_session_on_an_accepted_loan_is_a_new_confirmed_invitation(
    send, loan, mentor, borrower
):
    first, _ = send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    send(accept_loan, loan=loan, actor=mentor.person)

    second, messages = send(
        book_session, loan=loan, mentor=mentor, start=WEDNESDAY_10, actor=borrower
    )

    message = to(messages, mentor.person)
    event = assert_invitation(
        message, method="REQUEST", session=second, people=[mentor.person, borrower]
    )
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["UID"]) != f"{first.booking.uid}@lainaamo"
    assert message.subject == "A new session was added to your loan"


def test_accepting_several_sessions_sends_one_invitation_per_session(send, loan, mentor, borrower):
    first, _ = send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    second, _ = send(book_session, loan=loan, mentor=mentor, start=WEDNESDAY_10, actor=borrower)

    _loan, messages = send(accept_loan, loan=loan, actor=mentor.person)

    uids = sorted(str(invitation(message)[1]["UID"]) for message in messages)
    expected = sorted(f"{session.booking.uid}@lainaamo" for session in (first, second)) * 2
    assert uids == sorted(expected)


# --- changes ----------------------------------------------------------------------------


def test_reschedule_sends_the_same_uid_with_a_higher_sequence(send, loan, mentor, borrower):
    session, booked = send(
        book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower
    )
    send(accept_loan, loan=loan, actor=mentor.person)

    _session, messages = send(
        reschedule_session, session=session, start=THURSDAY_10, actor=borrower
    )

    assert len(messages) == 2
    for person in (mentor.person, borrower):
        message = to(messages, person)
        event = assert_invitation(
            message, method="REQUEST", session=session, people=[mentor.person, borrower]
        )
        assert event["UID"] == invitation(to(booked, person))[1]["UID"]
        assert event["SEQUENCE"] == 2
        assert event.decoded("DTSTART") == THURSDAY_10
    assert to(messages, mentor.person).subject == "A mentor session was moved"
    # The borrower chose the new time: the mentor is asked again, the session is tentative.
    for person, text in (
        (mentor.person, "Please accept or decline the new time in Lainaamo."),
        (borrower, "The mentor will confirm the new time."),
    ):
        with translation.override(person.language):
            assert gettext(text) in to(messages, person).body
    _calendar, event = invitation(to(messages, mentor.person))
    assert str(event["STATUS"]) == "TENTATIVE"
    partstat = {
        str(attendee).removeprefix("mailto:"): attendee.params["PARTSTAT"]
        for attendee in event["ATTENDEE"]
    }
    assert partstat == {mentor.person.email: "NEEDS-ACTION", borrower.email: "ACCEPTED"}


def test_a_mentor_who_moves_a_session_keeps_it_confirmed(send, loan, mentor, borrower):
    session, _booked = send(
        book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower
    )
    send(accept_loan, loan=loan, actor=mentor.person)

    _session, messages = send(
        reschedule_session, session=session, start=THURSDAY_10, actor=mentor.person
    )

    assert "Please accept" not in to(messages, mentor.person).body
    _calendar, event = invitation(to(messages, borrower))
    assert str(event["STATUS"]) == "CONFIRMED"


def test_decline_cancels_the_invitation_for_borrower_and_declining_mentor(
    send, loan, mentor, borrower, skill
):
    session, _ = send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)

    _loan, messages = send(decline_loan, loan=loan, actor=mentor.person, reason="On holiday")

    assert len(messages) == 2
    for person in (mentor.person, borrower):
        message = to(messages, person)
        event = assert_invitation(
            message, method="CANCEL", session=session, people=[mentor.person, borrower]
        )
        assert event["STATUS"] == "CANCELLED"
        assert event["SEQUENCE"] == 1
        assert_language(message, person, skill)
    assert to(messages, mentor.person).subject == "You declined a mentor request"
    assert "On holiday" in to(messages, borrower).body


def test_a_declined_new_time_cancels_that_session_for_both_and_keeps_the_loan(
    send, loan, mentor, borrower, skill
):
    session, _ = send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    send(accept_loan, loan=loan, actor=mentor.person)
    send(reschedule_session, session=session, start=WEDNESDAY_10, actor=borrower)

    _loan, messages = send(decline_loan, loan=loan, actor=mentor.person, reason="Away then")

    assert len(messages) == 2
    for person in (mentor.person, borrower):
        message = to(messages, person)
        event = assert_invitation(
            message, method="CANCEL", session=session, people=[mentor.person, borrower]
        )
        assert event["STATUS"] == "CANCELLED"
        assert event.decoded("DTSTART") == WEDNESDAY_10
        assert_language(message, person, skill)
    assert to(messages, mentor.person).subject == "You declined the new time of a session"
    assert "Away then" in to(messages, borrower).body
    with translation.override(borrower.language):
        kept = gettext(
            "The session has been removed from your calendar; the loan's other sessions stay "
            "as they were. Book another time with the same mentor in Lainaamo."
        )
    assert kept in to(messages, borrower).body


def test_cancellation_cancels_the_invitation_with_a_higher_sequence(
    send, loan, mentor, borrower, skill
):
    session, _ = send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    send(accept_loan, loan=loan, actor=mentor.person)

    _loan, messages = send(cancel_loan, loan=loan, actor=borrower, reason="Budget cut")

    assert len(messages) == 2
    for person in (mentor.person, borrower):
        message = to(messages, person)
        event = assert_invitation(
            message, method="CANCEL", session=session, people=[mentor.person, borrower]
        )
        assert event["STATUS"] == "CANCELLED"
        assert event["SEQUENCE"] == 2
        assert_language(message, person, skill)
        assert "Budget cut" in message.body
    assert to(messages, mentor.person).subject == "A mentor loan was cancelled"


def test_cancelling_a_request_without_sessions_tells_the_borrower_without_invitation(
    send, loan, borrower
):
    _loan, messages = send(cancel_loan, loan=loan, actor=borrower, reason="Not needed")

    (message,) = messages
    assert message.to == [f"{borrower.name} <{borrower.email}>"]
    assert message.alternatives == []


def test_on_site_invitation_gives_the_place_as_location(send, skill, borrower):
    loan = make_loan(borrower=borrower, skills=[skill], mode="on_site", place="Vöyrinkatu 3")
    mentor = make_mentor(skills={skill: 2}, municipalities=[loan.municipality])

    session, messages = send(
        book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower
    )

    assert_invitation(
        to(messages, borrower),
        method="REQUEST",
        session=session,
        people=[mentor.person, borrower],
        location="Vöyrinkatu 3",
    )


def test_completion_asks_the_borrower_to_confirm_without_invitation(
    send, loan, mentor, borrower, clock
):
    send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    send(accept_loan, loan=loan, actor=mentor.person)
    clock.set(WEDNESDAY_10)

    _loan, messages = send(
        complete_loan, loan=loan, actor=mentor.person, hours="1,5", outcome="Tili perustettu"
    )

    (message,) = messages
    assert message.to == [f"{borrower.name} <{borrower.email}>"]
    assert message.extra_headers["Content-Language"] == "fi"
    assert message.alternatives == []
    assert "Tili perustettu" in message.body


# --- the personal feed ------------------------------------------------------------------


def test_feed_publishes_the_persons_own_sessions_only(send, skill, loan, mentor, borrower):
    mine, _ = send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    other_loan = make_loan(skills=[skill])
    theirs, _ = send(
        book_session, loan=other_loan, mentor=mentor, start=WEDNESDAY_10, actor=other_loan.borrower
    )

    borrower_feed = Calendar.from_ical(feed_for(borrower))
    mentor_feed = Calendar.from_ical(feed_for(mentor.person))

    assert borrower_feed["METHOD"] == "PUBLISH"
    borrower_uids = [str(event["UID"]) for event in borrower_feed.walk("VEVENT")]
    assert borrower_uids == [f"{mine.booking.uid}@lainaamo"]
    assert sorted(str(e["UID"]) for e in mentor_feed.walk("VEVENT")) == sorted(
        f"{session.booking.uid}@lainaamo" for session in (mine, theirs)
    )
    assert borrower_feed.walk("VTIMEZONE")
    assert all("ORGANIZER" not in event for event in borrower_feed.walk("VEVENT"))


def test_feed_is_in_the_persons_language(send, loan, mentor, borrower):
    send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)

    borrower_feed = Calendar.from_ical(feed_for(borrower))
    mentor_feed = Calendar.from_ical(feed_for(mentor.person))

    assert "Instagram FI" in str(borrower_feed.walk("VEVENT")[0]["SUMMARY"])
    assert "Instagram EN" in str(mentor_feed.walk("VEVENT")[0]["SUMMARY"])
    assert str(mentor_feed["X-WR-CALNAME"]) == "Lainaamo: Mentor Maria"


def test_feed_leaves_out_sessions_long_past(send, loan, mentor, borrower, clock):
    send(book_session, loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)
    clock.set(TUESDAY_10 + dt.timedelta(days=91))

    feed = Calendar.from_ical(feed_for(borrower))

    assert feed.walk("VEVENT") == []
    assert LoanSession.objects.filter(loan=loan).exists()


# --- the queue of production: tasks in the database -----------------------------------------


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker connects anew
def test_a_booking_queues_its_mail_in_its_transaction_and_the_worker_sends_it(
    database_queue, loan, mentor, borrower, mailoutbox
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    session = book_session(loan=loan, mentor=mentor, start=TUESDAY_10, actor=borrower)

    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "lainaamo.mentors.tasks.send_loan_mail"
    assert task.args_kwargs == {"args": ["booked", loan.pk, [session.pk]], "kwargs": {}}
    assert task.status == "READY"
    assert mailoutbox == []  # queued, not sent: the worker sends it

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert_invitation(
        to(mailoutbox, mentor.person),
        method="REQUEST",
        session=session,
        people=[mentor.person, borrower],
    )
    to(mailoutbox, borrower)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_a_booking_that_loses_its_slot_queues_no_mail(database_queue, loan, mentor, skill):
    from django_tasks_db.models import DBTaskResult

    from lainaamo.scheduling.services import SlotTaken

    book_session(loan=loan, mentor=mentor, start=TUESDAY_10, actor=loan.borrower)
    other = make_loan(skills=[skill])
    with pytest.raises(SlotTaken):
        book_session(loan=other, mentor=mentor, start=TUESDAY_10, actor=other.borrower)

    assert [task.args_kwargs["args"][1] for task in DBTaskResult.objects.all()] == [loan.pk]
