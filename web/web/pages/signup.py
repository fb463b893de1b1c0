"""Signing up with the mailed code, as a customer (/signup) or a seller (/sellers/apply), and a seller's business
documents (/sellers/apply/documents) once signed in."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request

from web.pages.account import local_next
from web.pages.storefront_words import SELLER_TYPES, with_words
from web.public_api import public_api
from web.viewers import SELLER, current_viewer, required_viewer

blp = Blueprint("signup", __name__)
with_words(blp)


@blp.get("/signup")
def signup():
    if request.args.get("seller") == "1":
        return redirect("/sellers/apply")
    viewer = current_viewer()
    if viewer is not None:
        return redirect(viewer.home)
    return render_template("account/signup.html", next=local_next())


@blp.get("/signup/verify")
def verify():
    """The code's step: the contact it went to, and where to go once the account is made."""
    seller = request.args.get("seller") == "1"
    after = "/sellers/apply/documents" if seller else local_next("/")
    return render_template("account/signup_verify.html", login=request.args.get("login", "")[:254], seller=seller,
                           after=after)


@blp.get("/sellers/apply")
def seller_apply():
    viewer = current_viewer()
    if viewer is not None and viewer.is_a(SELLER):
        return redirect("/sellers/apply/documents")
    return render_template("account/seller_apply.html", seller_types=SELLER_TYPES)


@blp.get("/sellers/apply/documents")
def seller_documents():
    """A seller's registration as it stands, its documents, and the upload of the business certificate."""
    viewer = required_viewer(SELLER)
    if not viewer.seller_id:
        return redirect("/sellers/apply")
    registration = public_api().get(f"/api/sellers/{viewer.seller_id}").body
    documents = public_api().get(f"/api/sellers/{viewer.seller_id}/documents").body
    return render_template("account/seller_documents.html", registration=registration, documents=documents)
