"""The platform's FAQ (agents and admins): its entries by category, writing, editing, unpublishing them; and the
synonym dictionary its matching reads through (admins keep it). Customers read the published entries on the help
pages and get them as automatic answers."""
from __future__ import annotations

from flask import render_template

from web.pages.console import console_pages
from web.pages.faq_pages import faq_entries, faq_entry
from web.public_api import public_api

blp = console_pages("console_faq", __name__)


@blp.get("/faq")
def entries():
    return faq_entries("console/faq.html")


@blp.get("/faq/new")
def new_entry():
    return faq_entry("console/faq_entry.html")


@blp.get("/faq/<entry_id>")
def entry(entry_id: str):
    return faq_entry("console/faq_entry.html", entry_id)


@blp.get("/faq-synonyms")
def synonyms():
    """The synonym and short-form dictionary FAQ matching reads entries and questions through: agents read it, admins
    add and remove groups."""
    groups = public_api().get("/api/faq/synonyms").body
    by_language = {language: sorted((group for group in groups if group["language"] == language),
                                    key=lambda group: group["words"][0] if group["words"] else "")
                   for language in ("ko", "en")}
    return render_template("console/faq_synonyms.html", by_language=by_language)
