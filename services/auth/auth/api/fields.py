"""Request fields the auth API shares: contacts normalized as they are stored, names, passwords, languages."""
from marshmallow import fields, validate

from auth.domain.accounts import KOREAN, LANGUAGES
from contracts.logins import normalize_email, normalize_phone
from servicekit.languages import _, request_language


class EmailAddress(fields.Email):
    """An email address, trimmed and lower-cased so one mailbox is one account."""

    def _deserialize(self, value, attr, data, **kwargs):
        return normalize_email(super()._deserialize(value, attr, data, **kwargs))


class MobilePhone(fields.String):
    """A Korean mobile number; dashes and spaces are accepted and dropped."""

    default_error_messages = {
        # Plain text (marshmallow formats a str; servicekit looks it up by its msgid), marked for the catalog.
        "invalid_phone": _("Give a Korean mobile number such as 010-1234-5678.").msgid,
    }

    def _deserialize(self, value, attr, data, **kwargs):
        digits = normalize_phone(super()._deserialize(value, attr, data, **kwargs))
        if digits is None:
            raise self.make_error("invalid_phone")
        return digits


def Email(**kwargs) -> EmailAddress:
    return EmailAddress(validate=validate.Length(max=254), **kwargs)


def PersonName(**kwargs) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=100), validate.Regexp(r"\S")], **kwargs)


def Password(**kwargs) -> fields.String:
    """Loaded only; its rules are the password policy's, which names each one that fails."""
    return fields.String(load_only=True, **kwargs)


def Language(**kwargs) -> fields.String:
    return fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "What the platform writes to the owner in: ko (Korean, the default) or en (English)."},
        **kwargs,
    )


def ChosenLanguage() -> fields.String:
    """A new account's language: as given, else the one the sign-up request accepts (Accept-Language), else Korean."""
    return fields.String(
        validate=validate.OneOf(LANGUAGES),
        load_default=request_language,
        metadata={"default": KOREAN, "description": "What the platform writes to the owner in: ko (Korean) or en "
                  "(English); when left out, the language the request accepts (Accept-Language), else ko."},
    )
