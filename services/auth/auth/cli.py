"""`python -m auth.cli`: operator commands: creating the first admin account or a support agent, and announcing
every account to the other services again."""
from __future__ import annotations

import argparse
import sys

from marshmallow import ValidationError, validate

from auth import accounts
from auth.domain.accounts import ADMIN, AGENT, KOREAN, LANGUAGES
from contracts.logins import normalize_email
from servicekit.config import ServiceConfig
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m auth.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for command, role, default_name in (("create-admin", ADMIN, "Administrator"), ("create-agent", AGENT, "Agent")):
        staff = commands.add_parser(command, help=f"create an {role} account and print its id")
        staff.set_defaults(role=role, run=create_staff_account)
        staff.add_argument("--email", required=True)
        staff.add_argument("--password", required=True)
        staff.add_argument("--name", default=default_name)
        staff.add_argument("--language", choices=LANGUAGES, default=KOREAN)
        staff.add_argument(
            "--if-missing", action="store_true", help="exit 0 without a word when the email already has an account"
        )
    publish = commands.add_parser(
        "publish-contacts",
        help="record AccountContactsChanged for every account, to fill a new subscriber (safe to run again)",
    )
    publish.set_defaults(run=publish_contacts)
    return parser


def create_staff_account(runtime: Runtime, arguments: argparse.Namespace) -> int:
    command = arguments.command
    try:
        validate.Email()(arguments.email.strip())
    except ValidationError:
        print(f"{command}: {arguments.email!r} is not an email address.", file=sys.stderr)
        return 1
    try:
        account = accounts.create_staff_account(
            runtime, normalize_email(arguments.email), arguments.password, arguments.name, arguments.role,
            arguments.language,
        )
    except Problem as problem:
        if problem.slug == "account-exists" and arguments.if_missing:
            return 0
        print(f"{command}: {problem.detail}", file=sys.stderr)
        return 1
    print(account.id)
    return 0


def publish_contacts(runtime: Runtime, arguments: argparse.Namespace) -> int:
    print(f"{accounts.announce_every_account(runtime)} accounts announced; the worker publishes them.")
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    runtime = Runtime(ServiceConfig.from_env("auth"))
    try:
        return arguments.run(runtime, arguments)
    finally:
        runtime.dispose()


if __name__ == "__main__":
    sys.exit(main())
