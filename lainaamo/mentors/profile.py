"""The mentor's part of the profile page (directory's page; see lainaamo.directory.profile):
what they offer, their skills, weekly hours and absences."""

import datetime as dt

from lainaamo.core.errors import DomainError
from lainaamo.core.forms import show_error
from lainaamo.core.timeutil import local, now
from lainaamo.directory.profile import ProfilePart
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.forms import AbsenceFormSet, AvailabilityFormSet
from lainaamo.scheduling.models import Absence, WeeklyAvailability

from . import services
from .forms import (
    MentorProfileForm,
    SkillLevelsForm,
    kept_rows,
)
from .models import MentorProfile, MentorSkill, Skill


def _availability_initial(mentor: MentorProfile) -> list[dict]:
    return [
        {"weekday": rule.weekday, "start": rule.start_time, "end": rule.end_time}
        for rule in WeeklyAvailability.objects.filter(resource_id=mentor.resource_id)
    ]


def _absences_initial(mentor: MentorProfile) -> list[dict]:
    return [
        {
            "first_day": local(absence.start).date(),
            "last_day": local(absence.end - dt.timedelta(microseconds=1)).date(),
            "reason": absence.reason,
        }
        for absence in Absence.objects.filter(resource_id=mentor.resource_id, end__gt=now())
    ]


class MentorPart(ProfilePart):
    """Every form of the mentor's part; the one posted bound to the posted data."""

    template_name = "mentors/_profile_mentor.html"
    sections = ("mentor", "skills", "availability", "absences")

    def __init__(self, request, person, posted, *, mentor: MentorProfile) -> None:
        super().__init__(request, person, posted)
        self.mentor = mentor
        all_skills = list(Skill.objects.offered().order_by("position", "slug"))
        levels = dict(MentorSkill.objects.filter(mentor=mentor).values_list("skill_id", "level"))
        self.mentor_form = MentorProfileForm.for_mentor(mentor, self.bound("mentor"))
        self.skills_form = SkillLevelsForm(self.bound("skills"), skills=all_skills, levels=levels)
        self.availability = AvailabilityFormSet(
            self.bound("availability"), initial=_availability_initial(mentor), prefix="weekly"
        )
        self.absences = AbsenceFormSet(
            self.bound("absences"), initial=_absences_initial(mentor), prefix="absence"
        )

    def save(self) -> bool:
        """Validate and save the posted section. Service errors become form errors."""
        form = {
            "mentor": self.mentor_form,
            "skills": self.skills_form,
            "availability": self.availability,
            "absences": self.absences,
        }[self.posted]
        if not form.is_valid():
            return False
        try:
            self._save(self.posted, form)
        except DomainError as error:
            show_error(form, error)
            return False
        return True

    def _save(self, section: str, form) -> None:
        mentor = self.mentor
        if section == "mentor":
            data = form.cleaned_data
            services.update_mentor_profile(
                mentor=mentor,
                bio={code: data[f"bio_{code}"] for code in ("fi", "sv", "en")},
                languages=data["languages"],
                municipality_ids=[m.pk for m in data["municipalities"]],
                on_site=data["on_site"],
                remote=data["remote"],
                monthly_hours=data["monthly_hours"],
                paused=data["paused"],
                returns_on=data["returns_on"],
            )
        elif section == "skills":
            services.save_mentor_skills(mentor=mentor, levels=form.levels())
        elif section == "availability":
            scheduling.set_weekly_hours(
                resource=mentor.resource,
                rows=[(row["weekday"], row["start"], row["end"]) for row in kept_rows(form)],
            )
        else:
            scheduling.set_absences(
                resource=mentor.resource,
                rows=[
                    (row["first_day"], row["last_day"], row["reason"]) for row in kept_rows(form)
                ],
            )


def mentor_parts(request, person, posted: str) -> list[ProfilePart]:
    """The mentor's part, for a person who is a mentor."""
    mentor = (
        MentorProfile.objects.filter(person=person)
        .select_related("cohort")
        .prefetch_related("languages", "municipalities")
        .first()
    )
    return [] if mentor is None else [MentorPart(request, person, posted, mentor=mentor)]
