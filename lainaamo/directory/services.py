"""Writes about accounts: API tokens."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lainaamo.core.errors import Conflict, NotFound

from .models import ApiToken, Person


class TooManyTokens(Conflict):
    code = "too_many_tokens"
    message = _(
        "You already have %(limit)s API tokens in use. Revoke one you no longer need on your "
        "profile page, then ask for a new one."
    )


@transaction.atomic
def issue_api_token(*, person: Person, name: str = "") -> tuple[ApiToken, str]:
    """A new API token and its key, unless the person already holds as many as allowed."""
    # The person's row is locked so that two requests at once cannot both take the last place.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    now = timezone.now()
    tokens = ApiToken.objects.filter(person=person)
    tokens.exclude(expires_at__gt=now).delete()
    limit = settings.API_TOKENS_PER_PERSON
    if tokens.count() >= limit:
        raise TooManyTokens(limit=limit)
    return ApiToken.issue(person, name=name.strip())


def revoke_api_token(*, person: Person, token_id: int) -> None:
    """Revoke one of the person's own tokens; another person's token is not found."""
    deleted, _rows = ApiToken.objects.filter(person=person, pk=token_id).delete()
    if not deleted:
        raise NotFound()
