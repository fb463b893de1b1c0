"""One OpenAPI document for clients: the gateway's own paths and every service's public ones, with how a browser
signs its requests and what the gateway itself refuses before a service sees them."""
from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, Callable, Mapping

from gateway.csrf import EXEMPT as CSRF_EXEMPT
from gateway.csrf import HEADER as CSRF_HEADER
from gateway.csrf import UNSAFE_METHODS
from gateway.limited_requests import LIMITED
from gateway.pending_sessions import OPEN_WHILE_PENDING
from gateway.routes import upstream_for
from gateway.upstreams import UpstreamClient
from servicekit.problems import PROBLEM_JSON, Problem

Document = dict[str, Any]

SESSION, CSRF = "session", "csrf"
# Answered by the gateway whatever the operation, in the cases each one's test says.
PENDING_SIGN_IN = ("401", "second-factor-required: this browser's sign-in still waits for its second factor; "
                          "finish it with POST /api/session/2fa, or sign in again.")
CSRF_REFUSED = ("403", f"csrf-token-invalid: a signed-in browser sends its session's csrf_token in {CSRF_HEADER}.")
BODY_TYPE_REFUSED = ("415", "unsupported-media-type: a body is application/json, multipart/form-data or text/csv.")
TOO_MANY_ATTEMPTS = ("429", "too-many-requests: too many attempts from this address or for this login; wait as "
                            "long as Retry-After says.")
# What a client may get from the gateway instead of the service that owns the path.
UPSTREAM_FAILURES = (
    ("502", "bad-gateway: the service gave an answer that is not HTTP."),
    ("503", "upstream-unavailable: the service cannot be reached (or its database); try again soon."),
    ("504", "upstream-timeout: the service did not answer in time."),
)


def fetch_documents(upstreams: UpstreamClient) -> dict[str, Document | None]:
    """Each service's own document, fetched in parallel; None for a service that did not give one."""

    def fetch(service: str) -> Document | None:
        try:
            response = upstreams.request(service, "GET", "/openapi.json")
            document = response.json() if response.status_code == 200 else None
        except (Problem, ValueError):
            return None
        if not isinstance(document, dict) or not all(
            isinstance(document.get(part, {}), dict) for part in ("paths", "components")
        ):
            return None
        return document

    services = sorted(upstreams.urls)
    with ThreadPoolExecutor(max_workers=len(services)) as pool:
        return dict(zip(services, pool.map(fetch, services)))


def merge_documents(
    own: Document,
    upstream_documents: Mapping[str, Document | None],
    *,
    session_cookie: str,
    stale: Mapping[str, datetime] | None = None,
) -> Document:
    """The gateway's document `own` and the services' (None for one that has none), as a browser calls them.

    A service in `stale` is down: its document is the last good copy, fetched at the time given, and the
    merged document says so in `x-stale`; `x-unavailable` names services of which there is no copy at all.
    """
    stale = stale or {}
    merged: Document = {
        "openapi": own.get("openapi", "3.1.0"),
        "info": {
            "title": "Marketplace API",
            "version": own.get("info", {}).get("version", "1.0.0"),
            "description": "Every public endpoint of the marketplace, as served through the gateway.",
        },
        "paths": {},
        "components": {},
        "tags": [],
        "x-unavailable": sorted(service for service, document in upstream_documents.items() if document is None),
        "x-stale": [
            {"service": service, "fetched_at": fetched_at.isoformat()} for service, fetched_at in sorted(stale.items())
        ],
    }
    _merge_into(merged, own, "gateway", lambda path: path.startswith("/api/") and upstream_for(path) is None)
    for service, document in sorted(upstream_documents.items()):
        if document is not None:
            _merge_into(merged, document, service, lambda path, service=service: upstream_for(path) == service)
    # The identity token is between the gateway and the services; clients sign in with a session.
    merged["components"]["securitySchemes"] = _security_schemes(session_cookie)
    for path, operations in merged["paths"].items():
        for method, operation in operations.items():
            if isinstance(operation, dict):
                _as_called_through_the_gateway(method.upper(), path, operation)
    used_tags = {
        tag
        for operations in merged["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", ())
    }
    merged["tags"] = [tag for tag in merged["tags"] if tag.get("name") in used_tags]
    return merged


def _security_schemes(session_cookie: str) -> Document:
    return {
        SESSION: {
            "type": "apiKey", "in": "cookie", "name": session_cookie,
            "description": "The session POST /api/session opens; the browser keeps the cookie (HttpOnly) and sends "
                           "it. An operation lists the roles it needs, any of them; none: any signed-in account.",
        },
        CSRF: {
            "type": "apiKey", "in": "header", "name": CSRF_HEADER,
            "description": "The session's csrf_token (in the answers of POST and GET /api/session), on every POST, "
                           "PUT, PATCH and DELETE a signed-in browser sends.",
        },
    }


def _as_called_through_the_gateway(method: str, path: str, operation: Document) -> None:
    """Who may call `operation` as security requirements, from the `x-caller` its service documents, and the
    problems the gateway answers for it before (or instead of) its service."""
    caller = operation.get("x-caller")
    vouched = method in UNSAFE_METHODS and (method, path) not in CSRF_EXEMPT
    if caller is not None:
        operation["security"] = [{SESSION: list(caller.get("roles", ())), **({CSRF: []} if vouched else {})}]
    else:
        # Anyone may call it; a browser that is signed in anyway vouches for an unsafe request all the same.
        operation["security"] = [{}, {SESSION: [], CSRF: []}] if vouched else []
    refusals = []
    if (method, path) not in OPEN_WHILE_PENDING:
        refusals.append(PENDING_SIGN_IN)
    if vouched:
        refusals.append(CSRF_REFUSED)
    if method in UNSAFE_METHODS:
        refusals.append(BODY_TYPE_REFUSED)
    if (method, path) in LIMITED:
        refusals.append(TOO_MANY_ATTEMPTS)
    if upstream_for(path) is not None:
        refusals.extend(UPSTREAM_FAILURES)
    responses = operation.setdefault("responses", {})
    for status, description in refusals:
        responses.setdefault(status, {"description": description, "content": _problem_content()})


def _problem_content() -> Document:
    return {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _merge_into(merged: Document, document: Document, source: str, exposes: Callable[[str], bool]) -> None:
    """Add the paths `exposes` through the gateway and the components they use.

    Two services may name different schemas alike (both have a Product); the later one is
    renamed to source.Name and its references follow, so neither is lost.
    """
    new_names: dict[tuple[str, str], str] = {}
    for section, entries in (document.get("components") or {}).items():
        existing = merged["components"].get(section, {})
        for name, value in (entries or {}).items():
            if name in existing and existing[name] != value:
                new_names[(section, name)] = f"{source}.{name}"
    references = {
        f"#/components/{section}/{name}": f"#/components/{section}/{new}" for (section, name), new in new_names.items()
    }
    # A copy: the operations get the gateway's part added, and the service's document is kept as it came.
    document = _renamed(copy.deepcopy(document), references)
    for section, entries in (document.get("components") or {}).items():
        target = merged["components"].setdefault(section, {})
        for name, value in (entries or {}).items():
            target.setdefault(new_names.get((section, name), name), value)
    for path, operations in (document.get("paths") or {}).items():
        if exposes(path):
            merged["paths"][path] = operations
    known_tags = {tag.get("name") for tag in merged["tags"]}
    merged["tags"] += [
        tag for tag in document.get("tags") or () if isinstance(tag, dict) and tag.get("name") not in known_tags
    ]


def _renamed(node: Any, renames: dict[str, str]) -> Any:
    if not renames:
        return node
    if isinstance(node, dict):
        return {
            key: renames.get(value, value) if key == "$ref" and isinstance(value, str) else _renamed(value, renames)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_renamed(item, renames) for item in node]
    return node
