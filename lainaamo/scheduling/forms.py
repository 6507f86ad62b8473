"""Forms for a resource's weekly hours and absences: what a mentor or a tutor offers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lainaamo.core.bounds import BoundedDateField

from .models import Weekday


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class AvailabilityForm(forms.Form):
    # A blank first choice: a select always sends a value, and a row whose day came preset
    # would count as filled in, so the empty rows offered for new hours would block saving.
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=[("", _("Choose a day")), *Weekday.choices], coerce=int
    )
    start = forms.TimeField(label=_("From"), widget=TimeInput)
    end = forms.TimeField(label=_("Until"), widget=TimeInput)


AvailabilityFormSet = forms.formset_factory(
    AvailabilityForm, extra=2, can_delete=True, max_num=50, absolute_max=50
)


class AbsenceForm(forms.Form):
    first_day = BoundedDateField(label=_("First day"), widget=DateInput)
    last_day = BoundedDateField(label=_("Last day"), widget=DateInput)
    reason = forms.CharField(label=_("Note (only you see it)"), max_length=200, required=False)


AbsenceFormSet = forms.formset_factory(
    AbsenceForm, extra=1, can_delete=True, max_num=50, absolute_max=50
)
