"""The mail a loan sends, each in its recipient's language, with invitations Outlook accepts."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lainaamo.core.ical import Attendee, CalendarEntry, build_calendar
from lainaamo.core.mail import InvitationMessage, Recipient, render_message
from lainaamo.directory.models import Person
from lainaamo.scheduling.models import BookingStatus

from .models import Loan, LoanSession

# event -> (who is written to, iTIP method of the attached invitations or "")
EVENTS = {
    "booked": (("mentor", "borrower"), "REQUEST"),
    "session_added": (("mentor", "borrower"), "REQUEST"),
    "accepted": (("mentor", "borrower"), "REQUEST"),
    "rescheduled": (("mentor", "borrower"), "REQUEST"),
    "declined": (("borrower", "declined_mentor"), "CANCEL"),
    "time_declined": (("borrower", "mentor"), "CANCEL"),
    "cancelled": (("mentor", "borrower"), "CANCEL"),
    "completed": (("borrower",), ""),
}


def recipient_for(person: Person) -> Recipient:
    return Recipient(email=person.email, name=person.name, language=person.language)


def session_uid(session: LoanSession) -> str:
    return f"{session.booking.uid}@lainaamo"


def skill_names(loan: Loan) -> str:
    return ", ".join(skill.name or skill.slug for skill in loan.skills.all())


def session_entry(
    session: LoanSession,
    *,
    language: str,
    cancelled: bool = False,
    mentor_person: Person | None = None,
) -> CalendarEntry:
    """The calendar entry of a session, its texts in `language`."""
    loan = session.loan
    booking = session.booking
    if mentor_person is None and loan.mentor_id:
        mentor_person = loan.mentor.person
    with translation.override(language):
        summary = _("Mentor session: %(skills)s") % {"skills": skill_names(loan)}
        lines = [loan.need]
        if mentor_person:
            lines.append(_("Mentor: %(name)s") % {"name": mentor_person.name})
        lines.append(_("Borrower: %(name)s") % {"name": loan.borrower.name})
    url = settings.SITE_URL + reverse("mentors:loan_detail", args=[loan.pk])
    # The borrower booked the session; the mentor's yes is known once the booking is confirmed.
    answered = "ACCEPTED" if booking.status == BookingStatus.CONFIRMED else "NEEDS-ACTION"
    attendees = [
        Attendee(loan.borrower.email, loan.borrower.name, loan.borrower.language, "ACCEPTED")
    ]
    if mentor_person:
        attendees.insert(
            0, Attendee(mentor_person.email, mentor_person.name, mentor_person.language, answered)
        )
    return CalendarEntry(
        uid=session_uid(session),
        sequence=booking.sequence,
        start=booking.start,
        end=booking.end,
        summary=summary,
        description="\n".join(lines + [url]),
        location=loan.place or loan.video_link,
        url=url,
        cancelled=cancelled or booking.status == BookingStatus.CANCELLED,
        tentative=booking.status == BookingStatus.TENTATIVE,
        attendees=tuple(attendees),
    )


def messages_for(
    event: str,
    loan: Loan,
    sessions: list[LoanSession],
    *,
    declined_mentor: Person | None = None,
    reason: str = "",
) -> list[InvitationMessage]:
    """Build the messages of one event of a loan."""
    audience, method = EVENTS[event]
    people = {
        "mentor": loan.mentor.person if loan.mentor_id else None,
        "borrower": loan.borrower,
        "declined_mentor": declined_mentor,
    }
    messages = []
    for role in audience:
        person = people[role]
        if person is None:
            continue
        recipient = recipient_for(person)
        role_name = "mentor" if role == "declined_mentor" else role
        template = f"mentors/mail/{event}_{role_name}"
        with translation.override(recipient.language):
            skills = skill_names(loan)
        context = {
            "loan": loan,
            "sessions": sessions,
            "event": event,
            "role": role_name,
            "skills": skills,
            "reason": reason,
        }
        if method and sessions:
            for session in sessions:
                with translation.override(recipient.language):
                    entry = session_entry(
                        session,
                        language=recipient.language,
                        cancelled=method == "CANCEL",
                        mentor_person=people["mentor"] or declined_mentor,
                    )
                calendar = build_calendar([entry], method=method)
                messages.append(
                    render_message(
                        recipient=recipient,
                        template=template,
                        context={**context, "session": session},
                        calendar=calendar,
                        method=method,
                    )
                )
        else:
            messages.append(
                render_message(recipient=recipient, template=template, context=context)
            )
    return messages
