"""What a service process holds: its engine, sessions, bus topology, units of work and notifier."""
from __future__ import annotations

import threading
from functools import cached_property

from sqlalchemy.orm import sessionmaker

from servicekit.bus.topology import Topology
from servicekit.config import ServiceConfig
from servicekit.db import UnitOfWork, make_engine
from servicekit.notifiers import Notifier, notifier_from_config


class Runtime:
    def __init__(self, config: ServiceConfig):
        self.config = config
        self.engine = make_engine(
            config.database_url, pool_size=config.database_pool_size, max_overflow=config.database_max_overflow
        )
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        self.topology = Topology(config.broker_url, config.bus_namespace, config.broker_heartbeat_seconds)
        # Set when this process commits events, so a relay in the same process wakes at once.
        self.events_committed = threading.Event()

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory, self.config.service, self.events_committed.set)

    @cached_property
    def notifier(self) -> Notifier:
        """Built on first use: only the process that delivers notifications needs one."""
        return notifier_from_config(self.config)

    def dispose(self) -> None:
        self.engine.dispose()
