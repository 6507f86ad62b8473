import icalendar
import pytest

from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.models import LoanStatus
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor

pytestmark = pytest.mark.django_db


def test_borrow_a_mentor_from_request_to_accepted_session(mailoutbox, django_capture_on_commit_callbacks):
    skill = SkillFactory(slug="instagram")
    mentor = make_mentor(skills={skill: 3}, language="sv")
    loan = make_loan(skills=[skill])

    matches = find_matches(loan)
    with django_capture_on_commit_callbacks(execute=True):
        session = book_session(loan=loan, mentor=matches[0].mentor, start=matches[0].slots[0].start,
                               actor=loan.borrower)
    with django_capture_on_commit_callbacks(execute=True):
        accept_loan(loan=loan, actor=mentor.person)

    loan.refresh_from_db()
    assert loan.status == LoanStatus.ACCEPTED
    assert [m.mentor for m in matches] == [mentor]
    assert len(mailoutbox) == 4
    last = mailoutbox[-1]
    calendar = icalendar.Calendar.from_ical(last.alternatives[0][0])
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "REQUEST"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == f"{session.booking.uid}@lainaamo"
