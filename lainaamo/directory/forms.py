"""Forms for accounts: log in, password reset in the user's own language, personal details."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lainaamo.core.bounds import ModelIdChoiceField

from .models import Person, Unit


class LanguageSelect(forms.Select):
    """A menu of languages, each named in itself and marked with its language (WCAG 3.1.2)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class LanguageRadioSelect(forms.RadioSelect):
    option_template_name = "core/forms/language_option.html"


class LanguageCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    option_template_name = "core/forms/language_option.html"


class LoginForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is wrong. Note that the password is "
            "case-sensitive."
        ),
    }

    def clean_username(self) -> str:
        # E-mail addresses are stored in lower case; the throttle counts an account once,
        # however its address was typed.
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, writing to each user in the language they chose."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class UnitChoiceField(ModelIdChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.municipality.name}: {unit.name}"


class PersonForm(forms.ModelForm):
    home_unit = UnitChoiceField(
        queryset=Unit.objects.select_related("municipality"),
        label=_("Home unit"),
        required=False,
        empty_label=_("No unit"),
    )

    class Meta:
        model = Person
        fields = ["name", "language", "home_unit"]
        labels = {"name": _("Name"), "language": _("Language")}
        help_texts = {
            "language": _("Pages, messages and calendar invitations come in this language."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "language": LanguageSelect,
        }
