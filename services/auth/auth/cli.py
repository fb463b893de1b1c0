"""`python -m auth.cli`: operator commands, such as creating the first admin account."""
from __future__ import annotations

import argparse
import sys

from marshmallow import ValidationError, validate

from auth import services
from auth.domain.accounts import normalize_email
from servicekit.config import ServiceConfig
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m auth.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    create_admin = commands.add_parser("create-admin", help="create an admin account and print its id")
    create_admin.add_argument("--email", required=True)
    create_admin.add_argument("--password", required=True)
    create_admin.add_argument("--name", default="Administrator")
    create_admin.add_argument(
        "--if-missing", action="store_true", help="exit 0 without a word when the email already has an account"
    )
    return parser


def create_admin(runtime: Runtime, arguments: argparse.Namespace) -> int:
    try:
        validate.Email()(arguments.email.strip())
    except ValidationError:
        print(f"create-admin: {arguments.email!r} is not an email address.", file=sys.stderr)
        return 1
    with runtime.unit_of_work() as uow:
        try:
            account = services.create_admin(uow, normalize_email(arguments.email), arguments.password, arguments.name)
        except Problem as problem:
            if problem.slug == "account-exists" and arguments.if_missing:
                return 0
            print(f"create-admin: {problem.detail}", file=sys.stderr)
            return 1
    print(account.id)
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    runtime = Runtime(ServiceConfig.from_env("auth"))
    try:
        return create_admin(runtime, arguments)
    finally:
        runtime.dispose()


if __name__ == "__main__":
    sys.exit(main())
