"""Run by a test in a child process: handle one event, commit, then die before acknowledging it."""
import os
import threading

from kombu.message import Message

from servicekit.bus.consumer import EventConsumer
from servicekit.config import ServiceConfig
from servicekit.runtime import Runtime
from tests.conftest import PoisonSwitch, make_handlers


def die_instead_of_acking(self, *args, **kwargs):
    os._exit(17)


Message.ack = die_instead_of_acking
runtime = Runtime(ServiceConfig.from_env("kit"))
consumer = EventConsumer(service="kit", topology=runtime.topology, handlers=make_handlers(PoisonSwitch()),
                         unit_of_work=runtime.unit_of_work)
consumer.run(threading.Event())
