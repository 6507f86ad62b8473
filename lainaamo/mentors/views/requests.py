"""The request form and its live preview of the mentors who could take the request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lainaamo.core.bounds import id_or_none
from lainaamo.core.errors import DomainError
from lainaamo.core.forms import show_error
from lainaamo.directory.models import Person

from .. import services
from ..forms import LoanRequestForm, window_formset
from ..matching import MatchQuery, find_matches
from ..models import MentorProfile, Mode, Skill

PREVIEW_MATCHES = 5


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
