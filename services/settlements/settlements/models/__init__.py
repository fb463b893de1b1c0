"""Settlements tables; importing this package registers every table on Base."""
from settlements.models.base import Base
from settlements.models.ledger import LedgerEntry, SettlementShipment, ShipmentClaim, SoldLine
from settlements.models.payouts import (
    COMMISSION,
    EVERY_CATEGORY,
    PAYMENT_FEE,
    BankAccount,
    BankAccountChange,
    FeeRate,
    Payout,
    PayoutHold,
    SellerName,
    TestBankTransfer,
)

__all__ = [
    "COMMISSION", "EVERY_CATEGORY", "PAYMENT_FEE", "BankAccount", "BankAccountChange", "Base", "FeeRate",
    "LedgerEntry", "Payout", "PayoutHold", "SellerName", "SettlementShipment", "ShipmentClaim", "SoldLine",
    "TestBankTransfer",
]
