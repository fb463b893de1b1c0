"""Which channels a notice goes out on: the kind's defaults (domain.kinds) unless its recipient chose
otherwise; which changes of those choices are allowed; and how long a mail owed to someone whose address
came late is still worth sending."""
from __future__ import annotations

from datetime import datetime, timedelta

from notifications.domain.kinds import CHANNELS, IN_APP, KINDS, SWITCHABLE, kinds_for
from servicekit.languages import Message, _

# Someone notified before their contacts reached this service (an account older than it, or events
# overtaking one another) is mailed what they were owed once the contacts come, if it is still news: a
# "your order shipped" three days late would only confuse. The inbox has it either way.
OWED_MESSAGES_KEPT = timedelta(days=3)


def chosen_channels(kind: str, choices: dict[str, bool]) -> set[str]:
    """The channels a notice of `kind` goes out on, from the recipient's choices by channel (those they made)."""
    defaults = KINDS[kind]
    return {IN_APP} | {channel for channel in SWITCHABLE if choices.get(channel, defaults.default(channel))}


def refused_kind(kind: str, roles: set[str]) -> Message | None:
    """Why a person with `roles` has no choice to make about `kind`, or None when they have."""
    if kind not in {known.name for known in kinds_for(roles)}:
        return _("No notification of kind '%(kind)s' comes to this account.", kind=kind)
    return None


def refused_channel(channel: str, enabled: bool) -> Message | None:
    """Why this channel cannot be switched so, or None when it can."""
    if channel not in CHANNELS:
        return _("Unknown channel '%(channel)s'; choose from %(channels)s.", channel=channel, channels=", ".join(CHANNELS))
    if channel == IN_APP and not enabled:
        return _("In-app notifications stay on: the inbox is the record of what happened.")
    return None


def still_owed(created_at: datetime, now: datetime) -> bool:
    """Whether a mail or SMS owed since `created_at` is still worth sending at `now` (OWED_MESSAGES_KEPT)."""
    return now - created_at <= OWED_MESSAGES_KEPT
