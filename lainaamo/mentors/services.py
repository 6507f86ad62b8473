"""Every write that matters for mentors and loans: the loan's life from request to completion.

A loan moves requested -> booked (a session is booked with a mentor) -> accepted (the mentor
said yes) -> completed (the mentor logged hours and outcome; the borrower then confirms).
A decline sends it back to requested; either side may cancel an unfinished loan with a reason.
Any other step raises InvalidTransition.
"""

import copy
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from lainaamo.core import sql
from lainaamo.core.errors import DomainError, InvalidTransition, PermissionDenied
from lainaamo.core.tasks import enqueue_with_transaction
from lainaamo.core.timeutil import month_bounds, now, wall_clock
from lainaamo.directory.models import Language, Person
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import (
    ACTIVE_STATUSES,
    Absence,
    Booking,
    BookingStatus,
    Weekday,
    WeeklyAvailability,
    window_needed,
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


class SessionsAhead(DomainError):
    code = "sessions_ahead"
    message = _("Some sessions are still to come. Complete the loan after the last session.")


class NothingHappenedYet(DomainError):
    code = "no_session_held"
    message = _("No session has taken place yet.")


class InvalidHours(DomainError):
    code = "invalid_hours"
    message = _("Give the hours as a number greater than 0 and at most 100.")


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


def _facts(
    mentor: MentorProfile, loan: Loan, *, start: dt.datetime | None, end: dt.datetime | None
) -> dict:
    """In one statement: what the rules ask of the mentor and the loan, and of [start, end).

    Hand-written (`lainaamo.core.sql`): every booking asks, and Django took longer to build
    these six EXISTS than the database takes to answer them.
    """
    checks = {
        "speaks": (
            "SELECT 1 FROM mentors_mentorlanguage WHERE mentor_id = %s AND language = %s",
            [mentor.pk, loan.language],
        ),
        "serves": (
            "SELECT 1 FROM mentors_mentorprofile_municipalities"
            " WHERE mentorprofile_id = %s AND municipality_id = %s",
            [mentor.pk, loan.municipality_id],
        ),
        "knows": (
            "SELECT 1 FROM mentors_mentorskill s"
            " JOIN mentors_loan_skills ls ON ls.skill_id = s.skill_id"
            " WHERE s.mentor_id = %s AND ls.loan_id = %s",
            [mentor.pk, loan.pk],
        ),
        "declined": (
            "SELECT 1 FROM mentors_decline WHERE loan_id = %s AND mentor_id = %s",
            [loan.pk, mentor.pk],
        ),
    }
    at_all_hours = True  # the span could lie in a weekly window at all
    if start is not None and end is not None:
        # As WeeklyAvailability.objects.covering, by the same rule.
        needed = window_needed(start, end)
        at_all_hours = needed is not None
        if needed is not None:
            weekday, opens, closes = needed
            checks["within_hours"] = (
                "SELECT 1 FROM scheduling_weeklyavailability WHERE resource_id = %s"
                " AND weekday = %s AND start_time <= %s AND end_time >= %s",
                [
                    mentor.resource_id,
                    weekday,
                    sql.value(WeeklyAvailability, "start_time", opens),
                    sql.value(WeeklyAvailability, "end_time", closes),
                ],
            )
        checks["absent"] = (
            'SELECT 1 FROM scheduling_absence WHERE resource_id = %s AND "start" < %s'
            ' AND "end" > %s',
            [
                mentor.resource_id,
                sql.value(Absence, "start", end),
                sql.value(Absence, "end", start),
            ],
        )
    statement = "SELECT " + ", ".join(f"EXISTS({query})" for query, _params in checks.values())
    answer = sql.one(statement, [param for _query, params in checks.values() for param in params])
    facts = {name: bool(answer[index]) for index, name in enumerate(checks)}
    if not at_all_hours:
        facts["within_hours"] = False  # no weekly window runs past midnight
    return facts


def why_ineligible(
    mentor: MentorProfile,
    loan: Loan,
    *,
    at: dt.datetime,
    count_hours: bool = True,
    facts: dict | None = None,
) -> str | None:
    """The reason the mentor cannot take the loan at `at`, or None when they can.

    One query answers every rule but the monthly hours, which take a second one; `facts`,
    when given, are that first query's answer.
    """
    today = now().date()
    if on_break(mentor.paused, mentor.returns_on, today):
        return str(_("The mentor is on a break."))
    if mentor.person_id == loan.borrower_id:
        return str(_("You cannot borrow yourself."))
    if loan.mode not in mentor.modes:
        return str(_("The mentor does not work in this mode."))
    if facts is None:
        facts = _facts(mentor, loan, start=None, end=None)
    if not facts["speaks"]:
        return str(_("The mentor does not work in the language of the request."))
    if loan.mode == Mode.ON_SITE and not facts["serves"]:
        return str(_("The mentor does not come on site to this municipality."))
    if not facts["knows"]:
        return str(_("The mentor has none of the skills asked for."))
    if facts["declined"]:
        return str(_("The mentor has already declined this request."))
    if count_hours and not has_hours_left(mentor, loan, at=at):
        return str(_("The mentor has no hours left to lend that month."))
    return None


def has_hours_left(
    mentor: MentorProfile, loan: Loan, *, at: dt.datetime, used: float | None = None
) -> bool:
    """Would a session of the loan at `at` keep the mentor within that month's hours?

    `used`, when given, is what the mentor has booked in that month already.
    """
    if used is None:
        query, params = _month_hours(mentor, at)
        (used,) = sql.one(query, params)
    return float(used) + loan.duration_minutes / 60 <= float(mentor.monthly_hours)


def _month_hours(mentor: MentorProfile, at: dt.datetime) -> tuple[str, list]:
    """A statement for the hours the mentor has booked in the Helsinki month holding `at`.

    One resource and month of `booked_hours`, by hand: every booking counts them.
    """
    month_start, month_end = month_bounds(at)
    hours = sql.hours('"end"', '"start"')
    return (
        f"SELECT COALESCE(SUM({hours}), 0) FROM scheduling_booking"
        ' WHERE resource_id = %s AND status IN (%s, %s) AND "start" >= %s AND "start" < %s',
        [
            mentor.resource_id,
            *(status.value for status in ACTIVE_STATUSES),
            sql.value(Booking, "start", month_start),
            sql.value(Booking, "start", month_end),
        ],
    )


def _clean_windows(windows: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple]:
    if not windows:
        raise InvalidRequest(_("Give at least one time window."))
    if len(windows) > MAX_WINDOWS:
        raise InvalidRequest(_("Give at most 20 time windows."))
    current = now()
    for start, end in windows:
        if end <= start:
            raise InvalidRequest(_("Each time window must end after it starts."))
        if end <= current:
            raise InvalidRequest(_("The time windows must be in the future."))
    return sorted(windows)


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
    if borrower.home_unit_id is None:
        raise NoHomeUnit()
    need = need.strip()
    if not need:
        raise InvalidRequest(_("Describe what you need help with."))
    if not skills:
        raise InvalidRequest(_("Choose at least one skill."))
    retired = [skill for skill in skills if skill.retired]
    if retired:
        raise InvalidRequest(_("The skill %(name)s is no longer offered.") % {"name": retired[0]})
    if language not in Language.values:
        raise InvalidRequest(_("Choose the language: Finnish, Swedish or English."))
    if mode not in Mode.values:
        raise InvalidRequest(_("Choose whether the help is on-site or remote."))
    if mode == Mode.ON_SITE and not place.strip():
        raise InvalidRequest(_("Give the place for on-site help."))
    if not 15 <= duration_minutes <= 480:
        raise InvalidRequest(_("The duration must be between 15 minutes and 8 hours."))
    if not 1 <= group_size <= 500:
        raise InvalidRequest(_("The group size must be between 1 and 500."))
    windows = _clean_windows(windows)
    unit = borrower.home_unit
    loan = Loan.objects.create(
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
    loan.skills.set(skills)
    LoanWindow.objects.bulk_create(
        LoanWindow(loan=loan, start=start, end=end) for start, end in windows
    )
    _record(loan, LoanEventKind.REQUESTED, borrower)
    return loan


def _record(loan: Loan, kind: str, actor: Person | None, **fields) -> LoanEvent:
    """Write one step of the loan into its history."""
    return sql.insert(LoanEvent(loan=loan, kind=kind, actor=actor, **fields))


def _lock(loan: Loan) -> Loan:
    # Lock the loan row only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer
    # join that select_related makes for a loan without a mentor.
    return Loan.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=loan.pk)


def _lock_for_booking(loan: Loan, mentor: MentorProfile, at: dt.datetime) -> tuple[Loan, float]:
    """Lock the loan and the mentor's time, then count the mentor's hours in the month of `at`.

    Returns a copy of `loan` with its status and mentor read again (the caller's instance stays
    as it was, whatever happens next), and the hours booked. By hand (lainaamo.core.sql):
    every booking takes this lock.

    The hours are counted under the mentor's lock, so that two bookers of different loans
    cannot both take the mentor's last hour. On PostgreSQL the count is a second statement: at
    its default isolation (READ COMMITTED, which this relies on) a statement sees the data as
    it was when it began, so one that first waited for the lock would miss the booking its
    holder just committed. On SQLite the transaction holds the database's one write lock from
    its start, and one statement does both.
    """
    hours, params = _month_hours(mentor, at)
    if connection.features.has_select_for_update:
        row = sql.one(
            # Always the loan first, then the mentor's time, as every other step locks them.
            "SELECT l.status, l.mentor_id FROM mentors_loan l"
            " JOIN scheduling_resource r ON r.id = %s WHERE l.id = %s FOR UPDATE OF l, r",
            [mentor.resource_id, loan.pk],
        )
        if row is not None:
            row = (*row, *sql.one(hours, params))
    else:
        row = sql.one(
            f"SELECT status, mentor_id, ({hours}) FROM mentors_loan WHERE id = %s",
            [*params, loan.pk],
        )
    if row is None:
        raise Loan.DoesNotExist()
    loan = copy.copy(loan)
    loan.status, loan.mentor_id, used = row  # a changed mentor_id drops the cached mentor
    return loan, float(used)


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


def book_session(
    *, loan: Loan, mentor: MentorProfile, start: dt.datetime, actor: Person
) -> LoanSession:
    """Book a session of the loan with the mentor, or raise SlotTaken if the time is gone."""
    # What only reads is checked before the transaction begins: on SQLite the transaction
    # holds the database's one write lock from its start, so it should hold little else.
    # The loan as the caller read it; its state is checked again under the lock.
    _check_loan_takes_session(loan, mentor, actor)
    end = start.astimezone(dt.UTC) + loan.duration  # elapsed time, not wall-clock time
    facts = _facts(mentor, loan, start=start, end=end)
    # The monthly hours are counted once, under the lock below.
    reason = why_ineligible(mentor, loan, at=start, count_hours=False, facts=facts)
    if reason:
        raise MentorUnavailable(reason)
    if start < now():
        raise scheduling.StartInPast()
    if not facts["within_hours"] or facts["absent"]:
        raise scheduling.OutsideAvailability()
    before, after = buffers_for(loan)
    mentor_unit_id, mentor_sector = mentor.person.home_unit_id, mentor.person.sector

    with transaction.atomic():
        # Under the lock again: what another request may have changed since.
        loan, used = _lock_for_booking(loan, mentor, start)
        _check_loan_takes_session(loan, mentor, actor)
        if not has_hours_left(mentor, loan, at=start, used=used):
            raise MentorUnavailable(_("The mentor has no hours left to lend that month."))
        accepted = loan.status == LoanStatus.ACCEPTED
        booking = scheduling.book(
            resource=mentor.resource,
            start=start,
            end=end,
            buffer_before=before,
            buffer_after=after,
            status=BookingStatus.CONFIRMED if accepted else BookingStatus.TENTATIVE,
            owner=f"mentors.loan:{loan.pk}",
            savepoint=False,  # any error here undoes this whole transaction
        )
        session = sql.insert(LoanSession(loan=loan, booking=booking))
        kind = LoanEventKind.SESSION_ADDED if loan.mentor_id else LoanEventKind.BOOKED
        _record(loan, kind, actor, start=start)
        if loan.mentor_id is None:
            loan.mentor = mentor
            loan.mentor_unit_id = mentor_unit_id
            loan.mentor_sector = mentor_sector
            loan.status = LoanStatus.BOOKED
            sql.update(loan, ["mentor", "mentor_unit", "mentor_sector", "status"])
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
    end = start.astimezone(dt.UTC) + loan.duration  # elapsed time, not wall-clock time
    if start < now():
        raise scheduling.StartInPast()
    if not scheduling.is_available(resource=session.booking.resource, start=start, end=end):
        raise scheduling.OutsideAvailability()
    previous_start = session.booking.start
    if month_bounds(start) != month_bounds(previous_start) and not _hours_left_to_move(
        loan, start
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


def _hours_left_to_move(loan: Loan, at: dt.datetime) -> bool:
    """Does a session of the loan moved into the month of `at` keep its mentor within that
    month's hours? Counted under the lock on the mentor's time, as a booking counts them."""
    scheduling.lock_resource(loan.mentor.resource_id)
    return has_hours_left(loan.mentor, loan, at=at)


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
        raise InvalidHours() from error
    if not value.is_finite() or value <= 0 or value > 100:
        raise InvalidHours()
    return value.quantize(Decimal("0.01"))


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
        raise InvalidRequest(_("Describe the outcome in a few words."))
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
        raise InvalidRequest(_("Choose at least one language you help in."))
    if not (on_site or remote):
        raise InvalidRequest(_("Choose on-site, remote or both."))
    if on_site and not municipality_ids:
        raise InvalidRequest(_("Choose the municipalities you come to on site."))
    if not Decimal(0) <= Decimal(monthly_hours) <= Decimal(160):
        raise InvalidRequest(_("The hours a month must be between 0 and 160."))
    if paused and returns_on is not None and returns_on < now().date():
        raise InvalidRequest(_("The return date has already passed."))
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


@transaction.atomic
def update_availability(
    *, mentor: MentorProfile, rows: list[tuple[int, dt.time, dt.time]]
) -> None:
    """Replace a mentor's weekly hours (weekday, from, until; Helsinki wall-clock time)."""
    rows = sorted(rows)
    for weekday, start, end in rows:
        if weekday not in Weekday.values:
            raise InvalidRequest(_("Choose a weekday."))
        if end <= start:
            raise InvalidRequest(_("Each row must end after it starts."))
    for (day, _start, end), (next_day, next_start, _end) in zip(rows, rows[1:], strict=False):
        if day == next_day and next_start < end:
            raise InvalidRequest(
                _("Two rows overlap on %(weekday)s."), weekday=Weekday(day).label.lower()
            )
    WeeklyAvailability.objects.filter(resource_id=mentor.resource_id).delete()
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(
            resource_id=mentor.resource_id, weekday=day, start_time=start, end_time=end
        )
        for day, start, end in rows
    )
    mentors_changed()


@transaction.atomic
def update_absences(*, mentor: MentorProfile, rows: list[tuple[dt.date, dt.date, str]]) -> None:
    """Replace a mentor's current and coming absences (first and last day, inclusive)."""
    rows = sorted(rows)
    for first, last, _reason in rows:
        if last < first:
            raise InvalidRequest(_("The last day of an absence cannot come before the first."))
    for (_first, last, _reason), (next_first, _last, _next) in zip(rows, rows[1:], strict=False):
        if next_first <= last:
            raise InvalidRequest(_("Two absences overlap."))
    Absence.objects.filter(resource_id=mentor.resource_id, end__gt=now()).delete()
    Absence.objects.bulk_create(
        Absence(
            resource_id=mentor.resource_id,
            start=wall_clock(first, dt.time()),
            end=wall_clock(last + dt.timedelta(days=1), dt.time()),
            reason=reason.strip()[:200],
        )
        for first, last, reason in rows
    )
