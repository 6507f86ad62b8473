"""Loans of a mentor through the API, from request to completion.

Every step goes through `services`, which check who may take it (403 when the loan is visible to
the person but the step is not theirs); a loan the person may not see is 404.
"""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Status

from lainaamo.core.bounds import Id
from lainaamo.core.errors import DomainError, NotFound, PermissionDenied
from lainaamo.core.ical import build_calendar
from lainaamo.directory.api import active_language, errors, person_of
from lainaamo.directory.models import Person
from lainaamo.directory.permissions import coordinated_municipality_ids

from .. import permissions, services
from ..matching import find_matches
from ..models import Loan, LoanSession, LoanStatus, MentorProfile, Skill
from ..notifications import session_entry
from .catalogue import mentor_out, mentor_ref, skill_out
from .schemas import (
    CompleteIn,
    LoanFilters,
    LoanIn,
    LoanOut,
    MatchOut,
    MatchQuery,
    ReasonIn,
    RescheduleIn,
    SessionIn,
    SessionOut,
)


class UnknownSkill(DomainError):
    code = "unknown_skill"
    message = gettext_lazy("There is no skill with the identifier %(slug)s.")


class UnknownMentor(DomainError):
    code = "unknown_mentor"
    message = gettext_lazy("There is no mentor with the id %(id)s.")


def loan_queryset(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "borrower", "mentor__person", "requested_mentor__person", "municipality"
    ).prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("position", "slug")),
        "windows",
        Prefetch(
            "sessions",
            queryset=LoanSession.objects.select_related(
                "booking__resource__mentor__person"
            ).order_by("booking__start", "pk"),
        ),
    )


def get_loan(person: Person, loan_id: int, *, full: bool = True) -> Loan:
    """A loan the person may see, or 404: nobody learns that someone else's loan exists.

    `full` loads what the loan's JSON shows; without it, just the loan's row for a service call
    (its mentor loads when a rule asks for it). Read first and judged after: the borrower, the
    most frequent reader, costs no roles query.
    """
    if full:
        loan = loan_queryset(Loan.objects.all()).filter(pk=loan_id).first()
    else:
        loan = Loan.objects.filter(pk=loan_id).first()
    if loan is None or not permissions.can_see_loan(person, loan):
        raise NotFound()
    return loan


def booking_mentor(mentor_id: int) -> MentorProfile:
    """The mentor to book; the booking reads what its rules need again, under its locks."""
    mentor = MentorProfile.objects.filter(pk=mentor_id).first()
    if mentor is None:
        raise UnknownMentor(id=mentor_id)
    return mentor


def session_out(session: LoanSession) -> dict:
    booking = session.booking
    mentor = getattr(booking.resource, "mentor", None)
    return {
        "id": session.pk,
        "loan": session.loan_id,
        "mentor": mentor_ref(mentor),
        "start": booking.start,
        "end": booking.end,
        "status": booking.status,
        "sequence": booking.sequence,
    }


def loan_out(loan: Loan, language: str) -> dict:
    return {
        "id": loan.pk,
        "status": loan.status,
        "status_label": str(LoanStatus(loan.status).label),
        "borrower": {"id": loan.borrower_id, "name": loan.borrower.name},
        "mentor": mentor_ref(loan.mentor),
        "requested_mentor": mentor_ref(loan.requested_mentor),
        "municipality": {"id": loan.municipality_id, "name": loan.municipality.name},
        "skills": [skill_out(skill, language) for skill in loan.skills.all()],
        "need": loan.need,
        "language": loan.language,
        "mode": loan.mode,
        "place": loan.place,
        "video_link": loan.video_link,
        "duration_minutes": loan.duration_minutes,
        "group_size": loan.group_size,
        "windows": [{"start": w.start, "end": w.end} for w in loan.windows.all()],
        "sessions": [session_out(session) for session in loan.sessions.all()],
        "hours": float(loan.hours) if loan.hours is not None else None,
        "outcome": loan.outcome,
        "borrower_confirmed_at": loan.borrower_confirmed_at,
        "cancel_reason": loan.cancel_reason,
        "created_at": loan.created_at,
        "updated_at": loan.updated_at,
    }


def fresh_loan_out(loan_id: int) -> dict:
    """The loan as it now stands, after a step the person took.

    Read without the visibility filter: a mentor who has just declined is no longer in the
    loan, yet the answer to their own step is theirs to see.
    """
    return loan_out(loan_queryset(Loan.objects.all()).get(pk=loan_id), active_language())


router = Router(tags=["loans"])


@router.get(
    "/loans",
    response={200: list[LoanOut], **errors(400, 401)},
    summary="The loans you borrowed, lend in, or coordinate",
)
def list_loans(request: HttpRequest, filters: Query[LoanFilters]):
    """Newest first; a page of `limit` rows (fewer rows means the last page)."""
    person = person_of(request)
    queryset = permissions.visible_loans(person)
    role = filters.role
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if role == "borrower":
        queryset = queryset.filter(borrower=person)
    elif role == "mentor":
        queryset = queryset.filter(mentor__person=person)
    elif role == "coordinator":
        queryset = queryset.filter(municipality_id__in=coordinated_municipality_ids(person))
    language = active_language()
    rows = loan_queryset(queryset).order_by("-created_at", "-pk")[
        filters.offset : filters.offset + filters.limit
    ]
    return [loan_out(loan, language) for loan in rows]


@router.post(
    "/loans",
    response={201: LoanOut, **errors(400, 401)},
    summary="Ask for a mentor",
)
def create_loan(request: HttpRequest, payload: LoanIn):
    person = person_of(request)
    slugs = list(dict.fromkeys(payload.skills))
    skills = {skill.slug: skill for skill in Skill.objects.filter(slug__in=slugs)}
    for slug in slugs:
        if slug not in skills:
            raise UnknownSkill(slug=slug)
    mentor = None
    if payload.mentor is not None:
        # Those who have left are nobody's to ask for; a break is the service's rule.
        mentor = MentorProfile.objects.filter(pk=payload.mentor, person__is_active=True).first()
        if mentor is None:
            raise UnknownMentor(id=payload.mentor)
    loan = services.request_loan(
        borrower=person,
        skills=[skills[slug] for slug in slugs],
        need=payload.need,
        language=payload.language,
        mode=payload.mode,
        duration_minutes=payload.duration_minutes,
        windows=[(window.start, window.end) for window in payload.windows],
        place=payload.place,
        video_link=payload.video_link,
        group_size=payload.group_size,
        mentor=mentor,
    )
    return Status(201, fresh_loan_out(loan.pk))


@router.get(
    "/loans/{id}",
    response={200: LoanOut, **errors(400, 401, 404)},
    summary="One loan with its sessions",
)
def get_loan_detail(request: HttpRequest, id: Id):
    return loan_out(get_loan(person_of(request), id), active_language())


@router.get(
    "/loans/{id}/matches",
    response={200: list[MatchOut], **errors(400, 401, 403, 404)},
    summary="The best mentors for the loan, with reasons and free slots",
)
def loan_matches(request: HttpRequest, id: Id, filters: Query[MatchQuery]):
    """For the borrower and the loan's coordinators, who may book from them."""
    person = person_of(request)
    loan = get_loan(person, id, full=False)
    if not permissions.can_book_session(person, loan):
        raise PermissionDenied()
    language = active_language()
    return [
        {
            "mentor": mentor_out(match.mentor, language),
            "score": match.score,
            "reasons": match.reasons,
            "slots": [{"start": slot.start, "end": slot.end} for slot in match.slots],
        }
        for match in find_matches(loan, limit=filters.limit)
    ]


@router.post(
    "/loans/{id}/sessions",
    response={201: SessionOut, **errors(400, 401, 403, 404, 409)},
    summary="Book a session with a mentor",
)
def book_session(request: HttpRequest, id: Id, payload: SessionIn):
    """409 `slot_taken` when someone else has just booked the time."""
    person = person_of(request)
    loan = get_loan(person, id, full=False)
    mentor = booking_mentor(payload.mentor)
    session = services.book_session(loan=loan, mentor=mentor, start=payload.start, actor=person)
    session.booking.resource.mentor = mentor  # what session_out shows, without reading it back
    return Status(201, session_out(session))


@router.post(
    "/loans/{id}/sessions/{sid}/reschedule",
    response={200: SessionOut, **errors(400, 401, 403, 404, 409)},
    summary="Move a session to another start",
)
def reschedule_session(request: HttpRequest, id: Id, sid: Id, payload: RescheduleIn):
    person = person_of(request)
    loan = get_loan(person, id, full=False)
    session = LoanSession.objects.filter(loan=loan, pk=sid).first()
    if session is None:
        raise NotFound()
    services.reschedule_session(session=session, start=payload.start, actor=person)
    session = LoanSession.objects.select_related("booking__resource__mentor__person").get(
        pk=session.pk
    )
    return session_out(session)


LOAN_STEP_ERRORS = errors(400, 401, 403, 404, 409)


@router.post(
    "/loans/{id}/accept",
    response={200: LoanOut, **LOAN_STEP_ERRORS},
    summary="The mentor accepts the loan",
)
def accept_loan(request: HttpRequest, id: Id):
    person = person_of(request)
    loan = services.accept_loan(loan=get_loan(person, id, full=False), actor=person)
    return fresh_loan_out(loan.pk)


@router.post(
    "/loans/{id}/decline",
    response={200: LoanOut, **LOAN_STEP_ERRORS},
    summary="The mentor declines the loan, with a reason",
)
def decline_loan(request: HttpRequest, id: Id, payload: ReasonIn):
    person = person_of(request)
    loan = services.decline_loan(
        loan=get_loan(person, id, full=False), actor=person, reason=payload.reason
    )
    return fresh_loan_out(loan.pk)


@router.post(
    "/loans/{id}/complete",
    response={200: LoanOut, **LOAN_STEP_ERRORS},
    summary="The mentor logs the hours and the outcome after the last session",
)
def complete_loan(request: HttpRequest, id: Id, payload: CompleteIn):
    person = person_of(request)
    loan = services.complete_loan(
        loan=get_loan(person, id, full=False),
        actor=person,
        hours=payload.hours,
        outcome=payload.outcome,
    )
    return fresh_loan_out(loan.pk)


@router.post(
    "/loans/{id}/confirm",
    response={200: LoanOut, **LOAN_STEP_ERRORS},
    summary="The borrower confirms the completed loan",
)
def confirm_loan(request: HttpRequest, id: Id):
    person = person_of(request)
    loan = services.confirm_completion(loan=get_loan(person, id, full=False), actor=person)
    return fresh_loan_out(loan.pk)


@router.post(
    "/loans/{id}/cancel",
    response={200: LoanOut, **LOAN_STEP_ERRORS},
    summary="Either side calls the loan off, with a reason",
)
def cancel_loan(request: HttpRequest, id: Id, payload: ReasonIn):
    person = person_of(request)
    loan = services.cancel_loan(
        loan=get_loan(person, id, full=False), actor=person, reason=payload.reason
    )
    return fresh_loan_out(loan.pk)


@router.get(
    "/loans/{id}/invitation.ics",
    response=errors(400, 401, 404),
    summary="The loan's sessions as an iCalendar file",
    openapi_extra={
        "responses": {
            200: {
                "description": (
                    "METHOD:PUBLISH calendar with one VEVENT per session (cancelled ones "
                    "as STATUS:CANCELLED), texts in the language asked for."
                ),
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def loan_invitation(request: HttpRequest, id: Id):
    loan = get_loan(person_of(request), id)
    language = active_language()
    sessions = list(loan.sessions.all())
    with translation.override(language):
        entries = []
        for session in sessions:
            session.loan = loan
            # A declined session names the mentor who held it, not the loan's next mentor.
            mentor = getattr(session.booking.resource, "mentor", None)
            entries.append(
                session_entry(
                    session, language=language, mentor_person=mentor.person if mentor else None
                )
            )
        name = _("Lainaamo: loan %(id)s") % {"id": loan.pk}
    response = HttpResponse(
        build_calendar(entries, method="PUBLISH", name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="lainaamo-loan-{loan.pk}.ics"'
    return response
