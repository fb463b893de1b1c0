"""Response targets (hours to a first answer and to the resolution, per inquiry type; admins change them with a
reason, every change kept) and campaign windows (admins: busy periods when first answers are due sooner)."""
from __future__ import annotations

from flask import render_template, request

from web.pages.console import console_pages
from web.public_api import public_api
from web.viewers import ADMIN, required_viewer

blp = console_pages("console_targets", __name__)
PAGE_SIZE = 20


@blp.get("/response-targets")
def response_targets():
    viewer = required_viewer()
    targets = public_api().get("/api/response-targets").body
    changes = public_api().get("/api/response-targets/changes", {"page": request.args.get("page"),
                                                                 "page_size": PAGE_SIZE})
    return render_template("console/response_targets.html", targets=targets, changes=changes.body,
                           pagination=changes.pagination, can_change=viewer.is_a(ADMIN))


@blp.get("/campaign-windows")
def campaign_windows():
    required_viewer(ADMIN)
    windows = public_api().get("/api/campaign-windows", {"page": request.args.get("page"), "page_size": PAGE_SIZE})
    return render_template("console/campaign_windows.html", windows=windows.body, pagination=windows.pagination)
