"""Forms check the input's shape; the services keep the rules and forms show their errors."""

from django import forms

from .errors import DomainError


def show_error(form: forms.BaseForm | forms.BaseFormSet, error: DomainError) -> None:
    """Show a service's error on the form: at the field it names, if the form has that field.

    On a formset (rows of one input), above the rows.
    """
    if isinstance(form, forms.BaseFormSet):
        form.non_form_errors().append(str(error))
    else:
        form.add_error(error.field if error.field in form.fields else None, str(error))
