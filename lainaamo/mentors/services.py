"""Every write that matters for mentors and loans: the loan's life from request to completion.

A loan moves requested -> booked (a session is booked with a mentor) -> accepted (the mentor
said yes) -> completed (the mentor logged hours and outcome; the borrower then confirms).
A decline sends it back to requested; either side may cancel an unfinished loan with a reason.
Any other step raises InvalidTransition.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from lainaamo.core.bounds import MAX_AHEAD, MAX_SPAN
from lainaamo.core.errors import DomainError, InvalidTransition, PermissionDenied
from lainaamo.core.tasks import enqueue_with_transaction
from lainaamo.core.timeutil import local, month_bounds, now
from lainaamo.directory.models import Language, Person
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import (
    Booking,
    BookingStatus,
    Hours,
)

from . import permissions
from .matching_cache import mentors_changed
from .models import (
    Decline,
    Level,
    Loan,
    LoanEvent,
    LoanEventKind,
    LoanSession,
    LoanStatus,
    LoanWindow,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Mode,
    Skill,
    on_break,
)

# Time kept free around an on-site session for getting there and back.
TRAVEL_BUFFER = dt.timedelta(minutes=15)
MAX_WINDOWS = 20


class InvalidRequest(DomainError):
    code = "invalid_request"


class NoHomeUnit(DomainError):
    code = "no_home_unit"
    message = _(
        "Your account has no home unit yet. Choose the unit you work in on your profile page "
        "first: the hours you borrow are counted for it."
    )


class MentorUnavailable(DomainError):
    code = "mentor_unavailable"
    message = _("This mentor cannot take this request.")


class ReasonRequired(DomainError):
    code = "reason_required"
    message = _("Please give a reason.")
    field = "reason"


class SessionsAhead(DomainError):
    code = "sessions_ahead"
    message = _("Some sessions are still to come. Complete the loan after the last session.")


class NothingHappenedYet(DomainError):
    code = "no_session_held"
    message = _("No session has taken place yet.")


class InvalidHours(DomainError):
    code = "invalid_hours"
    message = _("Give the hours as a number from %(least)s to %(most)s.")
    field = "hours"


# The hours a completed loan took: a quarter of an hour at least.
LEAST_HOURS = Decimal("0.25")
MOST_HOURS = Decimal(100)


def buffers_for(loan: Loan) -> tuple[dt.timedelta, dt.timedelta]:
    if loan.mode == Mode.ON_SITE:
        return TRAVEL_BUFFER, TRAVEL_BUFFER
    return dt.timedelta(), dt.timedelta()


def booked_hours(mentor_resource_ids: Iterable[int], moment: dt.datetime) -> dict[int, float]:
    """Hours of active bookings per mentor resource in the Helsinki month holding `moment`."""
    month = month_bounds(moment)[0]
    return booked_hours_by_month(mentor_resource_ids, [month])[month]


def booked_hours_by_month(
    mentor_resource_ids: Iterable[int], months: Iterable[dt.datetime]
) -> dict[dt.datetime, dict[int, float]]:
    """Hours of active bookings per Helsinki month start and mentor resource, in one query."""
    edges = set()
    for month in months:
        edges.update(month_bounds(month))
    bounds = sorted(edges)
    hours = Booking.objects.active().hours_by_period(bounds, list(mentor_resource_ids))
    return {month: hours.get(month, {}) for month in {month_bounds(m)[0] for m in months}}


def why_ineligible(
    mentor: MentorProfile, loan: Loan, *, at: dt.datetime, count_hours: bool = True
) -> str | None:
    """The reason the mentor cannot take the loan at `at`, or None when they can."""
    today = local(now()).date()
    if on_break(mentor.paused, mentor.returns_on, today):
        return str(_("The mentor is on a break."))
    if mentor.person_id == loan.borrower_id:
        return str(_("You cannot borrow yourself."))
    if loan.mode not in mentor.modes:
        return str(_("The mentor does not work in this mode."))
    if not MentorLanguage.objects.filter(mentor=mentor, language=loan.language).exists():
        return str(_("The mentor does not work in the language of the request."))
    if (
        loan.mode == Mode.ON_SITE
        and not mentor.municipalities.filter(pk=loan.municipality_id).exists()
    ):
        return str(_("The mentor does not come on site to this municipality."))
    asked_for = Loan.skills.through.objects.filter(loan_id=loan.pk).values("skill_id")
    if not MentorSkill.objects.filter(mentor=mentor, skill_id__in=asked_for).exists():
        return str(_("The mentor has none of the skills asked for."))
    if Decline.objects.filter(loan_id=loan.pk, mentor=mentor).exists():
        return str(_("The mentor has already declined this request."))
    if count_hours and not has_hours_left(mentor, loan, at=at):
        return str(_("The mentor has no hours left to lend that month."))
    return None


def has_hours_left(mentor: MentorProfile, loan: Loan, *, at: dt.datetime) -> bool:
    """Would a session of the loan at `at` keep the mentor within that month's hours?

    Counted under the lock on the mentor's time when booking: on PostgreSQL this statement
    begins after the lock was granted, so it sees every booking committed before.
    """
    month_start, month_end = month_bounds(at)
    used = (
        Booking.objects.active()
        .filter(resource_id=mentor.resource_id, start__gte=month_start, start__lt=month_end)
        .aggregate(total=Sum(Hours(F("end"), F("start"))))["total"]
    )
    return float(used or 0) + loan.duration_minutes / 60 <= float(mentor.monthly_hours)


def _clean_windows(windows: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple]:
    if not windows:
        raise InvalidRequest(_("Give at least one time window."), field="windows")
    if len(windows) > MAX_WINDOWS:
        raise InvalidRequest(_("Give at most 20 time windows."), field="windows")
    current = now()
    for start, end in windows:
        if end <= start:
            raise InvalidRequest(_("Each time window must end after it starts."), field="windows")
        if end <= current:
            raise InvalidRequest(_("The time windows must be in the future."), field="windows")
        # Matching searches every window for every candidate: its work grows with both.
        if end - start > MAX_SPAN:
            raise InvalidRequest(
                _("A time window can be at most %(days)s days long."),
                days=MAX_SPAN.days,
                field="windows",
            )
        if end > current + MAX_AHEAD:
            raise InvalidRequest(
                _("The time windows can reach at most %(days)s days ahead."),
                days=MAX_AHEAD.days,
                field="windows",
            )
    return sorted(windows)


@dataclass(frozen=True)
class LoanDraft:
    """A request that keeps every rule, not saved: the loan, its skills and its windows."""

    loan: Loan
    skills: list[Skill]
    windows: list[tuple[dt.datetime, dt.datetime]]


def draft_loan(
    *,
    borrower: Person,
    skills: list[Skill],
    need: str,
    language: str,
    mode: str,
    duration_minutes: int,
    windows: list[tuple[dt.datetime, dt.datetime]],
    place: str = "",
    video_link: str = "",
    group_size: int = 1,
    mentor: MentorProfile | None = None,
) -> LoanDraft:
    """Check a staff member's request for a mentor against the rules, without saving it."""
    if borrower.home_unit_id is None:
        raise NoHomeUnit()
    need = need.strip()
    if not need:
        raise InvalidRequest(_("Describe what you need help with."), field="need")
    if not skills:
        raise InvalidRequest(_("Choose at least one skill."), field="skills")
    retired = [skill for skill in skills if skill.retired]
    if retired:
        raise InvalidRequest(
            _("The skill %(name)s is no longer offered.") % {"name": retired[0]}, field="skills"
        )
    if language not in Language.values:
        raise InvalidRequest(
            _("Choose the language: Finnish, Swedish or English."), field="language"
        )
    if mode not in Mode.values:
        raise InvalidRequest(_("Choose whether the help is on-site or remote."), field="mode")
    if mode == Mode.ON_SITE and not place.strip():
        raise InvalidRequest(_("Give the place for on-site help."), field="place")
    if not 15 <= duration_minutes <= 480:
        raise InvalidRequest(
            _("The duration must be between 15 minutes and 8 hours."), field="duration_minutes"
        )
    if not 1 <= group_size <= 500:
        raise InvalidRequest(_("The group size must be between 1 and 500."), field="group_size")
    # The windows last: while their shape is wrong, the request form asks for the other errors
    # by passing none.
    windows = _clean_windows(windows)
    unit = borrower.home_unit
    loan = Loan(
        borrower=borrower,
        borrower_unit=unit,
        borrower_sector=unit.sector,
        municipality_id=unit.municipality_id,
        need=need,
        language=language,
        mode=mode,
        place=place.strip() if mode == Mode.ON_SITE else "",
        video_link=video_link.strip(),
        duration_minutes=duration_minutes,
        group_size=group_size,
        requested_mentor=mentor,
    )
    return LoanDraft(loan=loan, skills=list(skills), windows=windows)


@transaction.atomic
def request_loan(
    *,
    borrower: Person,
    skills: list[Skill],
    need: str,
    language: str,
    mode: str,
    duration_minutes: int,
    windows: list[tuple[dt.datetime, dt.datetime]],
    place: str = "",
    video_link: str = "",
    group_size: int = 1,
    mentor: MentorProfile | None = None,
) -> Loan:
    """Record a staff member's request for a mentor."""
    draft = draft_loan(
        borrower=borrower,
        skills=skills,
        need=need,
        language=language,
        mode=mode,
        duration_minutes=duration_minutes,
        windows=windows,
        place=place,
        video_link=video_link,
        group_size=group_size,
        mentor=mentor,
    )
    loan = draft.loan
    loan.save()
    loan.skills.set(draft.skills)
    LoanWindow.objects.bulk_create(
        LoanWindow(loan=loan, start=start, end=end) for start, end in draft.windows
    )
    _record(loan, LoanEventKind.REQUESTED, borrower)
    return loan


def _record(loan: Loan, kind: str, actor: Person | None, **fields) -> LoanEvent:
    """Write one step of the loan into its history."""
    return LoanEvent.objects.create(loan=loan, kind=kind, actor=actor, **fields)


def _lock(loan: Loan) -> Loan:
    # Lock the loan row only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer
    # join that select_related makes for a loan without a mentor.
    return Loan.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=loan.pk)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied()


def _notify(event: str, loan: Loan, sessions: Iterable[LoanSession] = ()) -> None:
    """Queue the step's mails to both sides, to go if and only if the step commits."""
    from .tasks import send_loan_mail

    enqueue_with_transaction(send_loan_mail, event, loan.pk, [session.pk for session in sessions])


def _check_loan_takes_session(loan: Loan, mentor: MentorProfile, actor: Person) -> None:
    _require(permissions.can_book_session(actor, loan))
    if loan.status not in (LoanStatus.REQUESTED, LoanStatus.BOOKED, LoanStatus.ACCEPTED):
        raise InvalidTransition()
    if loan.mentor_id is not None and loan.mentor_id != mentor.pk:
        raise MentorUnavailable(
            _("This loan already has a mentor; book the next session with them.")
        )


@transaction.atomic
def book_session(
    *, loan: Loan, mentor: MentorProfile, start: dt.datetime, actor: Person
) -> LoanSession:
    """Book a session of the loan with the mentor, or raise SlotTaken if the time is gone.

    Every rule is read under the locks of the loan and of the mentor's time, which the
    services that change a mentor's offer (a break, skills, weekly hours, absences) take too:
    whatever they save before the booking takes its locks, the booking sees.
    """
    loan = _lock(loan)
    scheduling.lock_resources([mentor.resource_id])
    mentor = MentorProfile.objects.select_related("person__home_unit", "resource").get(
        pk=mentor.pk
    )
    _check_loan_takes_session(loan, mentor, actor)
    end = start.astimezone(dt.UTC) + loan.duration  # elapsed time, not wall-clock time
    reason = why_ineligible(mentor, loan, at=start)
    if reason:
        raise MentorUnavailable(reason)
    if start < now():
        raise scheduling.StartInPast()
    if not scheduling.is_available(resource=mentor.resource, start=start, end=end):
        raise scheduling.OutsideAvailability()
    before, after = buffers_for(loan)
    accepted = loan.status == LoanStatus.ACCEPTED
    booking = scheduling.book(
        resource=mentor.resource,
        start=start,
        end=end,
        buffer_before=before,
        buffer_after=after,
        status=BookingStatus.CONFIRMED if accepted else BookingStatus.TENTATIVE,
        owner=loan,
    )
    session = LoanSession.objects.create(loan=loan, booking=booking)
    kind = LoanEventKind.SESSION_ADDED if loan.mentor_id else LoanEventKind.BOOKED
    _record(loan, kind, actor, start=start)
    if loan.mentor_id is None:
        loan.mentor = mentor
        loan.mentor_unit_id = mentor.person.home_unit_id
        loan.mentor_sector = mentor.person.sector
        loan.status = LoanStatus.BOOKED
        loan.save(update_fields=["mentor", "mentor_unit", "mentor_sector", "status", "updated_at"])
    _notify("session_added" if accepted else "booked", loan, [session])
    return session


def _active_sessions(loan: Loan):
    return loan.sessions.select_related("booking").filter(
        booking__status__in=(BookingStatus.TENTATIVE, BookingStatus.CONFIRMED)
    )


@transaction.atomic
def accept_loan(*, loan: Loan, actor: Person) -> Loan:
    """The mentor says yes: the loan is accepted and its sessions confirmed."""
    loan = _lock(loan)
    _require(permissions.can_answer_loan(actor, loan))
    if loan.status != LoanStatus.BOOKED:
        raise InvalidTransition()
    sessions = list(_active_sessions(loan))
    for session in sessions:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CONFIRMED)
    loan.status = LoanStatus.ACCEPTED
    loan.answered_at = now()
    loan.save(update_fields=["status", "answered_at", "updated_at"])
    _record(loan, LoanEventKind.ACCEPTED, actor)
    _notify("accepted", loan, sessions)
    return loan


def accepted_before(person_id: int) -> Exists:
    """For a loan query: has the person accepted the loan before? Then their answer now is
    about a time moved since, and declining declines that time only; the loan stays theirs."""
    return Exists(
        LoanEvent.objects.filter(
            loan=OuterRef("pk"), kind=LoanEventKind.ACCEPTED, actor_id=person_id
        )
    )


def answers_new_time(loan: Loan, person: Person) -> bool:
    """Is the person's answer about a time moved after they accepted the loan?"""
    return Loan.objects.filter(accepted_before(person.pk), pk=loan.pk).exists()


@transaction.atomic
def decline_loan(*, loan: Loan, actor: Person, reason: str) -> Loan:
    """The mentor says no, with a reason; the request goes back to the borrower.

    A mentor who accepted the loan earlier and now answers a time someone else moved declines
    that time only: the moved sessions are cancelled, the loan stays theirs, accepted, with its
    other sessions, and the borrower may book another time with them.
    """
    loan = _lock(loan)
    _require(permissions.can_answer_loan(actor, loan))
    if loan.status != LoanStatus.BOOKED:
        raise InvalidTransition()
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    sessions = list(_active_sessions(loan))
    if answers_new_time(loan, actor):
        return _decline_new_time(loan, actor, reason, sessions)
    for session in sessions:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CANCELLED)
    Decline.objects.create(loan=loan, mentor=loan.mentor, reason=reason)
    _record(loan, LoanEventKind.DECLINED, actor, reason=reason)
    declined_by = loan.mentor
    loan.mentor = None
    loan.mentor_unit = None
    loan.mentor_sector = ""
    loan.status = LoanStatus.REQUESTED
    loan.answered_at = now()
    loan.save(
        update_fields=[
            "mentor",
            "mentor_unit",
            "mentor_sector",
            "status",
            "answered_at",
            "updated_at",
        ]
    )
    loan.declined_by = declined_by
    _notify("declined", loan, sessions)
    return loan


def _decline_new_time(loan: Loan, actor: Person, reason: str, sessions: list[LoanSession]) -> Loan:
    moved = [s for s in sessions if s.booking.status == BookingStatus.TENTATIVE]
    for session in moved:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CANCELLED)
    loan.status = LoanStatus.ACCEPTED
    loan.answered_at = now()
    loan.save(update_fields=["status", "answered_at", "updated_at"])
    start = moved[0].booking.start if moved else None
    _record(loan, LoanEventKind.TIME_DECLINED, actor, reason=reason, start=start)
    _notify("time_declined", loan, moved)
    return loan


@transaction.atomic
def reschedule_session(*, session: LoanSession, start: dt.datetime, actor: Person) -> LoanSession:
    """Move a session; both sides get the changed invitation (same UID, SEQUENCE raised)."""
    loan = _lock(session.loan)
    _require(
        permissions.is_borrower(actor, loan)
        or permissions.is_loan_mentor(actor, loan)
        or permissions.can_coordinate_loan(actor, loan)
    )
    if loan.status not in (LoanStatus.BOOKED, LoanStatus.ACCEPTED):
        raise InvalidTransition()
    session = LoanSession.objects.select_related("booking__resource").get(pk=session.pk)
    if not session.booking.is_active:
        raise InvalidTransition()
    # The mentor's time is locked before its rules are read, as when booking.
    scheduling.lock_resources([session.booking.resource_id])
    end = start.astimezone(dt.UTC) + loan.duration  # elapsed time, not wall-clock time
    if start < now():
        raise scheduling.StartInPast()
    if not scheduling.is_available(resource=session.booking.resource, start=start, end=end):
        raise scheduling.OutsideAvailability()
    previous_start = session.booking.start
    if month_bounds(start) != month_bounds(previous_start) and not has_hours_left(
        loan.mentor, loan, at=start
    ):
        raise MentorUnavailable(_("The mentor has no hours left to lend that month."))
    # The mentor agreed to the old time, not to one someone else chose: they answer again.
    ask_again = loan.status == LoanStatus.ACCEPTED and not permissions.is_loan_mentor(actor, loan)
    session.booking = scheduling.reschedule(
        booking=session.booking,
        start=start,
        end=end,
        status=BookingStatus.TENTATIVE if ask_again else None,
    )
    if ask_again:
        loan.status = LoanStatus.BOOKED
        loan.save(update_fields=["status", "updated_at"])
    _record(loan, LoanEventKind.RESCHEDULED, actor, start=start, previous_start=previous_start)
    _notify("rescheduled", loan, [session])
    return session


@transaction.atomic
def cancel_loan(*, loan: Loan, actor: Person, reason: str) -> Loan:
    """Either side calls the loan off, with a reason; sessions still ahead are cancelled."""
    loan = _lock(loan)
    _require(permissions.can_cancel_loan(actor, loan))
    if loan.status not in (LoanStatus.REQUESTED, LoanStatus.BOOKED, LoanStatus.ACCEPTED):
        raise InvalidTransition()
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    sessions = [s for s in _active_sessions(loan) if s.booking.end > now()]
    for session in sessions:
        scheduling.set_status(booking=session.booking, status=BookingStatus.CANCELLED)
    loan.status = LoanStatus.CANCELLED
    loan.cancel_reason = reason
    loan.cancelled_by = actor
    loan.save(update_fields=["status", "cancel_reason", "cancelled_by", "updated_at"])
    _record(loan, LoanEventKind.CANCELLED, actor, reason=reason)
    _notify("cancelled", loan, sessions)
    return loan


def _parse_hours(hours: object) -> Decimal:
    try:
        value = Decimal(str(hours).replace(",", "."))
    except ArithmeticError as error:
        raise _invalid_hours() from error
    if not value.is_finite() or not LEAST_HOURS <= value <= MOST_HOURS:
        raise _invalid_hours()
    if value != value.quantize(Decimal("0.01")):
        # Rounding 0.001 would log no time at all: refuse what the two decimals stored drop.
        raise InvalidHours(_("Give the hours with at most two decimals, e.g. 1.25."))
    return value.quantize(Decimal("0.01"))


def _invalid_hours() -> InvalidHours:
    # The limits as the language of the answer writes numbers: 0,25 in Finnish and Swedish.
    return InvalidHours(
        least=formats.number_format(LEAST_HOURS, use_l10n=True),
        most=formats.number_format(MOST_HOURS, use_l10n=True),
    )


@transaction.atomic
def complete_loan(*, loan: Loan, actor: Person, hours: object, outcome: str) -> Loan:
    """The mentor logs the hours and the outcome after the last session."""
    loan = _lock(loan)
    _require(permissions.can_complete_loan(actor, loan))
    if loan.status != LoanStatus.ACCEPTED:
        raise InvalidTransition()
    value = _parse_hours(hours)
    outcome = outcome.strip()
    if not outcome:
        raise InvalidRequest(_("Describe the outcome in a few words."), field="outcome")
    sessions = list(_active_sessions(loan))
    current = now()
    if not any(session.booking.start <= current for session in sessions):
        raise NothingHappenedYet()
    if any(session.booking.start > current for session in sessions):
        raise SessionsAhead()
    loan.status = LoanStatus.COMPLETED
    loan.hours = value
    loan.outcome = outcome
    loan.save(update_fields=["status", "hours", "outcome", "updated_at"])
    _record(loan, LoanEventKind.COMPLETED, actor, hours=value)
    _notify("completed", loan)
    return loan


@transaction.atomic
def confirm_completion(*, loan: Loan, actor: Person) -> Loan:
    """The borrower confirms that the loan took place as the mentor logged it."""
    loan = _lock(loan)
    _require(permissions.can_confirm_loan(actor, loan))
    if loan.status != LoanStatus.COMPLETED or loan.borrower_confirmed_at is not None:
        raise InvalidTransition()
    loan.borrower_confirmed_at = now()
    loan.save(update_fields=["borrower_confirmed_at", "updated_at"])
    _record(loan, LoanEventKind.CONFIRMED, actor)
    return loan


@transaction.atomic
def save_mentor_skills(*, mentor: MentorProfile, levels: dict[int, int]) -> None:
    """Replace a mentor's skills with `levels` (skill id -> level 1-3)."""
    if any(level not in Level.values for level in levels.values()):
        raise InvalidRequest(_("A skill level is 1 (basics), 2 (good) or 3 (expert)."))
    if Skill.objects.filter(pk__in=levels, retired=True).exists():
        raise InvalidRequest(_("A retired skill cannot be added to a profile."))
    scheduling.lock_resources([mentor.resource_id])  # a booking reads the skills under it
    # Retired skills are not on the form: the mentor keeps them as they were.
    MentorSkill.objects.filter(mentor=mentor, skill__retired=False).exclude(
        skill_id__in=levels
    ).delete()
    for skill_id, level in levels.items():
        MentorSkill.objects.update_or_create(
            mentor=mentor, skill_id=skill_id, defaults={"level": level}
        )
    mentors_changed()


@transaction.atomic
def update_mentor_profile(
    *,
    mentor: MentorProfile,
    bio: dict[str, str],
    languages: list[str],
    municipality_ids: list[int],
    on_site: bool,
    remote: bool,
    monthly_hours: Decimal,
    paused: bool,
    returns_on: dt.date | None = None,
) -> MentorProfile:
    """Save what a mentor offers: introduction, languages, areas, modes, hours and any break."""
    languages = [code for code in Language.values if code in languages]
    if not languages:
        raise InvalidRequest(_("Choose at least one language you help in."), field="languages")
    if not (on_site or remote):
        raise InvalidRequest(_("Choose on-site, remote or both."), field="remote")
    if on_site and not municipality_ids:
        raise InvalidRequest(
            _("Choose the municipalities you come to on site."), field="municipalities"
        )
    if not Decimal(0) <= Decimal(monthly_hours) <= Decimal(160):
        raise InvalidRequest(
            _("The hours a month must be between 0 and 160."), field="monthly_hours"
        )
    if paused and returns_on is not None and returns_on < local(now()).date():
        raise InvalidRequest(_("The return date has already passed."), field="returns_on")
    scheduling.lock_resources([mentor.resource_id])  # a booking reads all this under it
    for code in Language.values:
        setattr(mentor, f"bio_{code}", bio.get(code, "").strip())
    mentor.on_site = on_site
    mentor.remote = remote
    mentor.monthly_hours = monthly_hours
    mentor.paused = paused
    mentor.returns_on = returns_on if paused else None
    mentor.save(
        update_fields=[f"bio_{code}" for code in Language.values]
        + ["on_site", "remote", "monthly_hours", "paused", "returns_on"]
    )
    MentorLanguage.objects.filter(mentor=mentor).exclude(language__in=languages).delete()
    for code in languages:
        MentorLanguage.objects.get_or_create(mentor=mentor, language=code)
    mentor.municipalities.set(municipality_ids)
    mentors_changed()
    return mentor
