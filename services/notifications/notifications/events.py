"""Incoming events of notifications: each becomes notices to the people it concerns."""
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("notifications")
