"""A service's own settings travel with its app: the factory attaches them, a use case reads them."""
from dataclasses import dataclass

import pytest
from flask.views import MethodView

from servicekit.app import create_service_app, settings
from servicekit.blueprints import Blueprint


@dataclass(frozen=True)
class ShopSettings:
    greeting: str


def make_app(config, attached):
    blp = Blueprint("greetings", __name__, url_prefix="/greetings")

    @blp.route("")
    class Greetings(MethodView):
        def get(self):
            return {"greeting": settings().greeting}

    return create_service_app(config, title="Kit", blueprints=[blp], settings=attached, verify_identity=False)


def test_a_use_case_reads_the_settings_its_app_was_made_with(kit_config):
    one = make_app(kit_config, ShopSettings("안녕하세요")).test_client()
    other = make_app(kit_config, ShopSettings("hello")).test_client()
    assert one.get("/greetings").json == {"greeting": "안녕하세요"}
    assert other.get("/greetings").json == {"greeting": "hello"}


def test_an_app_made_without_settings_says_so_when_they_are_read(kit_config):
    app = create_service_app(kit_config, title="Kit", blueprints=[], verify_identity=False)
    with app.app_context(), pytest.raises(RuntimeError, match="without settings"):
        settings()
