"""Forms of the mentor pages. They check the shape of the input; the services keep the rules,
and the pages show the services' errors on the forms (lainaamo.core.forms.show_error)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lainaamo.core.bounds import (
    BoundedDateField,
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    year_in_range,
)
from lainaamo.core.timeutil import local, now, parse_iso, wall_clock
from lainaamo.directory.forms import (
    LanguageCheckboxSelectMultiple,
    LanguageRadioSelect,
    LanguageSelect,
)
from lainaamo.directory.models import Language, Municipality, Sector
from lainaamo.scheduling.forms import DateInput, TimeInput

from .models import Level, MentorProfile, Mode, Skill
from .services import MAX_WINDOWS

DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1.5 hours")),
    (120, _("2 hours")),
    (180, _("3 hours")),
    (240, _("4 hours")),
]

WINDOW_ROWS = 3
CHECKBOX_TEMPLATE = "core/forms/checkbox_field.html"


class SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, skill: Skill) -> str:
        return skill.name or skill.slug


class SkillMultipleChoiceField(ModelIdMultipleChoiceField):
    def label_from_instance(self, skill: Skill) -> str:
        return skill.name or skill.slug


class CatalogueFilterForm(forms.Form):
    skill = SkillChoiceField(
        queryset=Skill.objects.offered(),
        to_field_name="slug",
        required=False,
        label=_("Skill"),
        empty_label=_("Any skill"),
    )
    language = forms.ChoiceField(
        choices=[("", _("Any language")), *Language.choices],
        required=False,
        label=_("Language"),
        widget=LanguageSelect,
    )
    sector = forms.ChoiceField(
        choices=[("", _("Any sector")), *Sector.choices], required=False, label=_("Sector")
    )
    mode = forms.ChoiceField(
        choices=[("", _("On-site or remote")), *Mode.choices], required=False, label=_("Mode")
    )
    municipality = ModelIdChoiceField(
        queryset=Municipality.objects.all(),
        required=False,
        label=_("Municipality"),
        empty_label=_("Any municipality"),
    )


class LoanRequestForm(forms.Form):
    skills = SkillMultipleChoiceField(
        queryset=Skill.objects.offered(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Skills needed"),
        required=False,
    )
    need = forms.CharField(
        label=_("What do you need help with?"),
        help_text=_("In your own words: what you want to learn or get done, and for whom."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the help"), choices=Language.choices, widget=LanguageRadioSelect
    )
    mode = forms.ChoiceField(
        label=_("On-site or remote"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        initial=Mode.REMOTE,
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("For on-site help: the address and room."),
        max_length=300,
        required=False,
    )
    video_link = forms.URLField(
        label=_("Video meeting link"),
        help_text=_("For remote help, if you already have a meeting link (Teams, Zoom)."),
        required=False,
        assume_scheme="https",
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("Length of a session"), choices=DURATIONS, coerce=int, initial=60
    )
    group_size = forms.IntegerField(label=_("Number of people to help"), initial=1)
    mentor = ModelIdChoiceField(
        queryset=MentorProfile.objects.select_related("person"),
        required=False,
        widget=forms.HiddenInput,
    )


class WindowForm(forms.Form):
    """A preferred time window on one day, in Helsinki time."""

    day = BoundedDateField(label=_("Date"), widget=DateInput)
    start = forms.TimeField(label=_("From"), widget=TimeInput)
    end = forms.TimeField(label=_("Until"), widget=TimeInput)

    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return wall_clock(data["day"], data["start"]), wall_clock(data["day"], data["end"])


class BaseWindowFormSet(forms.BaseFormSet):
    def intervals(self) -> list[tuple[dt.datetime, dt.datetime]]:
        return [form.interval() for form in self.forms if form.cleaned_data]


WindowFormSet = forms.formset_factory(
    WindowForm,
    formset=BaseWindowFormSet,
    extra=WINDOW_ROWS,
    max_num=MAX_WINDOWS,
    absolute_max=MAX_WINDOWS,
)


def next_working_days(count: int) -> list[dt.date]:
    """The next `count` working days (Monday to Friday) after today in Helsinki."""
    days, day = [], local(now()).date()
    while len(days) < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def window_formset(data=None) -> "BaseWindowFormSet":
    """Three rows of time windows, proposing the next three working days, 9 to 16.

    Mentors lend on different days of the week; one proposed day alone often finds nobody.
    """
    formset = WindowFormSet(data, prefix="window")
    if data is None:
        for form, day in zip(formset.forms, next_working_days(len(formset.forms)), strict=False):
            form.initial = {"day": day, "start": dt.time(9), "end": dt.time(16)}
    return formset


class BookForm(forms.Form):
    """A slot button: the mentor and the start of a free slot the page offered."""

    mentor = ModelIdChoiceField(queryset=MentorProfile.objects.select_related("person"))
    start = forms.CharField(max_length=40)

    def clean_start(self) -> dt.datetime:
        try:
            start = parse_iso(self.cleaned_data["start"])
        except ValueError as error:
            raise ValidationError(_("The time is not valid.")) from error
        if not year_in_range(start.year):
            raise ValidationError(_("The time is not valid."))
        return start


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class CompleteForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours used"),
        help_text=_("All the time the loan took, preparation included, e.g. 1.5."),
        decimal_places=2,
        localize=True,
        required=False,
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        help_text=_("A few words on what was done and learned."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class RescheduleForm(forms.Form):
    day = BoundedDateField(label=_("New date"), widget=DateInput)
    start = forms.TimeField(label=_("New start time"), widget=TimeInput)

    def start_at(self) -> dt.datetime:
        return wall_clock(self.cleaned_data["day"], self.cleaned_data["start"])


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = [
            "slug",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "position",
            "retired",
        ]
        labels = {
            "slug": _("Identifier"),
            "name_fi": _("Name in Finnish"),
            "name_sv": _("Name in Swedish"),
            "name_en": _("Name in English"),
            "description_fi": _("Description in Finnish"),
            "description_sv": _("Description in Swedish"),
            "description_en": _("Description in English"),
            "position": _("Order in lists"),
            "retired": _("Retired"),
        }
        help_texts = {
            "slug": _("Short, lower case, with hyphens, e.g. social-media-planning."),
            "description_fi": _("One line on what the skill covers; optional."),
            "retired": _(
                "No longer offered for new requests or profiles. Loans and mentors that have "
                "the skill keep it."
            ),
        }
        widgets = {
            "name_fi": forms.TextInput(attrs={"lang": "fi"}),
            "name_sv": forms.TextInput(attrs={"lang": "sv"}),
            "name_en": forms.TextInput(attrs={"lang": "en"}),
            "description_fi": forms.Textarea(attrs={"lang": "fi", "rows": 2}),
            "description_sv": forms.Textarea(attrs={"lang": "sv", "rows": 2}),
            "description_en": forms.Textarea(attrs={"lang": "en", "rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every skill is named in all three languages: nothing is shown untranslated.
        for code in ("fi", "sv", "en"):
            self.fields[f"name_{code}"].required = True


class MentorProfileForm(forms.Form):
    bio_fi = forms.CharField(
        label=_("Introduction in Finnish"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "fi"}),
    )
    bio_sv = forms.CharField(
        label=_("Introduction in Swedish"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "sv"}),
    )
    bio_en = forms.CharField(
        label=_("Introduction in English"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I help in"),
        choices=Language.choices,
        widget=LanguageCheckboxSelectMultiple,
        required=False,
    )
    on_site = forms.BooleanField(
        label=_("I help on site"), required=False, template_name=CHECKBOX_TEMPLATE
    )
    remote = forms.BooleanField(
        label=_("I help remotely"), required=False, template_name=CHECKBOX_TEMPLATE
    )
    municipalities = ModelIdMultipleChoiceField(
        label=_("Municipalities I come to on site"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    monthly_hours = forms.DecimalField(
        label=_("Hours a month I may lend"), decimal_places=1, localize=True
    )
    paused = forms.BooleanField(
        label=_("I am on a break and take no requests"),
        required=False,
        template_name=CHECKBOX_TEMPLATE,
    )
    returns_on = BoundedDateField(
        label=_("Back from the break on"), required=False, widget=DateInput
    )

    @classmethod
    def for_mentor(cls, mentor: MentorProfile, data=None) -> "MentorProfileForm":
        initial = {
            "bio_fi": mentor.bio_fi,
            "bio_sv": mentor.bio_sv,
            "bio_en": mentor.bio_en,
            "languages": [row.language for row in mentor.languages.all()],
            "on_site": mentor.on_site,
            "remote": mentor.remote,
            "municipalities": list(mentor.municipalities.all()),
            "monthly_hours": mentor.monthly_hours,
            "paused": mentor.paused,
            "returns_on": mentor.returns_on,
        }
        return cls(data, initial=initial, prefix="mentor")


LEVEL_CHOICES = [("", _("Not offered")), *((str(v), label) for v, label in Level.choices)]


class SkillLevelsForm(forms.Form):
    """One choice per skill: not offered, basics, good or expert."""

    def __init__(self, *args, skills: list[Skill], levels: dict[int, int], **kwargs):
        super().__init__(*args, prefix="skills", **kwargs)
        for skill in skills:
            self.fields[f"skill_{skill.pk}"] = forms.TypedChoiceField(
                label=skill.name or skill.slug,
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(levels[skill.pk]) if skill.pk in levels else "",
            )
        self.skills = skills

    def levels(self) -> dict[int, int]:
        return {
            skill.pk: self.cleaned_data[f"skill_{skill.pk}"]
            for skill in self.skills
            if self.cleaned_data.get(f"skill_{skill.pk}")
        }


def kept_rows(formset: forms.BaseFormSet) -> list[dict]:
    """The cleaned rows of a formset that were filled in and not marked for deletion."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
