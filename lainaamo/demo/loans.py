"""The demo's loans: about four months of history, and open requests of various ages.

Open requests and future sessions go through the services, as a user's would. The services
refuse the past, so the history is written row by row: its bookings still go through the
kernel's `book` (allow_past), and a small planner keeps them inside the mentors' weekly
windows, clear of one another (travel buffers included) and within their monthly hours.
"""

import datetime as dt
import random
from decimal import Decimal

from lainaamo.core.timeutil import local, wall_clock, working_days_between
from lainaamo.directory.models import Person
from lainaamo.mentors import services
from lainaamo.mentors.matching import find_matches
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
# What booking a slot that matching offered may still run into.
NOT_BOOKABLE = (services.MentorUnavailable, scheduling.SlotTaken, scheduling.OutsideAvailability)


def served_keys(spec: MentorSpec) -> set[str]:
    return set(spec.serves.split()) or {UNITS[spec.unit].municipality}


class LoanWriter:
    """Writes the demo's loans, history first, then what is open now."""

    def __init__(self, cast: Cast, skills: dict[str, Skill], rng: random.Random, moment):
        self.cast = cast
        self.skills = skills
        self.rng = rng
        self.now = moment
        self.today = local(moment).date()
        self.planner = Planner(moment)
        self.specs = {profile.pk: spec for spec, profile in cast.mentors}

    # --- history ------------------------------------------------------------------------------

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

    # --- what is open now ---------------------------------------------------------------------

    def working_days_ago(self, count: int, hour: int) -> dt.datetime:
        """A working day at `hour` from which `count` whole working days have passed by now."""
        day = self.today
        while count and not (
            day.weekday() < 5
            and working_days_between(wall_clock(day, dt.time(hour)), self.now) >= count
        ):
            day -= dt.timedelta(days=1)
        return min(wall_clock(day, dt.time(hour)), self.now - dt.timedelta(hours=1))

    def windows_ahead(self, first_day: int, working_days: int) -> list[tuple]:
        """Office hours, 8-16, on working days from `first_day` days ahead."""
        windows = []
        day = self.today + dt.timedelta(days=first_day)
        while len(windows) < working_days:
            if day.weekday() < 5:
                windows.append((wall_clock(day, dt.time(8)), wall_clock(day, dt.time(16))))
            day += dt.timedelta(days=1)
        return windows

    def request(
        self,
        borrower: str,
        need: str,
        language: str,
        mode: str,
        *,
        created: dt.datetime,
        first_day: int = 1,
        working_days: int = 8,
        mentor: MentorProfile | None = None,
    ) -> Loan:
        """A request made through the service, dated back to `created`."""
        person = self.cast.borrowers[borrower]
        spec = NEEDS[need]
        loan = services.request_loan(
            borrower=person,
            skills=[self.skills[slug] for slug in spec.slugs],
            need=spec.text(language),
            language=language,
            mode=mode,
            duration_minutes=spec.minutes,
            windows=self.windows_ahead(first_day, working_days),
            place=person.home_unit.address if mode == Mode.ON_SITE else "",
            group_size=spec.group_size,
            mentor=mentor,
        )
        Loan.objects.filter(pk=loan.pk).update(created_at=created, updated_at=created)
        loan.events.filter(kind=Kind.REQUESTED).update(at=created)
        loan.created_at = created
        return loan

    def book(self, loan: Loan, mentor: MentorProfile | None = None) -> LoanSession | None:
        """Book the first session with the asked-for mentor or one of the best matches."""
        matches = find_matches(loan)
        if mentor is not None:
            matches = [match for match in matches if match.mentor.pk == mentor.pk]
        best = matches[:3]
        self.rng.shuffle(best)
        for match in best + matches[3:]:
            slots = list(match.slots)
            self.rng.shuffle(slots)
            for slot in slots:
                try:
                    session = services.book_session(
                        loan=loan, mentor=match.mentor, start=slot.start, actor=loan.borrower
                    )
                except NOT_BOOKABLE:
                    # Matching weighs this month's hours; a slot next month may be over the
                    # mentor's limit there. Try the next one, as a user would.
                    continue
                booked = min(loan.created_at + dt.timedelta(minutes=20), self.now)
                loan.events.filter(kind=Kind.BOOKED).update(at=booked)
                return session
        return None

    def book_again(self, loan: Loan, after: LoanSession) -> LoanSession | None:
        """A further session about a week after `after`, with the same mentor."""
        mentor = loan.mentor
        begin = after.booking.start + dt.timedelta(days=6)
        before, after_buffer = services.buffers_for(loan)
        slots = scheduling.free_slots(
            resource_ids=[mentor.resource_id],
            start=begin,
            end=begin + dt.timedelta(days=7),
            duration=loan.duration,
            buffer_before=before,
            buffer_after=after_buffer,
            limit=1,
        )[mentor.resource_id]
        if not slots:
            return None
        try:
            return services.book_session(
                loan=loan, mentor=mentor, start=slots[0].start, actor=loan.borrower
            )
        except NOT_BOOKABLE:
            return None

    def accepted(self, loan: Loan, mentor: MentorProfile | None = None, *, sessions: int = 1):
        session = self.book(loan, mentor)
        if session is None:
            return
        created = loan.created_at
        loan.refresh_from_db()
        services.accept_loan(loan=loan, actor=loan.mentor.person)
        # The mentor answered within a working day or so, not at the moment of the load.
        answered = min(created + dt.timedelta(hours=self.rng.randint(1, 26)), self.now)
        Loan.objects.filter(pk=loan.pk).update(answered_at=answered)
        loan.events.filter(kind=Kind.ACCEPTED).update(at=answered)
        loan.refresh_from_db()
        for _index in range(1, sessions):
            session = self.book_again(loan, session) or session


# borrower, mentor, need, language, mode, (from, to) days ago, and what became of the loan
LINNEA = "Linnea Holmström"
NOT_COMPLETED = {"status": LoanStatus.ACCEPTED}
STORIES = [
    ("katja", LINNEA, "instagram", "fi", Mode.REMOTE, (56, 66), {}),
    ("sara", LINNEA, "instagram", "sv", Mode.ON_SITE, (38, 46), {"sessions": 2}),
    ("kristian", LINNEA, "facebook", "sv", Mode.ON_SITE, (18, 26), {}),
    # Held last week; the mentor login still has to log the hours.
    ("malin", LINNEA, "tablets", "sv", Mode.ON_SITE, (1, 6), NOT_COMPLETED),
    # Completed; the borrower login still has to confirm it.
    ("katja", "Ville Mäkinen", "guide_video", "fi", Mode.ON_SITE, (2, 10), {"confirmed": False}),
    ("olivia", "Noora Aho", "accessibility", "en", Mode.REMOTE, (20, 40), {}),
    ("olli", "Hanna Peltonen", "some_plan", "fi", Mode.REMOTE, (3, 12), NOT_COMPLETED),
]


def write_loans(cast: Cast, skills: dict[str, Skill], rng: random.Random, moment) -> None:
    """History for everyone, then the requests that are open now."""
    writer = LoanWriter(cast, skills, rng, moment)
    linnea = cast.mentor(LINNEA)
    on_site, remote = Mode.ON_SITE, Mode.REMOTE
    days = writer.past_days

    # The demo logins' own stories come first, so that their slots are sure to be free.
    for borrower, mentor, need, language, mode, (first, last), extra in STORIES:
        writer.history(
            borrower=borrower,
            mentor=cast.mentor(mentor),
            need=NEEDS[need],
            language=language,
            mode=mode,
            days=days(first, last),
            **extra,
        )
    writer.random_history(HISTORY_LOANS)

    ago = writer.working_days_ago
    # Booked and accepted loans with sessions ahead, booked through the services.
    writer.accepted(writer.request("katja", "instagram", "fi", remote, created=ago(4, 10)), linnea)
    writer.accepted(writer.request("tiina", "padlet", "fi", remote, created=ago(6, 9)), sessions=2)
    writer.accepted(writer.request("minna", "facebook", "fi", on_site, created=ago(5, 13)))
    writer.accepted(writer.request("olli", "meetings", "fi", remote, created=ago(3, 11)))
    writer.accepted(writer.request("lotta", "tablets", "sv", on_site, created=ago(4, 14)))
    writer.accepted(
        writer.request("eeva", "streaming", "fi", remote, created=ago(7, 10), working_days=12),
        sessions=2,
    )
    writer.book(
        writer.request("petra", "e_audiobooks", "sv", on_site, created=ago(3, 9), mentor=linnea),
        linnea,
    )
    writer.book(writer.request("katja", "some_plan", "fi", remote, created=ago(0, 9)))
    writer.book(writer.request("jenni", "photo_rights", "fi", remote, created=ago(2, 12)))
    writer.book(writer.request("sara", "safe_internet", "sv", on_site, created=ago(6, 10)))

    # Requests nobody has booked yet, some unanswered for longer than two working days.
    writer.request("katja", "tiktok", "fi", remote, created=ago(1, 14))
    writer.request("pekka", "some_plan", "fi", on_site, created=ago(5, 10))
    writer.request("teemu", "source_criticism", "fi", on_site, created=ago(3, 13))
    writer.request("kristian", "streaming", "sv", remote, created=ago(4, 9))
    writer.request("olivia", "tour_360", "en", remote, created=ago(0, 8))
    writer.request("heli", "accessibility", "fi", remote, created=ago(1, 10))

    # A request a mentor declined: it is back with the borrower, the decline on record.
    declined = writer.request("malin", "moodle", "sv", remote, created=ago(4, 11))
    session = writer.book(declined)
    if session is not None:
        declined.refresh_from_db()
        services.decline_loan(
            loan=declined, actor=declined.mentor.person, reason=DECLINE_REASONS["sv"]
        )

    # A loan the borrower called off before its session.
    called_off = writer.request("tapio", "guide_video", "fi", remote, created=ago(8, 10))
    writer.accepted(called_off)
    called_off.refresh_from_db()
    if called_off.status == LoanStatus.ACCEPTED:
        services.cancel_loan(
            loan=called_off, actor=called_off.borrower, reason=CANCEL_REASONS["fi"][0]
        )
