"""The lists: my loans, as borrower and as mentor, and the mentor's inbox."""

import datetime as dt

import pytest
from django.urls import reverse

from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.models import Loan, LoanStatus
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import make_cast, make_loan, make_mentor, next_weekday
from lainaamo.mentors.tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def test_my_loans_lists_loans_as_borrower_and_as_mentor(english):
    cast = make_cast()
    mentor_loan = make_loan(borrower=cast.mentor.person, need="Help with TikTok for the youth")
    english.force_login(cast.mentor.person)

    response = english.get(reverse("mentors:my_loans"))

    page = response.content.decode()
    assert "Help with TikTok for the youth" in page
    assert "Instagram-tilin perustaminen" in page
    assert "Waiting for the mentor" in page
    assert mentor_loan.status == LoanStatus.REQUESTED


def test_my_loans_query_count_does_not_grow_with_loans(client):
    mentor = make_mentor(monthly_hours=100)
    borrower = PersonFactory()
    client.force_login(borrower)

    def add_loans(count: int, offset: int) -> None:
        for index in range(offset, offset + count):
            loan = make_loan(borrower=borrower, skills=[mentor.skills.first()])
            start = next_weekday(0, 8) + dt.timedelta(days=index // 8, hours=index % 8)
            book_session(loan=loan, mentor=mentor, start=start, actor=borrower)

    add_loans(3, 0)
    with_three = queries_for(client, reverse("mentors:my_loans"))
    add_loans(17, 3)
    with_twenty = queries_for(client, reverse("mentors:my_loans"))

    assert with_twenty == with_three


def test_my_loans_tells_the_borrower_a_completion_awaits_their_confirmation(english):
    loan = make_loan()
    Loan.objects.filter(pk=loan.pk).update(status=LoanStatus.COMPLETED, hours=1, outcome="Done")
    english.force_login(loan.borrower)

    page = english.get(reverse("mentors:my_loans")).content.decode()

    assert "Awaits your confirmation" in page


def test_inbox_shows_requests_awaiting_an_answer_and_coming_sessions(english):
    cast = make_cast()
    english.force_login(cast.mentor.person)

    response = english.get(reverse("mentors:inbox"))

    page = response.content.decode()
    assert "Waiting for your answer" in page
    assert "Bea Borrower" in page
    assert reverse("mentors:accept", args=[cast.loan.pk]) in page
    assert f'name="decline-{cast.loan.pk}-reason"' in page
    # A first answer is about the whole request, not a moved time.
    assert "Decline the new time" not in page
    assert "A session you had accepted was moved" not in page


def test_inbox_offers_to_complete_loans_whose_sessions_are_over(english, clock):
    cast = make_cast()
    accept_loan(loan=cast.loan, actor=cast.mentor.person)
    clock.set(cast.loan.sessions.get().booking.end + dt.timedelta(days=1))
    english.force_login(cast.mentor.person)

    response = english.get(reverse("mentors:inbox"))

    page = response.content.decode()
    assert reverse("mentors:complete", args=[cast.loan.pk]) in page
    assert "No sessions coming." in page
    # Titled by its skills, as the requests waiting for an answer are, with the need in full.
    loan_link = reverse("mentors:loan_detail", args=[cast.loan.pk])
    assert f'<h3><a href="{loan_link}">{cast.skill.name}</a></h3>' in page
    assert cast.loan.need in page


def test_inbox_query_count_does_not_grow_with_requests(client):
    mentor = make_mentor(monthly_hours=100)
    client.force_login(mentor.person)

    def add_requests(count: int, offset: int) -> None:
        for index in range(offset, offset + count):
            loan = make_loan(skills=[mentor.skills.first()])
            start = next_weekday(0, 8) + dt.timedelta(days=index // 8, hours=index % 8)
            book_session(loan=loan, mentor=mentor, start=start, actor=loan.borrower)

    add_requests(3, 0)
    with_three = queries_for(client, reverse("mentors:inbox"))
    add_requests(17, 3)
    with_twenty = queries_for(client, reverse("mentors:inbox"))

    assert with_twenty == with_three
