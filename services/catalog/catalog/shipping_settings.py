"""Seller shipping settings (C3): read by anyone, set by the seller, announced to orders for its fees."""
from __future__ import annotations

from typing import Any

from catalog.domain.shipping import DEFAULT_SHIPPING_SETTINGS, in_method_order
from catalog.approved_sellers import refuse_unapproved_seller, seller_not_found
from catalog.models import ApprovedSeller, SellerShippingSettings
from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime

FEES = ("base_fee", "free_shipping_threshold", "remote_area_extra_fee", "return_fee", "exchange_fee")


def _shown(settings: SellerShippingSettings) -> dict[str, Any]:
    address = None
    if settings.return_postcode is not None:
        address = {
            "postcode": settings.return_postcode,
            "address1": settings.return_address1,
            "address2": settings.return_address2,
        }
    return {
        "seller_id": settings.seller_id,
        "methods": settings.methods,
        **{fee: getattr(settings, fee) for fee in FEES},
        "return_address": address,
        "return_policy": settings.return_policy,
        "updated_at": settings.updated_at,
    }


def shipping_settings_of(runtime: Runtime, seller_id: str) -> dict[str, Any]:
    """A seller's shipping settings; the defaults until they set their own."""
    with runtime.unit_of_work() as uow:
        settings = uow.session.get(SellerShippingSettings, seller_id)
        if settings is not None:
            return _shown(settings)
        if uow.session.get(ApprovedSeller, seller_id) is None:
            raise seller_not_found()
    return {"seller_id": seller_id, **DEFAULT_SHIPPING_SETTINGS, "updated_at": None}


def set_shipping_settings(
    runtime: Runtime, caller_seller_id: str | None, seller_id: str, fields: dict[str, Any]
) -> dict[str, Any]:
    """Replace the caller's own shipping settings, and tell orders the fees it charges from now on."""
    if caller_seller_id != seller_id:
        raise Problem(403, "not-your-shipping-settings", "Forbidden", _("A seller sets only their own shipping settings."))
    with runtime.unit_of_work() as uow:
        # One save at a time per seller, each reading the time only once it holds the seller: the settings kept
        # here are then those announced last, which orders keeps, and a first save sent twice is not inserted twice.
        refuse_unapproved_seller(uow, seller_id, lock=True)
        address = fields["return_address"] or {"postcode": None, "address1": None, "address2": None}
        now = clock.now()
        settings = uow.session.merge(
            SellerShippingSettings(
                seller_id=seller_id,
                methods=in_method_order(fields["methods"]),
                **{fee: fields[fee] for fee in FEES},
                return_postcode=address["postcode"],
                return_address1=address["address1"],
                return_address2=address["address2"],
                return_policy=fields["return_policy"],
                updated_at=now,
            )
        )
        uow.record(
            "ShippingSettingsChanged",
            {
                "seller_id": seller_id,
                "methods": settings.methods,
                **{fee: fields[fee] for fee in FEES},
                "changed_at": now,
            },
        )
        uow.commit()
    return _shown(settings)
