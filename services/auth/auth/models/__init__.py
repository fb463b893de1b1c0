"""Auth tables, one module per area; importing this package registers every table on Base."""
from auth.models.accounts import Account, KnownDevice, OneTimeCode, SignUpRequest
from auth.models.audit import AuditEvent
from auth.models.base import Base
from auth.models.second_factors import ContactFactor, RecoveryCode, TotpFactor, WebAuthnChallenge, WebAuthnCredential
from auth.models.sellers import Seller, SellerDocument

__all__ = [
    "Account",
    "AuditEvent",
    "Base",
    "ContactFactor",
    "KnownDevice",
    "OneTimeCode",
    "RecoveryCode",
    "Seller",
    "SellerDocument",
    "SignUpRequest",
    "TotpFactor",
    "WebAuthnChallenge",
    "WebAuthnCredential",
]
