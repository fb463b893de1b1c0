"""What each person chose to receive, per kind and channel, and the channels a notice goes out on."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from notifications.domain.channels import chosen_channels, refused_channel, refused_kind
from notifications.domain.kinds import SWITCHABLE, kinds_for
from notifications.models import Preference
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import Message, _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


@dataclass(frozen=True)
class KindChoice:
    """The channels one kind goes out on for one person."""

    kind: str
    channels: frozenset[str]


_CHOSEN = select(Preference.kind, Preference.channel, Preference.enabled).where(
    Preference.account_id == bindparam("account_id")
)
# Built once: every notice posted asks.
_CHOSEN_OF = {True: _CHOSEN.where(Preference.kind == bindparam("kind")), False: _CHOSEN}


def _choices(session: Session, account_id: str, kind: str | None = None) -> dict[str, dict[str, bool]]:
    # The columns, not Preference objects, on the transaction's connection: nothing changes what it reads.
    rows = session.connection().execute(_CHOSEN_OF[kind is not None], {"account_id": account_id, "kind": kind})
    made: dict[str, dict[str, bool]] = {}
    for chosen_kind, channel, enabled in rows:
        made.setdefault(chosen_kind, {})[channel] = enabled
    return made


def channels_for(session: Session, account_id: str, kind: str) -> set[str]:
    """The channels a notice of `kind` to this account goes out on."""
    return chosen_channels(kind, _choices(session, account_id, kind).get(kind, {}))


def preferences_of(runtime: Runtime, account_id: str, roles: set[str]) -> list[KindChoice]:
    """Every kind that can come to this person, with the channels it goes out on."""
    with runtime.unit_of_work() as uow:
        made = _choices(uow.session, account_id)
    return [KindChoice(kind.name, frozenset(chosen_channels(kind.name, made.get(kind.name, {}))))
            for kind in kinds_for(roles)]


def _refusals(choices: list[dict], roles: set[str]) -> dict[str, dict[str, list[Message]]]:
    errors: dict[str, dict[str, list[Message]]] = {}
    for index, choice in enumerate(choices):
        refusals = {"kind": refused_kind(choice["kind"], roles)}
        refusals.update({channel: refused_channel(channel, enabled)
                         for channel, enabled in choice.items() if channel != "kind"})
        found = {field: [refusal] for field, refusal in refusals.items() if refusal is not None}
        if found:
            errors[str(index)] = found
    return errors


def _choose(uow: UnitOfWork, account_id: str, kind: str, channel: str, enabled: bool) -> None:
    key = {"account_id": account_id, "kind": kind, "channel": channel}
    preference = uow.session.get(Preference, key, with_for_update=True)
    # A first choice made twice at once: the second finds the first's row and changes it.
    if preference is None and uow.add_once(Preference(**key, enabled=enabled, updated_at=clock.now())):
        return
    preference = preference or uow.session.get(Preference, key, with_for_update=True)
    preference.enabled = enabled
    preference.updated_at = clock.now()


def choose(runtime: Runtime, account_id: str, roles: set[str], choices: list[dict]) -> list[KindChoice]:
    """Make the choices given (`{"kind", and any of "in_app", "email", "sms"}`), all or none: a refused
    choice refuses the whole request, naming each refused one. In-app may be "chosen" on, which it is."""
    errors = _refusals(choices, roles)
    if errors:
        raise Problem(422, "validation-failed", "Unprocessable Entity",
                      _("Some choices cannot be made; nothing was changed."), errors={"preferences": errors})
    with runtime.unit_of_work() as uow:
        for choice in choices:
            for channel in SWITCHABLE:
                if channel in choice:
                    _choose(uow, account_id, choice["kind"], channel, choice[channel])
        uow.commit()
    return preferences_of(runtime, account_id, roles)
