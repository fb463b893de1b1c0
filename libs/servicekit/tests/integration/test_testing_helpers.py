"""servicekit.testing's helpers for a service's tests: events handed to its consumer off the wire, the events it
recorded, its fixtures named after it, and a database of each kind."""
import random
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import inspect, text

from servicekit.bus.consumer import EventConsumer
from servicekit.db import make_engine
from servicekit.testing.events import deliver, recorded, recorded_envelopes
from tests.conftest import PoisonSwitch, make_handlers, pings_recorded, send_ping

pytest_plugins = ["pytester"]


@pytest.fixture
def kit_consumer(kit_runtimes):
    _, receiver = kit_runtimes
    return EventConsumer(service="kit", topology=receiver.topology, handlers=make_handlers(PoisonSwitch()),
                         unit_of_work=receiver.unit_of_work)


def a_number():
    return random.randrange(10**9)


def test_a_delivered_event_takes_effect_once_however_often_it_comes(kit_runtimes, kit_consumer):
    _, receiver = kit_runtimes
    number, event_id = a_number(), str(uuid.uuid4())

    first = deliver(kit_consumer, "KitPinged", {"number": number}, event_id=event_id)
    again = deliver(kit_consumer, "KitPinged", {"number": number}, event_id=event_id)
    other = deliver(kit_consumer, "KitPinged", {"number": number})

    assert (first, again, other) == (True, False, True)
    assert pings_recorded(receiver, number) == 2


def test_data_goes_through_json_as_it_would_on_the_wire(kit_runtimes, kit_consumer):
    _, receiver = kit_runtimes
    number = a_number()

    assert deliver(kit_consumer, "KitPinged", {"number": number, "sent_at": datetime.now(timezone.utc)})
    assert pings_recorded(receiver, number) == 1


def test_an_event_the_consumer_does_not_read_is_not_delivered(kit_consumer):
    with pytest.raises(LookupError):
        deliver(kit_consumer, "OrderPlaced", {})


def test_what_a_service_recorded_is_found_by_type_and_data(kit_runtimes):
    sender, _ = kit_runtimes
    number = a_number()
    ids = [send_ping(sender, number), send_ping(sender, number, poison=True), send_ping(sender, a_number())]

    envelopes = recorded_envelopes(sender, number=number)

    assert [envelope["id"] for envelope in envelopes] == ids[:2]
    assert {(envelope["type"], envelope["producer"]) for envelope in envelopes} == {("KitPinged", "kit-sender")}
    assert recorded(sender, "KitPinged", number=number) == [
        {"number": number, "poison": False}, {"number": number, "poison": True},
    ]
    assert recorded(sender, "KitPinged", number=number, no_such_field=None) == []
    assert recorded_envelopes(sender, "OrderPlaced", number=number) == []


def test_a_service_gets_its_runtime_app_client_and_consumer_named_after_it(pytester):
    pytester.makeconftest('''
        from types import SimpleNamespace

        import pytest
        from flask import Flask

        from servicekit.bus.handlers import EventHandlers
        from servicekit.testing.plugin import service_fixtures


        @pytest.fixture(scope="session")
        def migrated_runtime():
            return lambda service, service_dir: SimpleNamespace(
                config={"service": service, "dir": service_dir}, topology="its topology", unit_of_work=None
            )


        def create_app(config):
            app = Flask(config["service"])
            app.add_url_rule("/config", "config", lambda: {"dir": str(config["dir"])})
            return app


        shop_runtime, shop_app, shop_client, shop_consumer = service_fixtures(
            "shop", "services/shop", create_app, EventHandlers("shop")
        )
    ''')
    pytester.makepyfile('''
        def test_fixtures(shop_runtime, shop_app, shop_client, shop_consumer):
            assert shop_runtime.config["service"] == "shop"
            assert shop_app.name == "shop"
            assert shop_client.get("/config").json == {"dir": "services/shop"}
            assert (shop_consumer.service, shop_consumer.topology) == ("shop", "its topology")
    ''')

    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_each_database_url_is_an_empty_database_of_the_tests_own_on_sqlite_and_on_postgresql(each_database_url, request):
    engine = make_engine(each_database_url)
    try:
        assert engine.dialect.name == request.node.callspec.params["each_database_url"]
        assert inspect(engine).get_table_names() == []
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE notes (body VARCHAR(20))"))
            connection.execute(text("INSERT INTO notes VALUES ('kept')"))
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT body FROM notes")) == "kept"
    finally:
        engine.dispose()
