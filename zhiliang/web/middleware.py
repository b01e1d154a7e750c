"""Language: Simplified Chinese unless the user chose English with the switch in the header.

Django's own LocaleMiddleware would follow the browser's Accept-Language, so a school office computer with
an English system would show English to staff who never asked for it. Here the choice is the product's
default (settings.LANGUAGE_CODE) or the user's explicit choice, kept in the language cookie by Django's
`set_language` view; nothing else.
"""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
