"""A security key in software: answers WebAuthn options the way a browser with a key does, in JSON.

soft-webauthn would do this, but it needs fido2 < 2, which caps cryptography below the version
servicekit pins; this is the same authenticator (one P-256 key, "none" attestation, a signature
counter) in the few lines it takes with cryptography and cbor2.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

USER_PRESENT, ATTESTED_CREDENTIAL = 0x01, 0x40
# COSE key parameters of an EC2 P-256 key for ES256 (RFC 9053).
COSE_KTY, COSE_ALG, COSE_CRV, COSE_X, COSE_Y = 1, 3, -1, -2, -3
EC2, ES256, P256 = 2, -7, 1


def bytes_to_base64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def encode_cbor(value) -> bytes:
    return cbor2.dumps(value)


class SoftAuthenticator:
    def __init__(self, origin: str):
        self.origin = origin
        self.credential_id = os.urandom(32)
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.sign_count = 0

    @property
    def id(self) -> str:
        """The credential id, as WebAuthn's JSON forms carry it (base64url)."""
        return bytes_to_base64url(self.credential_id)

    def clone(self) -> "SoftAuthenticator":
        """A copy of this key, as an attacker who extracted it would have: same key, counter frozen at now."""
        return copy.copy(self)

    def _client_data(self, ceremony: str, challenge: str) -> bytes:
        return json.dumps({"type": ceremony, "challenge": challenge, "origin": self.origin}).encode()

    def _cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        return encode_cbor({COSE_KTY: EC2, COSE_ALG: ES256, COSE_CRV: P256,
                            COSE_X: numbers.x.to_bytes(32, "big"), COSE_Y: numbers.y.to_bytes(32, "big")})

    def _authenticator_data(self, rp_id: str, flags: int) -> bytes:
        return hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", self.sign_count)

    def create(self, options: dict) -> dict:
        """navigator.credentials.create() for PublicKeyCredentialCreationOptionsJSON."""
        if not any(param["alg"] == ES256 for param in options["pubKeyCredParams"]):
            raise ValueError("this authenticator only makes ES256 keys")
        attested_credential = (
            bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose_public_key()
        )
        authenticator_data = self._authenticator_data(options["rp"]["id"], USER_PRESENT | ATTESTED_CREDENTIAL)
        attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": authenticator_data + attested_credential})
        return self._credential({
            "clientDataJSON": bytes_to_base64url(self._client_data("webauthn.create", options["challenge"])),
            "attestationObject": bytes_to_base64url(attestation),
            "transports": ["usb"],
        })

    def get(self, options: dict) -> dict:
        """navigator.credentials.get() for PublicKeyCredentialRequestOptionsJSON; each use counts one up."""
        self.sign_count += 1
        authenticator_data = self._authenticator_data(options["rpId"], USER_PRESENT)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.private_key.sign(
            authenticator_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return self._credential({
            "clientDataJSON": bytes_to_base64url(client_data),
            "authenticatorData": bytes_to_base64url(authenticator_data),
            "signature": bytes_to_base64url(signature),
            "userHandle": None,
        })

    def _credential(self, response: dict) -> dict:
        return {"id": self.id, "rawId": self.id, "type": "public-key", "response": response,
                "clientExtensionResults": {}}
