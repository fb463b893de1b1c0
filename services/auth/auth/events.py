"""Incoming events of auth: none today. Notices to customers that other services ask for (review requests,
inquiry answers) are the notifications service's; the worker's consumer stands on auth's queue all the same."""
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("auth")
