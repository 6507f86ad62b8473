"""The demo's loans: the history (history.py), then open requests of various ages.

Open requests and future sessions go through the services, as a user's would. The demo
logins' own stories are written first, so that their slots are sure to be free.
"""

import datetime as dt
import random

from lainaamo.core.timeutil import wall_clock, working_days_between
from lainaamo.mentors import services
from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.models import Loan, LoanSession, LoanStatus, MentorProfile, Mode, Skill
from lainaamo.mentors.models import LoanEventKind as Kind
from lainaamo.scheduling import services as scheduling

from .history import HISTORY_LOANS, HistoryWriter
from .needs import CANCEL_REASONS, DECLINE_REASONS, NEEDS
from .people import Cast

# What booking a slot that matching offered may still run into.
NOT_BOOKABLE = (services.MentorUnavailable, scheduling.SlotTaken, scheduling.OutsideAvailability)


class LoanWriter(HistoryWriter):
    """Writes the demo's loans, history first, then what is open now."""

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
