"""The demo's history: about four months of loans between staff and mentors.

The services refuse the past, so the history is written row by row: its bookings still go
through the kernel's `book` (allow_past), and a small planner keeps them inside the mentors'
weekly windows, clear of one another (travel buffers included) and within their monthly hours.
"""

import datetime as dt
import random
from decimal import Decimal

from lainaamo.core.timeutil import local, wall_clock
from lainaamo.directory.models import Person
from lainaamo.mentors import services
from lainaamo.mentors.models import (
    Decline,
    Loan,
    LoanEvent,
    LoanSession,
    LoanStatus,
    LoanWindow,
    MentorProfile,
    Mode,
    Skill,
)
from lainaamo.mentors.models import LoanEventKind as Kind
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import BookingStatus

from .needs import CANCEL_REASONS, DECLINE_REASONS, NEEDS, OUTCOMES, Need
from .people import Cast
from .places import UNITS
from .planner import Planner
from .roster import BORROWERS, MentorSpec

HISTORY_LOANS = 44
HISTORY_DAYS = 120


def served_keys(spec: MentorSpec) -> set[str]:
    return set(spec.serves.split()) or {UNITS[spec.unit].municipality}


class HistoryWriter:
    """Writes the demo's loans of the past months, row by row, at the times they were made."""

    def __init__(self, cast: Cast, skills: dict[str, Skill], rng: random.Random, moment):
        self.cast = cast
        self.skills = skills
        self.rng = rng
        self.now = moment
        self.today = local(moment).date()
        self.planner = Planner(moment)
        self.specs = {profile.pk: spec for spec, profile in cast.mentors}

    def past_days(self, first: int, last: int) -> list[dt.date]:
        """Calendar days from `last` to `first` days ago (first < last)."""
        return [self.today - dt.timedelta(days=n) for n in range(first, last + 1)]

    def history(
        self,
        *,
        borrower: str,
        mentor: MentorProfile,
        need: Need,
        language: str,
        mode: str,
        days: list[dt.date],
        sessions: int = 1,
        status: str = LoanStatus.COMPLETED,
        confirmed: bool = True,
        declined_by: MentorProfile | None = None,
    ) -> Loan | None:
        """A loan whose sessions lie in the past, with what became of it."""
        spec = self.specs[mentor.pk]
        pad = services.TRAVEL_BUFFER if mode == Mode.ON_SITE else dt.timedelta()
        first = self.planner.slot(self.rng, spec, mentor, days, need.minutes, pad)
        if first is None:
            return None
        starts = [first]
        for week in range(1, sessions):
            later = local(first).date() + dt.timedelta(weeks=week)
            start = self.planner.slot(self.rng, spec, mentor, [later], need.minutes, pad)
            if start is not None:
                starts.append(start)
        duration = dt.timedelta(minutes=need.minutes)
        for start in starts:
            self.planner.add(mentor, start, start + duration, pad)

        person = self.cast.borrowers[borrower]
        created = self.office_hours(
            local(first).date() - dt.timedelta(days=self.rng.randint(3, 12))
        )
        last_end = starts[-1] + duration
        answered = created + dt.timedelta(hours=self.rng.randint(1, 30))
        loan = self._loan(person, need, language, mode)
        loan.mentor = mentor
        loan.mentor_unit = mentor.person.home_unit
        loan.mentor_sector = mentor.person.sector
        loan.status = status
        loan.answered_at = answered
        if status == LoanStatus.COMPLETED:
            hours = len(starts) * need.minutes / 60 + self.rng.choice([0, 0, 0.5])
            loan.hours = Decimal(str(hours)).quantize(Decimal("0.01"))
            loan.outcome = self.rng.choice(OUTCOMES[language])
            confirmed_at = last_end + dt.timedelta(days=self.rng.randint(1, 3))
            if confirmed and confirmed_at < self.now:
                loan.borrower_confirmed_at = confirmed_at
        elif status == LoanStatus.CANCELLED:
            loan.cancel_reason = self.rng.choice(CANCEL_REASONS[language])
            loan.cancelled_by = self.rng.choice([person, mentor.person])
        loan.save()
        loan.skills.set([self.skills[slug] for slug in need.slugs])
        LoanWindow.objects.bulk_create(
            LoanWindow(
                loan=loan,
                start=wall_clock(local(start).date(), dt.time(8)),
                end=wall_clock(local(start).date(), dt.time(16)),
            )
            for start in starts
        )
        for start in starts:
            booking = scheduling.book(
                resource=mentor.resource,
                start=start,
                end=start + duration,
                buffer_before=pad,
                buffer_after=pad,
                status=BookingStatus.CONFIRMED,
                owner=loan,
                allow_past=True,
            )
            if status == LoanStatus.CANCELLED:
                booking = scheduling.set_status(booking=booking, status=BookingStatus.CANCELLED)
            LoanSession.objects.create(loan=loan, booking=booking)
        if declined_by is not None:
            decline = Decline.objects.create(
                loan=loan, mentor=declined_by, reason=DECLINE_REASONS[language]
            )
            Decline.objects.filter(pk=decline.pk).update(created_at=answered)
        Loan.objects.filter(pk=loan.pk).update(
            created_at=created, updated_at=min(last_end + dt.timedelta(days=1), self.now)
        )
        self._history_events(loan, created, answered, starts, last_end, declined_by)
        return loan

    def _history_events(self, loan, created, answered, starts, last_end, declined_by) -> None:
        """The steps of a loan made in the past, at the times they would have been taken."""
        booked = created + dt.timedelta(minutes=20)
        mentor = loan.mentor.person
        events = [LoanEvent(loan=loan, kind=Kind.REQUESTED, actor=loan.borrower, at=created)]
        if declined_by is not None:
            events += [
                # The time first booked, with the mentor who then declined it.
                LoanEvent(
                    loan=loan, kind=Kind.BOOKED, actor=loan.borrower, at=booked, start=starts[0]
                ),
                LoanEvent(
                    loan=loan,
                    kind=Kind.DECLINED,
                    actor=declined_by.person,
                    at=answered,
                    reason=DECLINE_REASONS[loan.language],
                ),
            ]
            # Booked again with another mentor on the next working day, answered that day.
            booked = max(
                self.office_hours(local(answered).date() + dt.timedelta(days=1)),
                answered + dt.timedelta(hours=1),
            )
            booked = min(booked, starts[0] - dt.timedelta(hours=4))
            answered = booked + dt.timedelta(hours=2)
        events.append(
            LoanEvent(loan=loan, kind=Kind.BOOKED, actor=loan.borrower, at=booked, start=starts[0])
        )
        events += [
            LoanEvent(
                loan=loan,
                kind=Kind.SESSION_ADDED,
                actor=loan.borrower,
                at=booked + dt.timedelta(minutes=5 * number),
                start=start,
            )
            for number, start in enumerate(starts[1:], 1)
        ]
        events.append(LoanEvent(loan=loan, kind=Kind.ACCEPTED, actor=mentor, at=answered))
        if loan.status == LoanStatus.COMPLETED:
            done = min(last_end + dt.timedelta(hours=2), self.now)
            events.append(
                LoanEvent(loan=loan, kind=Kind.COMPLETED, actor=mentor, at=done, hours=loan.hours)
            )
            if loan.borrower_confirmed_at:
                events.append(
                    LoanEvent(
                        loan=loan,
                        kind=Kind.CONFIRMED,
                        actor=loan.borrower,
                        at=loan.borrower_confirmed_at,
                    )
                )
        elif loan.status == LoanStatus.CANCELLED:
            events.append(
                LoanEvent(
                    loan=loan,
                    kind=Kind.CANCELLED,
                    actor=loan.cancelled_by,
                    at=min(answered + dt.timedelta(days=1), starts[0]),
                    reason=loan.cancel_reason,
                )
            )
        LoanEvent.objects.bulk_create(events)

    def office_hours(self, day: dt.date) -> dt.datetime:
        """A moment on the working day on or before `day`, between 8 and 16."""
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        minute = self.rng.randrange(0, 8 * 60, 5)
        return wall_clock(day, dt.time(8 + minute // 60, minute % 60))

    def _loan(self, person: Person, need: Need, language: str, mode: str) -> Loan:
        unit = person.home_unit
        return Loan(
            borrower=person,
            borrower_unit=unit,
            borrower_sector=unit.sector,
            municipality_id=unit.municipality_id,
            need=need.text(language),
            language=language,
            mode=mode,
            place=unit.address if mode == Mode.ON_SITE else "",
            duration_minutes=need.minutes,
            group_size=need.group_size,
        )

    def random_history(self, count: int) -> None:
        """Loans between random staff and fitting mentors over the past months."""
        borrower_keys = list(BORROWERS)
        need_keys = list(NEEDS)
        for _index in range(count):
            key = self.rng.choice(borrower_keys)
            need = NEEDS[self.rng.choice(need_keys)]
            person = self.cast.borrowers[key]
            language = person.language
            choice = self._fitting_mentor(key, need, language)
            if choice is None:
                continue
            spec, mentor, mode = choice
            earliest = 30 if spec.paused_days else 1
            roll = self.rng.random()
            status = LoanStatus.CANCELLED if roll < 0.1 else LoanStatus.COMPLETED
            declined_by = None
            if status == LoanStatus.COMPLETED and roll > 0.9:
                other = self._fitting_mentor(key, need, language, exclude=mentor)
                declined_by = other[1] if other else None
            self.history(
                borrower=key,
                mentor=mentor,
                need=need,
                language=language,
                mode=mode,
                days=self.past_days(earliest, HISTORY_DAYS),
                sessions=2 if self.rng.random() < 0.2 else 1,
                status=status,
                confirmed=self.rng.random() < 0.85,
                declined_by=declined_by,
            )

    def _fitting_mentor(self, borrower_key: str, need: Need, language: str, exclude=None):
        """A mentor with the skill and language, preferring another sector; and the mode."""
        unit_key = BORROWERS[borrower_key][1]
        sector = UNITS[unit_key].sector
        municipality = UNITS[unit_key].municipality
        fitting = [
            (spec, profile)
            for spec, profile in self.cast.mentors
            if language in spec.speaks.split()
            and set(need.slugs) & set(spec.skill_levels)
            and profile != exclude
        ]
        across = [item for item in fitting if UNITS[item[0].unit].sector != sector]
        pool = across if across and self.rng.random() < 0.8 else fitting
        if not pool:
            return None
        spec, profile = self.rng.choice(pool)
        modes = []
        if "on_site" in spec.modes and municipality in served_keys(spec):
            modes.append(Mode.ON_SITE)
        if "remote" in spec.modes:
            modes.append(Mode.REMOTE)
        if not modes:
            return None
        return spec, profile, self.rng.choice(modes)
