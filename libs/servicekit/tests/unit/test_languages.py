"""Problem answers speak the caller's language: Korean by default, English when Accept-Language asks for it."""
from pathlib import Path

import marshmallow.fields
import marshmallow.schema
import marshmallow.validate
import pytest
from flask import Flask
from flask_smorest import Api, Blueprint
from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

import servicekit
from servicekit.languages import _, register_translations, translate
from servicekit.problems import Problem, init_problems
from servicekit.testing.translations import untranslated_messages


class ItemSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    quantity = fields.Integer(required=True, validate=validate.Range(min=1, max=5))
    colour = fields.String(validate=validate.OneOf(["red", "blue"]))


def make_client(translations: Path | None = None):
    app = Flask("t")
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.1.0")
    if translations:
        register_translations(app, translations)
    api = Api(app)
    blp = Blueprint("items", __name__)

    @blp.post("/items")
    @blp.arguments(ItemSchema)
    def create(item):
        raise Problem(409, "no-coupon", "Conflict", _("There is no coupon %(coupon_id)s.", coupon_id=7))

    api.register_blueprint(blp)
    init_problems(app)
    return app.test_client()


INVALID = {"name": "", "quantity": 9, "colour": "green", "extra": 1}


def test_without_accept_language_a_422_is_korean_field_messages_too():
    response = make_client().post("/items", json=INVALID)
    assert response.status_code == 422
    assert response.headers["Content-Language"] == "ko"
    body = response.json
    assert body["title"] == "처리할 수 없는 요청"
    assert body["detail"] == "입력한 내용이 올바르지 않습니다. 항목별 오류(errors)를 확인해 주세요."
    assert body["errors"] == {
        "name": ["길이는 1에서 200 사이여야 합니다."],
        "quantity": ["1 이상 5 이하여야 합니다."],
        "colour": ["다음 중 하나여야 합니다: red, blue."],
        "extra": ["알 수 없는 항목입니다."],
    }


def test_with_accept_language_en_a_422_is_english():
    response = make_client().post("/items", json=INVALID, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.headers["Content-Language"] == "en"
    body = response.json
    assert body["title"] == "Unprocessable Entity"
    assert body["detail"] == "The request did not validate: see errors for each failing field."
    assert body["errors"]["name"] == ["Length must be between 1 and 200."]
    assert body["errors"]["quantity"] == ["Must be greater than or equal to 1 and less than or equal to 5."]


@pytest.mark.parametrize("header", ["fr-FR", "de, ja;q=0.5", "*"])
def test_a_language_we_do_not_write_gets_korean(header):
    response = make_client().get("/nowhere", headers={"Accept-Language": header})
    assert response.headers["Content-Language"] == "ko"


def test_a_404_is_korean_by_default():
    response = make_client().get("/nowhere")
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "ko"
    assert response.json["title"] == "찾을 수 없음"
    assert response.json["detail"].startswith("요청한 주소를 찾을 수 없습니다.")
    assert response.headers["Vary"] == "Accept-Language"


def test_a_405_is_english_when_asked():
    response = make_client().get("/items", headers={"Accept-Language": "en"})
    assert (response.status_code, response.json["title"]) == (405, "Method Not Allowed")


def test_a_service_message_is_read_from_the_service_catalog(tmp_path):
    write_catalog(tmp_path, {"There is no coupon %(coupon_id)s.": "%(coupon_id)s번 쿠폰이 없습니다."})
    client = make_client(tmp_path)
    valid = {"name": "tea", "quantity": 1}
    korean = client.post("/items", json=valid).json
    assert (korean["title"], korean["detail"]) == ("요청 충돌", "7번 쿠폰이 없습니다.")
    english = client.post("/items", json=valid, headers={"Accept-Language": "en"}).json
    assert (english["title"], english["detail"]) == ("Conflict", "There is no coupon 7.")


def test_a_message_no_catalog_holds_is_its_english():
    assert translate(_("Nobody wrote %(what)s.", what="this"), "ko") == "Nobody wrote this."
    assert translate("Some words of a service.", "ko") == "Some words of a service."
    assert str(_("There is no coupon %(coupon_id)s.", coupon_id=7)) == "There is no coupon 7."


class BookingSchema(Schema):
    day = fields.Date(required=True)
    nights = fields.Integer(required=True)

    @validates("day")
    def _day_not_past(self, value, **kwargs):
        raise ValidationError(_("Give a date on or after %(day)s.", day="2026-12-07"))

    @validates_schema(skip_on_field_errors=False)
    def _nights(self, data, **kwargs):
        raise ValidationError(_("Stay at most %(nights)s nights.", nights=3), "nights")


def test_a_field_message_raised_as_a_message_is_a_list_like_every_field_error():
    app = Flask("t")
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.1.0")
    api = Api(app)
    blp = Blueprint("bookings", __name__)

    @blp.post("/bookings")
    @blp.arguments(BookingSchema)
    def book(booking):
        return {}

    api.register_blueprint(blp)
    init_problems(app)
    response = app.test_client().post("/bookings", json={"day": "2026-12-01", "nights": 9},
                                      headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.json["errors"] == {
        "day": ["Give a date on or after 2026-12-07."],
        "nights": ["Stay at most 3 nights."],
    }


def write_catalog(translations: Path, entries: dict[str, str]) -> None:
    folder = translations / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['msgid ""', 'msgstr ""', '"Language: ko\\n"', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
    for msgid, text in entries.items():
        lines += [f'msgid "{msgid}"', f'msgstr "{text}"', ""]
    (folder / "messages.po").write_text("\n".join(lines), encoding="utf-8")


def test_servicekit_translates_every_message_it_marks():
    assert untranslated_messages(Path(servicekit.__file__).parent) == []


def test_a_package_missing_a_translation_is_caught(tmp_path):
    package = tmp_path / "shop"
    package.mkdir()
    (package / "coupons.py").write_text(
        "from servicekit.languages import _\n"
        "GONE = _('There is no coupon %(coupon_id)s.', coupon_id=1)\n"
        "USED = _('This coupon was used.')\n"
        "LATE = _('This coupon ended on %(day)s.', day=1)\n"
    )
    write_catalog(package / "translations", {
        "There is no coupon %(coupon_id)s.": "%(coupon_id)s번 쿠폰이 없습니다.",
        "This coupon ended on %(day)s.": "이 쿠폰은 %(date)s에 끝났습니다.",
    })
    assert untranslated_messages(package) == ["This coupon ended on %(day)s.", "This coupon was used."]


def _marshmallow_messages() -> set[str]:
    def subclasses(cls):
        yield cls
        for sub in cls.__subclasses__():
            yield from subclasses(sub)

    messages = set(marshmallow.schema.Schema._default_error_messages.values())
    for field in subclasses(marshmallow.fields.Field):
        for cls in field.__mro__:
            messages.update(getattr(cls, "default_error_messages", {}).values())
    for validator in subclasses(marshmallow.validate.Validator):
        messages.update(value for name, value in vars(validator).items()
                        if name in ("default_message", "message_min", "message_max", "message_all", "message_equal")
                        and isinstance(value, str) and "_op}" not in value)
    ranges = [validate.Range(min=1, max=5, min_inclusive=low, max_inclusive=high) for low in (True, False)
              for high in (True, False)]
    messages.update(message for bounds in ranges
                    for message in (bounds.message_min, bounds.message_max, bounds.message_all))
    return messages


def test_every_message_of_marshmallow_has_korean():
    untranslated = [message for message in _marshmallow_messages() if translate(message, "ko") == message]
    assert untranslated == []
