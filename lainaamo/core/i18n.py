"""Names of the service's languages as running text uses them."""

from django.utils.translation import gettext_lazy as _

# In running text a language is named in the language of the page (ruotsi, Swedish); menus
# name each language in itself (settings.LANGUAGES: suomi, svenska, English).
LANGUAGE_LABELS = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}


def language_label(code: str) -> str:
    """A language's name in the active language: Swedish, ruotsi, svenska."""
    return str(LANGUAGE_LABELS.get(code, code))
