"""Domain errors: a stable code for machines, a translated message for people."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the operation; nothing was changed.

    `field`, when the error is about one input, names it as the services' arguments do, so that
    a form shows the error at that field and the API names it.
    """

    code = "invalid"
    message = _("The request could not be carried out.")
    status = 400
    field: str | None = None

    def __init__(
        self, message: str | None = None, *, field: str | None = None, **params: object
    ) -> None:
        self.params = params
        if message is not None:
            self.message = message
        if field is not None:
            self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class NotFound(DomainError):
    code = "not_found"
    message = _("Not found.")
    status = 404


class PermissionDenied(DomainError):
    """Raised where the object is visible but the action is not the user's to take."""

    code = "forbidden"
    message = _("You may not do this.")
    status = 403


class Conflict(DomainError):
    code = "conflict"
    message = _("The request conflicts with the current state.")
    status = 409


class InvalidTransition(Conflict):
    code = "invalid_transition"
    message = _("This step is not possible in the current state.")
