"""What mentors adds to the pages of lower apps (declared in apps.py; see core.contributions):
entries of the navigation, cards of the home page, the mentor's parts of the profile page and
the sessions of the calendar feed."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lainaamo.core.contributions import Card, NavItem
from lainaamo.core.ical import CalendarEntry
from lainaamo.directory.models import Person, Unit
from lainaamo.directory.permissions import coordinated_municipality_ids, managed_unit_ids
from lainaamo.scheduling.feed import FeedSource
from lainaamo.scheduling.models import Booking

from .models import LoanSession, MentorProfile
from .notifications import session_entry


@dataclass
class Roles:
    mentor: MentorProfile | None = None
    is_coordinator: bool = False
    managed_units: list[Unit] = field(default_factory=list)

    @property
    def is_mentor(self) -> bool:
        return self.mentor is not None


def roles_of(request) -> Roles:
    """What the signed-in user is, for the navigation, the home page and the pages; once per
    request."""
    cached = getattr(request, "_lainaamo_roles", None)
    if cached is not None:
        return cached
    user = request.user
    roles = Roles()
    if user.is_authenticated:
        roles.mentor = MentorProfile.objects.filter(person=user).first()
        roles.is_coordinator = bool(coordinated_municipality_ids(user))
        unit_ids = managed_unit_ids(user)
        if unit_ids:
            roles.managed_units = list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))
    request._lainaamo_roles = roles
    return roles


def _item(name: str, label: str, position: int, *, args=(), also=()) -> NavItem:
    return NavItem(reverse(name, args=args), label, name, position, also)


def navigation(request) -> list[NavItem]:
    """The mentor pages in the main navigation, each as far as the person's roles reach."""
    roles = roles_of(request)
    items = [
        _item("mentors:catalogue", _("Mentors"), 10, also=("mentors:mentor_detail",)),
        _item("mentors:request", _("Ask for a mentor"), 20),
        _item("mentors:my_loans", _("My loans"), 30, also=("mentors:loan_detail",)),
    ]
    if roles.is_mentor:
        items.append(_item("mentors:inbox", _("Mentor's inbox"), 40))
    if roles.is_coordinator:
        items.append(
            _item(
                "mentors:dashboard",
                _("Dashboard"),
                50,
                also=("mentors:skills", "mentors:skill_edit"),
            )
        )
    if roles.managed_units:
        items.append(
            _item("mentors:unit_figures", _("Unit figures"), 60, args=[roles.managed_units[0].pk])
        )
    return items


def home(request) -> list[Card]:
    """The cards of the home page: borrowing for everyone, then what the person's roles add."""
    roles = roles_of(request)
    cards = [
        Card(
            reverse("mentors:request"),
            _("Ask for a mentor"),
            _("Tell what you need help with and when; Lainaamo shows the mentors who are free."),
            10,
        ),
        Card(
            reverse("mentors:catalogue"),
            _("Browse mentors"),
            _("See who knows what: skills, languages, sectors and areas."),
            20,
        ),
        Card(
            reverse("mentors:my_loans"),
            _("My loans"),
            _("Your requests and sessions, and where each one stands."),
            30,
        ),
    ]
    if roles.is_mentor:
        cards.append(
            Card(
                reverse("mentors:inbox"),
                _("Mentor's inbox"),
                _("Requests waiting for your answer, and your coming sessions."),
                40,
            )
        )
    if roles.is_coordinator:
        cards.append(
            Card(
                reverse("mentors:dashboard"),
                _("Coordinator's dashboard"),
                _("Open requests, requests waiting too long, and hours lent between sectors."),
                50,
            )
        )
    for unit in roles.managed_units:
        cards.append(
            Card(
                reverse("mentors:unit_figures", args=[unit.pk]),
                _("Figures of %(unit)s") % {"unit": unit.name},
                _("Time lent out of your unit, by the sector that borrowed it."),
                60,
            )
        )
    return cards


def _feed_bookings(person: Person) -> Q:
    """The sessions of the person's loans, as borrower and as the loan's mentor."""
    return Q(loan_session__loan__borrower=person) | Q(loan_session__loan__mentor__person=person)


def _feed_entries(bookings: list[Booking], *, language: str) -> list[CalendarEntry]:
    sessions = LoanSession.objects.filter(booking__in=bookings).select_related(
        "loan__borrower", "loan__mentor__person"
    )
    by_booking = {
        session.booking_id: session for session in sessions.prefetch_related("loan__skills")
    }
    entries = []
    for booking in bookings:
        session = by_booking[booking.pk]
        session.booking = booking
        entries.append(session_entry(session, language=language))
    return entries


calendar_feed = FeedSource(bookings=_feed_bookings, entries=_feed_entries)
