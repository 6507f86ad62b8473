"""Accounts: log in and out, and passwords, with Django's views and Lainaamo's templates."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy

from lainaamo.core.middleware import set_language_cookie

from .forms import LoginForm, PasswordResetForm


class LoginView(auth_views.LoginView):
    template_name = "directory/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Log in, and serve the pages from now on in the language the user chose."""
        response = super().form_valid(form)
        set_language_cookie(response, form.get_user().language)
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
