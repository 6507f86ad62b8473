"""Accounts: log in and out, and passwords, with Django's views and Lainaamo's templates; one's
own profile page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lainaamo.core.contributions import contributions
from lainaamo.core.errors import NotFound
from lainaamo.core.middleware import set_language_cookie

from .forms import LoginForm, PasswordResetForm
from .models import Person
from .profile import ApiTokensPart, PersonPart
from .services import revoke_api_token
from .throttling import client_address, take_turn

PASSWORD_RESET_WINDOW = 3600


class LoginView(auth_views.LoginView):
    template_name = "directory/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Log in, and serve the pages from now on in the language the user chose.

        If the login page was in another language (switched there, or the browser's), the
        user is told which language their account uses and where to change it.
        """
        person = form.get_user()
        page_language = translation.get_language()
        response = super().form_valid(form)
        set_language_cookie(response, person.language)
        if page_language and page_language != person.language:
            with translation.override(person.language):
                messages.info(
                    self.request,
                    _(
                        "Your account's language is %(language)s: Lainaamo shows its pages and "
                        "writes its mail and calendar invitations in it. You can change it with "
                        "the language buttons at the top of every page."
                    )
                    % {"language": translation.get_language_info(person.language)["name_local"]},
                )
        return response


class LogoutView(auth_views.LogoutView):
    """Logging out takes a POST (the header's button). A GET, from a typed or bookmarked
    address, leaves the session as it is and goes to the front page instead of a bare 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return redirect("core:home")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "directory/password_change_form.html"
    success_url = reverse_lazy("directory:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "directory/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "directory/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "directory/password_reset_email.txt"
    subject_template_name = "directory/password_reset_subject.txt"
    success_url = reverse_lazy("directory:password_reset_done")

    def form_valid(self, form):
        # Limited per address (one client asking for many accounts) and per e-mail address
        # (someone filling another person's inbox). Counted whether or not the address has an
        # account, so that the answer tells nothing about who has one.
        email = form.cleaned_data["email"].strip().lower()
        if not (
            take_turn(
                "password-reset-address",
                client_address(self.request) or "",
                limit=settings.PASSWORD_RESETS_PER_ADDRESS,
                seconds=PASSWORD_RESET_WINDOW,
            )
            and take_turn(
                "password-reset-email",
                email,
                limit=settings.PASSWORD_RESETS_PER_EMAIL,
                seconds=PASSWORD_RESET_WINDOW,
            )
        ):
            form.add_error(
                None,
                _(
                    "Too many requests to set a new password. No mail was sent. Please try "
                    "again in an hour."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        # The link in the mail points at the public address, not at the host the request
        # happened to reach behind a proxy.
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "directory/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "directory/password_reset_confirm.html"
    success_url = reverse_lazy("directory:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "directory/password_reset_complete.html"


@require_POST
@login_required
def revoke_api_token_view(request, pk: int):
    """Revoke one of one's own API tokens, from the profile page."""
    try:
        revoke_api_token(person=request.user, token_id=pk)
    except NotFound as error:
        raise Http404 from error
    messages.success(
        request, _("The token is revoked. Programs that used it can no longer sign in with it.")
    )
    return redirect("directory:profile")


@login_required
def profile(request):
    """One's own profile: the person's details, then the parts higher apps contribute."""
    # A fresh copy, so that a form with errors does not change the name shown in the header.
    person = Person.objects.select_related("home_unit__municipality").get(pk=request.user.pk)
    posted = request.POST.get("section", "") if request.method == "POST" else ""
    parts = [PersonPart(request, person, posted)]
    for declared in contributions("profile"):
        parts.extend(declared(request, person, posted))
    parts.append(ApiTokensPart(request, person, posted))
    part = next((part for part in parts if posted in part.sections), None)
    if part is not None and part.save():
        response = redirect("directory:profile")
        part.after_save(response)
        messages.success(request, str(part.success_message))
        return response
    return render(request, "directory/profile.html", {"person": person, "parts": parts})
