"""Throttles on logins and password reset mail, counted per client address and per account.

Behind a reverse proxy every request reaches Django from the proxy's address; the client's own
address is read from X-Forwarded-For, but only when the request comes from a proxy listed in
TRUSTED_PROXIES. Anyone else could write any address into that header.

Logins (django-axes, with this module's handler):

- Five failures for one account from one address lock that account there for 15 minutes
  (AXES_LOCKOUT_PARAMETERS); the owner elsewhere, or with the right password at another
  address, is not affected.
- Password spraying tries one or two common passwords on many accounts, staying under any
  per-account limit. So an address from which logins to LOGIN_ACCOUNTS_PER_ADDRESS different
  accounts have failed within the last 15 minutes may not try again until those failures are
  15 minutes old. A library's shared address serves many people; this limit is built so that
  their mistakes, or an attacker's, cannot shut the others out for long:
  - it counts accounts, not failures: a person who mistypes their own password ten times
    counts once (and meets their own account's limit);
  - attempts refused while an address or an account is blocked are not recorded
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so a block always ends 15 minutes
    after the failures that caused it, however long someone keeps trying;
  - a correct password does not lift the block for the address. If it did, a sprayer would
    simply carry on until a password was right: the block is what stops the spraying.
"""

import hashlib
import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the nearest one in X-Forwarded-For that is not a trusted proxy.

    Read from the right, since each proxy appends the address it was reached from: the first
    address that is not one of our proxies is the one our outermost proxy saw, which the
    client cannot forge. What lies further left the client may have written itself.
    """
    remote = request.META.get("REMOTE_ADDR")
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted_proxy(hop):
            return hop if _is_address(hop) else remote
    # Every hop is a proxy of ours (a request made from the proxy's own network).
    return hops[0] if hops else remote


def _is_address(text: str | None) -> bool:
    try:
        ipaddress.ip_address(text or "")
    except ValueError:
        return False
    return True


def _is_trusted_proxy(text: str | None) -> bool:
    if not settings.TRUSTED_PROXIES or not _is_address(text):
        return False
    address = ipaddress.ip_address(text)
    return any(address in network for network in settings.TRUSTED_PROXIES)


class LoginThrottle(AxesDatabaseHandler):
    """django-axes' lock per account and address, and a limit per address (see above)."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if self.address_tried_too_many_accounts(request, credentials):
            # The lock-out page says which limit was met.
            request.login_address_blocked = True
            return True
        return False

    def address_tried_too_many_accounts(self, request, credentials=None) -> bool:
        """Whether logins to too many accounts failed lately from this address."""
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return False
        # Every account counts, the one tried now too: were the accounts already counted let
        # through, a sprayer could keep the block up by trying them again.
        recent = AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
        )
        accounts = recent.values("username").distinct()[: settings.LOGIN_ACCOUNTS_PER_ADDRESS]
        return accounts.count() >= settings.LOGIN_ACCOUNTS_PER_ADDRESS


def take_turn(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Whether one more action fits under `limit` per `seconds` for this key; counts it if so.

    Each action takes one of `limit` slots in the shared cache, which frees itself `seconds`
    after it was taken. A slot is taken with `add`, which two servers cannot both win, so the
    limit holds under concurrent requests too.
    """
    cache = caches["throttle"]
    digest = hashlib.sha256(key.encode()).hexdigest()
    slots = [f"{scope}:{digest}:{number}" for number in range(limit)]
    taken = cache.get_many(slots)
    return any(slot not in taken and cache.add(slot, 1, timeout=seconds) for slot in slots)
