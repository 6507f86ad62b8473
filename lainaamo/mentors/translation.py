from modeltranslation.translator import TranslationOptions, register

from .models import MentorProfile, Skill


@register(Skill)
class SkillTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(MentorProfile)
class MentorProfileTranslationOptions(TranslationOptions):
    fields = ("bio",)
