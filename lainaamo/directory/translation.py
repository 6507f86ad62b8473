from modeltranslation.translator import TranslationOptions, register

from .models import Municipality, Region


class PlaceNameTranslationOptions(TranslationOptions):
    """A place's official name in each of its official languages, and only in those.

    Unlike other content (settings: no fallback), a place's name falls back to its official
    Finnish, then Swedish, name: Laihia has no Swedish name, so a Swedish page says "Laihia",
    and an English page says "Vaasa".
    """

    fields = ("name",)
    fallback_languages = {"default": ("fi", "sv")}
    # An empty name counts as missing and falls back; forms store it as NULL, which sorting
    # (models.PLACE_ORDER) skips.
    fallback_undefined = {"name": ""}
    empty_values = {"name": None}


@register(Region)
class RegionTranslationOptions(PlaceNameTranslationOptions):
    pass


@register(Municipality)
class MunicipalityTranslationOptions(PlaceNameTranslationOptions):
    pass
