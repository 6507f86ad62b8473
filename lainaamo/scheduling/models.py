"""The booking kernel: resources with calendars, bookings, weekly availability, absences."""

import datetime as dt
import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lainaamo.core.timeutil import HELSINKI


class ResourceKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor's time")
    TUTOR = "tutor", _("Tutor's time")
    EQUIPMENT = "equipment", _("Equipment")
    ROOM = "room", _("Room")


class Resource(models.Model):
    """Anything that can be booked; it has one calendar.

    A resource with a `parent` is a part of it (an item of an equipment kit): booking the
    parent books every part with it, so a part is never lent twice, alone or in its kit.
    Parts have no parts of their own.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    TENTATIVE = "tentative", _("Tentative")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (BookingStatus.TENTATIVE, BookingStatus.CONFIRMED)


class Hours(models.Func):
    """Hours from the second datetime to the first, in each database's own arithmetic.

    Django's portable duration arithmetic calls back into Python for every row on SQLite,
    which is far too slow for sums over a month of bookings.
    """

    output_field = models.FloatField()

    def __init__(self, end, start, **extra) -> None:
        super().__init__(end, start, **extra)

    def _operands(self, compiler):
        end, end_params = compiler.compile(self.source_expressions[0])
        start, start_params = compiler.compile(self.source_expressions[1])
        return end, start, (*end_params, *start_params)

    def as_postgresql(self, compiler, connection, **extra):
        end, start, params = self._operands(compiler)
        return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)", params

    def as_sqlite(self, compiler, connection, **extra):
        end, start, params = self._operands(compiler)
        # julianday() is a float of days, a few nanoseconds off: rounded to whole seconds, an
        # hour is exactly 1.0 and a mentor's last hour fits their limit exactly.
        return f"(ROUND((julianday({end}) - julianday({start})) * 86400.0) / 3600.0)", params


# Past this many resources, summing over every resource's bookings in the period and picking
# out the ones asked for is cheaper than looking each resource up in turn.
HOURS_LOOKUP_LIMIT = 50


class BookingQuerySet(models.QuerySet):
    def active(self) -> "BookingQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def owned_by(self, owner: models.Model) -> "BookingQuerySet":
        return self.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)

    def blocking(self, start: dt.datetime, end: dt.datetime) -> "BookingQuerySet":
        """Active bookings whose buffered time meets [start, end)."""
        return self.active().filter(blocked_start__lt=end, blocked_end__gt=start)

    def hours_by_period(
        self, bounds: list[dt.datetime], resource_ids: list[int] | None = None
    ) -> dict[dt.datetime, dict[int, float]]:
        """Hours of the bookings per period and resource, in one query.

        `bounds` are the sorted edges of consecutive periods; the answer maps each period's
        start to {resource id: hours of the bookings that begin in it}.
        """
        queryset = self.filter(start__gte=bounds[0], start__lt=bounds[-1])
        wanted = None
        if resource_ids is not None:
            wanted = set(resource_ids)
            if len(wanted) <= HOURS_LOOKUP_LIMIT:
                queryset = queryset.filter(resource_id__in=wanted)
        period = models.Case(
            *(
                models.When(start__lt=edge, then=models.Value(index))
                for index, edge in enumerate(bounds[1:-1])
            ),
            default=models.Value(len(bounds) - 2),
            output_field=models.IntegerField(),
        )
        rows = (
            queryset.order_by()
            .annotate(period=period)
            .values("period", "resource_id")
            .annotate(total=models.Sum(Hours(F("end"), F("start"))))
            .values_list("period", "resource_id", "total")
        )
        result: dict[dt.datetime, dict[int, float]] = {edge: {} for edge in bounds[:-1]}
        for index, pk, total in rows:
            if wanted is None or pk in wanted:
                result[bounds[index]][pk] = total
        return result


class Booking(models.Model):
    """An interval of a resource's time, with buffers for setting up and travelling.

    `blocked_start` and `blocked_end` are the interval widened by its buffers: the span no
    other active booking of the resource may meet. On PostgreSQL an exclusion constraint
    guards it (migration 0002); elsewhere `services.book` does.
    """

    # Looked up through the two indexes below, which both begin with it.
    resource = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("resource"),
        db_index=False,
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    buffer_before = models.DurationField(_("buffer before"), default=dt.timedelta)
    buffer_after = models.DurationField(_("buffer after"), default=dt.timedelta)
    blocked_start = models.DateTimeField(editable=False)
    blocked_end = models.DateTimeField(editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.TENTATIVE
    )
    # The bookings made together (a kit and its parts, a room and its equipment) share a group.
    group = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    # What the booking belongs to: a loan, a registration, a reservation.
    owner_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["resource", "blocked_start", "blocked_end"]),
            # A mentor's hours in a month, counted under the lock of every booking.
            models.Index(fields=["resource", "start"]),
            models.Index(fields=["start"]),
            models.Index(fields=["owner_type", "owner_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_start__lte=F("start")) & Q(blocked_end__gte=F("end")),
                name="booking_blocked_span_covers_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start

    def widen(self) -> None:
        # In UTC: arithmetic on a Helsinki datetime drops `fold` in the repeated autumn hour.
        self.blocked_start = self.start.astimezone(dt.UTC) - self.buffer_before
        self.blocked_end = self.end.astimezone(dt.UTC) + self.buffer_after


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def window_needed(start: dt.datetime, end: dt.datetime) -> tuple[int, dt.time, dt.time] | None:
    """The Helsinki weekday, start and end a weekly window must hold for [start, end).

    None when the span runs past midnight: no weekly window does.
    """
    first, last = start.astimezone(HELSINKI), end.astimezone(HELSINKI)
    if last.date() != first.date():
        return None
    return first.weekday(), first.time(), last.time()


class WeeklyAvailabilityQuerySet(models.QuerySet):
    def covering(self, start: dt.datetime, end: dt.datetime) -> "WeeklyAvailabilityQuerySet":
        """Windows that hold [start, end) whole, on the Helsinki day on which it begins."""
        needed = window_needed(start, end)
        if needed is None:
            return self.none()
        weekday, opens, closes = needed
        return self.filter(weekday=weekday, start_time__lte=opens, end_time__gte=closes)


class AbsenceQuerySet(models.QuerySet):
    def overlapping(self, start: dt.datetime, end: dt.datetime) -> "AbsenceQuerySet":
        return self.filter(start__lt=end, end__gt=start)


class WeeklyAvailability(models.Model):
    """A weekly window in Helsinki wall-clock time: Tuesday 9-11 stays 9-11 all year."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    objects = WeeklyAvailabilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="availability_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class Absence(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="absences")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource}: {self.start:%Y-%m-%d}-{self.end:%Y-%m-%d}"
