"""Loans of a mentor: the request, its preferred windows, sessions, declines and history."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lainaamo.directory.models import Language, Municipality, Unit
from lainaamo.scheduling.models import Booking

from .profiles import MentorProfile, Mode, Skill


class LoanStatus(models.TextChoices):
    # In context: a status describes the loan, and Swedish inflects it to agree ("lånet är
    # godkänt"), unlike a booking's ("bokningen är inställd").
    REQUESTED = "requested", pgettext_lazy("loan status", "Requested")
    BOOKED = "booked", pgettext_lazy("loan status", "Waiting for the mentor")
    ACCEPTED = "accepted", pgettext_lazy("loan status", "Accepted")
    COMPLETED = "completed", pgettext_lazy("loan status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("loan status", "Cancelled")


OPEN_STATUSES = (LoanStatus.REQUESTED, LoanStatus.BOOKED)


class LoanQuerySet(models.QuerySet):
    def open(self) -> "LoanQuerySet":
        return self.filter(status__in=OPEN_STATUSES)


class Loan(models.Model):
    """A staff member's request for a mentor, and what became of it."""

    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loans_borrowed"
    )
    # Copied from the borrower when the request is made, so that figures keep the unit, sector
    # and municipality the loan was made for even when the borrower later moves.
    borrower_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, related_name="+")
    borrower_sector = models.CharField(max_length=32)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="loans")
    skills = models.ManyToManyField(Skill, related_name="loans", verbose_name=_("skills needed"))
    need = models.TextField(_("what you need help with"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video meeting link"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    group_size = models.PositiveSmallIntegerField(
        _("group size"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    requested_mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor asked for"),
    )
    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="loans"
    )
    # Copied when the mentor is chosen, for the same reason as the borrower's unit.
    mentor_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, related_name="+")
    mentor_sector = models.CharField(max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=LoanStatus.choices, default=LoanStatus.REQUESTED
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    borrower_confirmed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["mentor", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode="remote") | ~Q(place=""), name="on_site_loan_has_a_place"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.need[:40]}"

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class LoanWindow(models.Model):
    """A time window the borrower prefers for the sessions."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="windows")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="loan_window_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}-{self.end:%Y-%m-%d %H:%M}"


class LoanSession(models.Model):
    """One meeting of a loan: a booking of the mentor's time."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="sessions")
    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="loan_session")

    class Meta:
        ordering = ["booking__start"]

    def __str__(self) -> str:
        return f"{self.loan} @ {self.booking.start:%Y-%m-%d %H:%M}"


class Decline(models.Model):
    """A mentor said no to a loan, with a reason; the loan goes back to the borrower."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="declines")
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="declines")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.mentor}: {self.reason[:40]}"


class LoanEventKind(models.TextChoices):
    REQUESTED = "requested", _("requested")
    BOOKED = "booked", _("session booked")
    SESSION_ADDED = "session_added", _("session added")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    TIME_DECLINED = "time_declined", _("new time declined")
    RESCHEDULED = "rescheduled", _("session moved")
    COMPLETED = "completed", _("completed")
    CONFIRMED = "confirmed", _("confirmed by the borrower")
    CANCELLED = "cancelled", _("cancelled")


def _now() -> dt.datetime:
    return timezone.now()  # looked up at each call, so that tests can set the clock


class LoanEvent(models.Model):
    """One step in a loan's life, who took it and when: the loan page's history."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=LoanEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), default=_now)
    # The session's time, when the step booked or moved one; the time it had before a move.
    start = models.DateTimeField(null=True, blank=True)
    previous_start = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("loan event")
        verbose_name_plural = _("loan events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"#{self.loan_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
