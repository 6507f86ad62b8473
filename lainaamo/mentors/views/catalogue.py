"""The catalogue of mentors, with its filters, and a mentor's page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from lainaamo.core.timeutil import local, now

from ..forms import CatalogueFilterForm
from ..models import MentorProfile, MentorSkill, Mode

CATALOGUE_PAGE_SIZE = 24


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
