"""The platform's monthly tax invoice to a seller for its commission: the commission is charged with value added
tax included, so the invoice splits it into the supply value and the 10% tax (the tax rounded down to the won,
as Korean invoices round it)."""
from __future__ import annotations

VAT_RATE_PERCENT = 10


def commission_invoice(commission: int) -> dict:
    """The invoice's amounts for a month's commission net of what refunds gave back (never below zero)."""
    total = max(commission, 0)
    supply = -(-total * 100 // (100 + VAT_RATE_PERCENT))  # rounded up, so the tax is rounded down
    return {"supply_value": supply, "tax": total - supply, "total": total}
