"""The pages of "Borrow a mentor": catalogue, mentor page, request, loans, inbox and figures.
Views are thin: forms check the input's shape, services decide and write."""

import datetime as dt
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lainaamo.core.bounds import id_or_none, searchable
from lainaamo.core.errors import DomainError
from lainaamo.core.forms import show_error
from lainaamo.core.ical import build_calendar
from lainaamo.core.timeutil import local, now
from lainaamo.directory.models import Municipality, Person, Unit
from lainaamo.directory.permissions import coordinated_municipality_ids
from lainaamo.scheduling.models import ACTIVE_STATUSES
from lainaamo.scheduling.services import SlotTaken, free_slots

from . import figures, permissions, services
from .contributions import roles_of
from .forms import (
    BookForm,
    CatalogueFilterForm,
    CompleteForm,
    LoanRequestForm,
    ReasonForm,
    RescheduleForm,
    SkillForm,
    window_formset,
)
from .matching import MatchQuery, find_matches
from .models import Loan, LoanSession, LoanStatus, MentorProfile, MentorSkill, Mode, Skill
from .notifications import session_entry

CATALOGUE_PAGE_SIZE = 24
PREVIEW_MATCHES = 5
ADD_SESSION_SLOTS = 6
# A moved session is offered the mentor's next free times within this reach.
MOVE_SLOTS = 6
MOVE_SEARCH = dt.timedelta(days=21)


# --- catalogue and mentor page -------------------------------------------------------------------


def _mentors_for_listing():
    return MentorProfile.objects.select_related(
        "person__home_unit__municipality", "cohort"
    ).prefetch_related(
        Prefetch(
            "skill_levels",
            queryset=MentorSkill.objects.select_related("skill").order_by(
                "-level", "skill__position", "skill__slug"
            ),
        ),
        "languages",
    )


def _partial(request) -> bool:
    """An htmx request for a part of the page (not a history restore, which needs it all)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@login_required
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    mentors = _mentors_for_listing().active(on=local(now()).date())
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
        if data.get("skill"):
            mentors = mentors.filter(skill_levels__skill=data["skill"])
        if data.get("language"):
            mentors = mentors.filter(languages__language=data["language"])
        if data.get("sector"):
            mentors = mentors.filter(person__home_unit__sector=data["sector"])
        if data.get("mode") == Mode.ON_SITE:
            mentors = mentors.filter(on_site=True)
        elif data.get("mode") == Mode.REMOTE:
            mentors = mentors.filter(remote=True)
        if data.get("municipality"):
            mentors = mentors.filter(municipalities=data["municipality"])
    page = Paginator(mentors.order_by("person__name", "pk"), CATALOGUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "mentors": page.object_list}
    template = "mentors/_catalogue_results.html" if _partial(request) else "mentors/catalogue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def mentor_detail(request, pk):
    mentor = get_object_or_404(_mentors_for_listing().prefetch_related("municipalities"), pk=pk)
    language = get_language()
    bio = getattr(mentor, f"bio_{language}", "") or ""
    other_bios = [
        {"code": code, "text": getattr(mentor, f"bio_{code}", "")}
        for code in ("fi", "sv", "en")
        if code != language and getattr(mentor, f"bio_{code}", "")
    ]
    active = MentorProfile.objects.active(on=local(now()).date()).filter(pk=mentor.pk).exists()
    return render(
        request,
        "mentors/mentor_detail.html",
        {
            "mentor": mentor,
            "bio": bio,
            "other_bios": other_bios,
            "active": active,
            "is_self": mentor.person_id == request.user.pk,
        },
    )


# --- request form --------------------------------------------------------------------------------


def _request_arguments(user: Person, form: LoanRequestForm, windows: list) -> dict:
    data = form.cleaned_data
    return {
        "borrower": user,
        "skills": list(data["skills"]),
        "need": data["need"],
        "language": data["language"],
        "mode": data["mode"],
        "place": data.get("place") or "",
        "video_link": data.get("video_link") or "",
        "duration_minutes": data["duration_minutes"],
        "group_size": data["group_size"],
        "windows": windows,
        "mentor": data.get("mentor"),
    }


def _chosen_mentor(form: LoanRequestForm) -> MentorProfile | None:
    value = form["mentor"].value()
    if isinstance(value, MentorProfile):
        return value
    pk = id_or_none(value)
    if pk is not None:
        return MentorProfile.objects.select_related("person").filter(pk=pk).first()
    return None


@login_required
def request_form(request):
    if request.method == "POST":
        form = LoanRequestForm(request.POST)
        windows = window_formset(request.POST)
        windows_valid = windows.is_valid()
        if form.is_valid() and not windows_valid:
            # So that all errors show at once: the service checks the rest of the request, and
            # its error shows beside those of the windows. It checks the windows last.
            try:
                services.draft_loan(**_request_arguments(request.user, form, windows=[]))
            except DomainError as error:
                if error.field != "windows":
                    show_error(form, error)
        elif form.is_valid():
            arguments = _request_arguments(request.user, form, windows.intervals())
            try:
                loan = services.request_loan(**arguments)
            except DomainError as error:
                show_error(windows if error.field == "windows" else form, error)
            else:
                messages.success(
                    request, _("Your request is saved. Choose a mentor and a time below.")
                )
                return redirect("mentors:loan_detail", loan.pk)
    else:
        initial = {"language": request.user.language}
        mentor_id = id_or_none(request.GET.get("mentor"))
        if mentor_id is not None:
            initial["mentor"] = (
                MentorProfile.objects.select_related("person").filter(pk=mentor_id).first()
            )
        skill = request.GET.get("skill")
        if skill:
            initial["skills"] = list(Skill.objects.filter(slug=skill))
        form = LoanRequestForm(initial=initial)
        windows = window_formset()
    return render(
        request,
        "mentors/request_form.html",
        {"form": form, "windows": windows, "chosen_mentor": _chosen_mentor(form)},
    )


def _preview_problem(form: LoanRequestForm, error: DomainError) -> str:
    """What stops the preview, said as the preview says it: matching needs skills and times."""
    if error.field in ("skills", "windows"):
        return _("Choose the skills and give a time window to see who could help.")
    if error.field in form.fields and form.fields[error.field].label:
        return _("Check these fields to see who could help: %(fields)s.") % {
            "fields": form.fields[error.field].label
        }
    return str(error)


@login_required
@require_POST
def request_preview(request):
    """The mentors who could take the request as it stands, without saving anything."""
    data = request.POST.copy()
    # Matching does not read the need or the place, so the preview need not wait for them.
    if not data.get("need", "").strip():
        data["need"] = "-"
    if data.get("mode") == Mode.ON_SITE and not data.get("place", "").strip():
        data["place"] = "-"
    form = LoanRequestForm(data)
    windows = window_formset(data)
    matches: list = []
    problem = ""
    if all([form.is_valid(), windows.is_valid()]):
        try:
            draft = services.draft_loan(
                **_request_arguments(request.user, form, windows.intervals())
            )
        except DomainError as error:
            problem = _preview_problem(form, error)
        else:
            query = MatchQuery.of(
                draft.loan,
                skill_ids=[skill.pk for skill in draft.skills],
                windows=draft.windows,
            )
            matches = find_matches(query, limit=PREVIEW_MATCHES)
    elif "skills" in form.errors or not windows.is_valid():
        problem = _("Choose the skills and give a time window to see who could help.")
    else:
        # What matching needs is there; say what stops it.
        labels = [
            str(form.fields[name].label)
            for name in form.errors
            if name in form.fields and form.fields[name].label
        ]
        parts = list(form.non_field_errors())
        if labels:
            parts.append(
                _("Check these fields to see who could help: %(fields)s.")
                % {"fields": ", ".join(labels)}
            )
        problem = " ".join(parts)
    return render(
        request, "mentors/_request_preview.html", {"matches": matches, "problem": problem}
    )


# --- the loan page and its actions ---------------------------------------------------------------


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


# --- lists: my loans, the mentor's inbox ---------------------------------------------------------


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


# --- figures -------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    municipality_ids = coordinated_municipality_ids(request.user)
    if not municipality_ids:
        raise Http404
    current = now()
    this_year = local(current).year
    years = list(range(this_year, this_year - 5, -1))
    # Compared as text: "²" and "٢٠٢٦" pass str.isdigit() but are not years on offer.
    asked = request.GET.get("year", "")
    year = next((choice for choice in years if str(choice) == asked), this_year)
    start, end = figures.year_range(year)
    requests = figures.open_requests(municipality_ids=municipality_ids, at=current)
    return render(
        request,
        "mentors/dashboard.html",
        {
            "municipalities": list(Municipality.objects.filter(pk__in=municipality_ids)),
            "open_requests": requests,
            "unanswered": [row for row in requests if row.unanswered],
            "working_days": settings.UNANSWERED_AFTER_WORKING_DAYS,
            "month": figures.loans_this_month(municipality_ids=municipality_ids, at=current),
            "month_start": current,
            "sectors": figures.hours_between_sectors(
                municipality_ids=municipality_ids, start=start, end=end
            ),
            "year": year,
            "years": years,
            "can_edit_skills": permissions.can_edit_skills(request.user),
        },
    )


@login_required
def unit_figures(request, pk):
    if not permissions.can_see_unit_figures(request.user, pk):
        raise Http404
    unit = get_object_or_404(Unit.objects.select_related("municipality"), pk=pk)
    current = now()
    return render(
        request,
        "mentors/unit_figures.html",
        {
            "unit": unit,
            "by_sector": figures.unit_hours_by_sector(unit_id=unit.pk, at=current),
            "by_mentor": figures.unit_hours_by_mentor(unit_id=unit.pk, at=current),
            "today": local(current),
            "other_units": [u for u in roles_of(request).managed_units if u.pk != unit.pk],
        },
    )


# --- skills --------------------------------------------------------------------------------------


def _require_skill_editor(request) -> None:
    if not permissions.can_edit_skills(request.user):
        raise Http404


@login_required
def skills(request):
    _require_skill_editor(request)
    form = SkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        skill = form.save()
        messages.success(request, _("The skill %(name)s is added.") % {"name": skill})
        return redirect("mentors:skills")
    rows = Skill.objects.annotate(mentor_count=Count("mentor_levels")).order_by("position", "slug")
    return render(request, "mentors/skills.html", {"skills": list(rows), "form": form})


@login_required
def skill_edit(request, pk):
    _require_skill_editor(request)
    skill = get_object_or_404(Skill, pk=pk)
    form = SkillForm(request.POST or None, instance=skill)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The skill %(name)s is saved.") % {"name": skill})
        return redirect("mentors:skills")
    return render(request, "mentors/skill_form.html", {"skill": skill, "form": form})
