"""Orders tables, one module per area; importing this package registers every table on Base."""
from orders.models.base import Base
from orders.models.orders import IdempotencyKey, Order, OrderLine, PaymentRefund, SellerShippingFees, Shipment
from orders.models import claims, rewards, rollups  # noqa: F401  (their tables join Base.metadata)

__all__ = ["Base", "IdempotencyKey", "Order", "OrderLine", "PaymentRefund", "SellerShippingFees", "Shipment"]
