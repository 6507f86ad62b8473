"""The lists: a person's loans, as borrower and as mentor, and the mentor's inbox."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import render

from lainaamo.core.timeutil import now
from lainaamo.scheduling.models import ACTIVE_STATUSES

from .. import services
from ..contributions import roles_of
from ..forms import CompleteForm, ReasonForm
from ..models import Loan, LoanSession, LoanStatus, MentorProfile


def _with_next_session(queryset):
    current = now()
    return queryset.annotate(
        next_start=Min(
            "sessions__booking__start",
            filter=Q(
                sessions__booking__status__in=ACTIVE_STATUSES,
                sessions__booking__start__gte=current,
            ),
        )
    )


@login_required
def my_loans(request):
    user = request.user
    borrowed = _with_next_session(
        Loan.objects.filter(borrower=user)
        .select_related("mentor__person")
        .prefetch_related("skills")
        .order_by("-created_at")
    )
    lent = _with_next_session(
        Loan.objects.filter(mentor__person=user)
        .select_related("borrower", "borrower_unit")
        .prefetch_related("skills")
        .order_by("-created_at")
    )
    return render(
        request,
        "mentors/my_loans.html",
        {"borrowed": list(borrowed), "lent": list(lent), "is_mentor": roles_of(request).is_mentor},
    )


def _own_mentor_profile(request) -> MentorProfile:
    mentor = roles_of(request).mentor
    if mentor is None:
        raise Http404
    return mentor


@login_required
def inbox(request):
    mentor = _own_mentor_profile(request)
    current = now()
    active_sessions = LoanSession.objects.select_related("booking").filter(
        booking__status__in=ACTIVE_STATUSES
    )
    awaiting = list(
        Loan.objects.filter(mentor=mentor, status=LoanStatus.BOOKED)
        .annotate(new_time=services.accepted_before(mentor.person_id))
        .select_related("borrower", "borrower_unit", "municipality")
        .prefetch_related("skills", Prefetch("sessions", queryset=active_sessions))
        .order_by("created_at")
    )
    for loan in awaiting:
        loan.decline_form = ReasonForm(prefix=f"decline-{loan.pk}")
    upcoming = list(
        LoanSession.objects.filter(
            loan__mentor=mentor,
            loan__status__in=(LoanStatus.BOOKED, LoanStatus.ACCEPTED),
            booking__status__in=ACTIVE_STATUSES,
            booking__end__gte=current,
        )
        .select_related("booking", "loan__borrower", "loan__borrower_unit")
        .prefetch_related("loan__skills")
        .order_by("booking__start")
    )
    active = Q(sessions__booking__status__in=ACTIVE_STATUSES)
    to_complete = list(
        Loan.objects.filter(mentor=mentor, status=LoanStatus.ACCEPTED)
        .annotate(
            ahead=Count("sessions", filter=active & Q(sessions__booking__start__gt=current)),
            held=Count("sessions", filter=active & Q(sessions__booking__start__lte=current)),
        )
        .filter(ahead=0, held__gt=0)
        .select_related("borrower", "borrower_unit")
        .prefetch_related("skills")
        .order_by("created_at")
    )
    for loan in to_complete:
        loan.complete_form = CompleteForm(prefix=f"complete-{loan.pk}")
    return render(
        request,
        "mentors/inbox.html",
        {"awaiting": awaiting, "upcoming": upcoming, "to_complete": to_complete},
    )
