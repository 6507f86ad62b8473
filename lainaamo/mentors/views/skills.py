"""The skills on offer, which coordinators add and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import permissions
from ..forms import SkillForm
from ..models import Skill


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
