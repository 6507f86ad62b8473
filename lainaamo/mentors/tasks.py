"""Background work of the mentors app."""

from django_tasks import task

from lainaamo.core.mail import send_messages
from lainaamo.directory.models import Person

from .models import Decline, Loan, LoanEventKind, LoanSession
from .notifications import messages_for


@task()
def send_loan_mail(event: str, loan_id: int, session_ids: list[int]) -> int:
    """Send the mail of one event of a loan to everybody it concerns."""
    loan = Loan.objects.select_related("borrower", "mentor__person", "municipality").get(
        pk=loan_id
    )
    sessions = list(
        LoanSession.objects.filter(pk__in=session_ids)
        .select_related("booking", "loan")
        .order_by("booking__start")
    )
    for session in sessions:
        session.loan = loan
    declined_mentor: Person | None = None
    reason = ""
    if event == "declined":
        last = Decline.objects.filter(loan=loan).select_related("mentor__person").last()
        declined_mentor = last.mentor.person if last else None
    elif event == "time_declined":
        answer = loan.events.filter(kind=LoanEventKind.TIME_DECLINED).order_by("at", "pk").last()
        reason = answer.reason if answer else ""
    return send_messages(
        messages_for(event, loan, sessions, declined_mentor=declined_mentor, reason=reason)
    )
