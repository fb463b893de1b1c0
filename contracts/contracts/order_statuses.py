"""The status names of an order's shipments, as orders moves them and other services repeat them.

They cross the wire: orders shows them, support keeps them in its read model of orders and shows
them to customers and agents. A name here is never renamed; a new status is an addition.
"""
PENDING = "pending"
PAID = "paid"
PREPARING = "preparing"
SHIPPING = "shipping"
DELIVERED = "delivered"
PURCHASE_CONFIRMED = "purchase_confirmed"
CANCELLED = "cancelled"

SHIPMENT_STATUSES = (PENDING, PAID, PREPARING, SHIPPING, DELIVERED, PURCHASE_CONFIRMED, CANCELLED)
# The way a live shipment goes, once paid; cancelled leaves it.
FORWARD = (PAID, PREPARING, SHIPPING, DELIVERED, PURCHASE_CONFIRMED)
