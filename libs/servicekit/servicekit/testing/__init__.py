"""Test helpers: real PostgreSQL and RabbitMQ per test run, waiting with deadlines, a TCP proxy."""
from servicekit.testing.waiting import wait_for
from servicekit.testing.proxy import TcpProxy

__all__ = ["wait_for", "TcpProxy"]
