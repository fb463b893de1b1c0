"""Field types that event schemas share: identifiers, money, timestamps."""
from datetime import timezone

from marshmallow import fields, validate

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def Id(**kwargs) -> fields.String:
    """A UUID in its canonical lower-case text form."""
    kwargs.setdefault("required", True)
    return fields.String(validate=validate.Regexp(UUID_PATTERN), **kwargs)


def Won(**kwargs) -> fields.Integer:
    """An amount of money in integer Korean won; never a float."""
    kwargs.setdefault("required", True)
    return fields.Integer(strict=True, validate=validate.Range(min=0), **kwargs)


def Quantity(**kwargs) -> fields.Integer:
    kwargs.setdefault("required", True)
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=10_000), **kwargs)


def Timestamp(**kwargs) -> fields.AwareDateTime:
    """A timezone-aware instant, written in UTC."""
    kwargs.setdefault("required", True)
    return fields.AwareDateTime(default_timezone=timezone.utc, **kwargs)
