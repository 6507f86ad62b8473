"""The loan page, the steps taken on it (book, accept, decline, cancel, complete, confirm,
move a session) and the loan's calendar file."""

import datetime as dt
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lainaamo.core.bounds import searchable
from lainaamo.core.errors import DomainError
from lainaamo.core.forms import show_error
from lainaamo.core.ical import build_calendar
from lainaamo.core.timeutil import now
from lainaamo.scheduling.models import ACTIVE_STATUSES
from lainaamo.scheduling.services import SlotTaken, free_slots, weekly_rules

from .. import permissions, services
from ..forms import BookForm, CompleteForm, ReasonForm, RescheduleForm
from ..matching import find_matches
from ..models import Loan, LoanSession, LoanStatus
from ..notifications import session_entry

ADD_SESSION_SLOTS = 6
# A moved session is offered the mentor's next free times within this reach.
MOVE_SLOTS = 6
MOVE_SEARCH = dt.timedelta(days=21)


def _visible_loan(request, pk: int) -> Loan:
    queryset = (
        permissions.visible_loans(request.user)
        .select_related(
            "borrower__home_unit",
            "borrower_unit",
            "municipality",
            "mentor__person__home_unit",
            "requested_mentor__person",
            "cancelled_by",
        )
        .prefetch_related("skills")
    )
    return get_object_or_404(queryset, pk=pk)


def _more_slots(loan: Loan) -> list:
    """Free slots of the loan's mentor in the borrower's windows, for another session."""
    windows = searchable(list(loan.windows.values_list("start", "end")), now())
    before, after = services.buffers_for(loan)
    rules = weekly_rules([loan.mentor.resource_id])  # read once for all the windows
    slots = []
    for start, end in windows:
        found = free_slots(
            resource_ids=[loan.mentor.resource_id],
            start=start,
            end=end,
            duration=loan.duration,
            buffer_before=before,
            buffer_after=after,
            limit=ADD_SESSION_SLOTS,
            rules=rules,
        )
        slots.extend(found[loan.mentor.resource_id])
        if len(slots) >= ADD_SESSION_SLOTS:
            break
    return slots[:ADD_SESSION_SLOTS]


def _free_times_to_move_to(loan: Loan) -> list:
    """The mentor's next free times in the coming weeks, offered when a session is moved."""
    before, after = services.buffers_for(loan)
    start = now()
    return free_slots(
        resource_ids=[loan.mentor.resource_id],
        start=start,
        end=start + MOVE_SEARCH,
        duration=loan.duration,
        buffer_before=before,
        buffer_after=after,
        limit=MOVE_SLOTS,
    )[loan.mentor.resource_id]


def _loan_page(request, loan: Loan, *, bound: dict | None = None, error: str = "", status=200):
    """Render the loan page; `bound` holds forms that came back with errors, by name."""
    user = request.user
    bound = bound or {}
    sessions = list(loan.sessions.select_related("booking").order_by("booking__start"))
    current = now()
    is_open = loan.status in (LoanStatus.REQUESTED, LoanStatus.BOOKED, LoanStatus.ACCEPTED)
    may_move = loan.status in (LoanStatus.BOOKED, LoanStatus.ACCEPTED) and (
        permissions.is_borrower(user, loan)
        or permissions.is_loan_mentor(user, loan)
        or permissions.can_coordinate_loan(user, loan)
    )
    for session in sessions:
        session.movable = (
            may_move and session.booking.is_active and session.booking.start > current
        )
        prefix = f"move-{session.pk}"
        session.move_form = bound.get(prefix) or RescheduleForm(prefix=prefix)
    movable = any(session.movable for session in sessions)
    move_slots = _free_times_to_move_to(loan) if movable and loan.mentor_id else []
    active = [s for s in sessions if s.booking.is_active]
    can_book = permissions.can_book_session(user, loan)
    matches = find_matches(loan) if can_book and loan.status == LoanStatus.REQUESTED else []
    more_slots = (
        _more_slots(loan)
        if can_book and loan.mentor_id and loan.status in (LoanStatus.BOOKED, LoanStatus.ACCEPTED)
        else []
    )
    held = any(s.booking.start <= current for s in active)
    ahead = any(s.booking.start > current for s in active)
    can = {
        "answer": permissions.can_answer_loan(user, loan) and loan.status == LoanStatus.BOOKED,
        "complete": permissions.can_complete_loan(user, loan)
        and loan.status == LoanStatus.ACCEPTED,
        "complete_now": held and not ahead,
        "confirm": permissions.can_confirm_loan(user, loan)
        and loan.status == LoanStatus.COMPLETED
        and loan.borrower_confirmed_at is None,
        "cancel": permissions.can_cancel_loan(user, loan) and is_open,
        "book": can_book,
    }
    context = {
        "loan": loan,
        "sessions": sessions,
        "has_active_sessions": bool(active),
        "windows": list(loan.windows.all()),
        "events": list(loan.events.select_related("actor")),
        "matches": matches,
        "more_slots": more_slots,
        "move_slots": move_slots,
        "can": can,
        "error": error,
        "is_borrower": permissions.is_borrower(user, loan),
        "is_mentor": permissions.is_loan_mentor(user, loan),
        "answers_new_time": can["answer"] and services.answers_new_time(loan, user),
        "decline_form": bound.get("decline") or ReasonForm(prefix=f"decline-{loan.pk}"),
        "cancel_form": bound.get("cancel") or ReasonForm(prefix=f"cancel-{loan.pk}"),
        "complete_form": bound.get("complete") or CompleteForm(prefix=f"complete-{loan.pk}"),
    }
    return render(request, "mentors/loan_detail.html", context, status=status)


def _after_action(request, loan: Loan, message: str):
    messages.success(request, message)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("mentors:loan_detail", loan.pk)


def loan_step(view):
    """A step of a loan (book, accept, decline...) is taken by POST.

    When the step fails, the loan page is drawn again with the error at the step's address. A
    GET there (a reload, the language switch) goes back to the loan page, not to a bare 405.
    """

    @functools.wraps(view)
    def step(request, pk, *args, **kwargs):
        if request.method != "POST":
            return redirect("mentors:loan_detail", pk)
        return view(request, pk, *args, **kwargs)

    return step


@login_required
def loan_detail(request, pk):
    return _loan_page(request, _visible_loan(request, pk))


@login_required
@loan_step
def book(request, pk):
    loan = _visible_loan(request, pk)
    form = BookForm(request.POST)
    if not form.is_valid():
        return _loan_page(request, loan, error=_("Choose one of the times offered."), status=400)
    try:
        services.book_session(
            loan=loan,
            mentor=form.cleaned_data["mentor"],
            start=form.cleaned_data["start"],
            actor=request.user,
        )
    except SlotTaken as error:
        # The page is drawn again, so the matches and their free times are fresh.
        return _loan_page(request, _visible_loan(request, pk), error=str(error), status=409)
    except DomainError as error:
        return _loan_page(request, loan, error=str(error), status=error.status)
    return _after_action(
        request, loan, _("The session is booked. The mentor will accept or decline it.")
    )


@login_required
@loan_step
def accept(request, pk):
    loan = _visible_loan(request, pk)
    try:
        services.accept_loan(loan=loan, actor=request.user)
    except DomainError as error:
        return _loan_page(request, loan, error=str(error), status=error.status)
    return _after_action(
        request, loan, _("You accepted the loan. Both of you got the invitation.")
    )


def _step_with_form(request, loan, form, key: str, step, done):
    """Take a loan step whose input is a form; on any error the loan page shows it again.

    `done` is the message of success, or a function of the step's result that gives it.
    """
    if not form.is_valid():
        return _loan_page(request, loan, bound={key: form})
    try:
        result = step(form.cleaned_data)
    except DomainError as error:
        show_error(form, error)
        return _loan_page(request, loan, bound={key: form}, status=error.status)
    return _after_action(request, loan, done(result) if callable(done) else done)


@login_required
@loan_step
def decline(request, pk):
    loan = _visible_loan(request, pk)
    return _step_with_form(
        request,
        loan,
        ReasonForm(request.POST, prefix=f"decline-{loan.pk}"),
        "decline",
        lambda data: services.decline_loan(loan=loan, actor=request.user, reason=data["reason"]),
        lambda answered: (
            _("You declined the new time. The borrower gets word; the loan stays yours.")
            if answered.status == LoanStatus.ACCEPTED
            else _("You declined the request. The borrower gets word.")
        ),
    )


@login_required
@loan_step
def cancel(request, pk):
    loan = _visible_loan(request, pk)
    return _step_with_form(
        request,
        loan,
        ReasonForm(request.POST, prefix=f"cancel-{loan.pk}"),
        "cancel",
        lambda data: services.cancel_loan(loan=loan, actor=request.user, reason=data["reason"]),
        _("The loan is cancelled. Everyone involved gets word."),
    )


@login_required
@loan_step
def complete(request, pk):
    loan = _visible_loan(request, pk)
    return _step_with_form(
        request,
        loan,
        CompleteForm(request.POST, prefix=f"complete-{loan.pk}"),
        "complete",
        lambda data: services.complete_loan(
            loan=loan, actor=request.user, hours=data["hours"], outcome=data["outcome"]
        ),
        _("The loan is completed. Thank you for lending your time!"),
    )


@login_required
@loan_step
def confirm(request, pk):
    loan = _visible_loan(request, pk)
    try:
        services.confirm_completion(loan=loan, actor=request.user)
    except DomainError as error:
        return _loan_page(request, loan, error=str(error), status=error.status)
    return _after_action(request, loan, _("Thank you for confirming."))


@login_required
@loan_step
def reschedule(request, pk, session_pk):
    loan = _visible_loan(request, pk)
    session = get_object_or_404(LoanSession.objects.filter(loan=loan), pk=session_pk)
    form = RescheduleForm(request.POST, prefix=f"move-{session.pk}")
    return _step_with_form(
        request,
        loan,
        form,
        f"move-{session.pk}",
        lambda data: services.reschedule_session(
            session=session, start=form.start_at(), actor=request.user
        ),
        _("The session is moved. Both of you got the new time."),
    )


@login_required
def invitation(request, pk):
    """The loan's sessions as a calendar file to add to one's own calendar."""
    loan = _visible_loan(request, pk)
    sessions = list(
        loan.sessions.select_related("booking").filter(booking__status__in=ACTIVE_STATUSES)
    )
    language = get_language()
    entries = []
    for session in sessions:
        session.loan = loan
        entries.append(session_entry(session, language=language))
    body = build_calendar(entries, method="PUBLISH")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lainaamo-{loan.pk}.ics"'
    return response
