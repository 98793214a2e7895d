"""A software passkey (a WebAuthn authenticator with an ES256 key, attestation "none") that
answers the server's options as a browser would hand them on: real signatures over real
authenticator data, so the server's checks run for real."""

from __future__ import annotations

import hashlib
import json
import os
from base64 import urlsafe_b64encode
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

UP, UV, AT = 0x01, 0x04, 0x40


def b64(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class SoftPasskey:
    rp_id: str
    origin: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    credential_id: bytes = field(default_factory=lambda: os.urandom(16))
    count: int = 0
    user_handle: str | None = None

    def _client(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {
                "type": kind,
                "challenge": challenge,
                "origin": origin or self.origin,
                "crossOrigin": False,
            }
        ).encode()

    def create(self, options: dict[str, Any], verified: bool = True) -> dict[str, Any]:
        numbers = self.key.public_key().public_numbers()
        cose = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        flags = UP | AT | (UV if verified else 0)
        auth = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([flags])
            + self.count.to_bytes(4, "big")
            + bytes(16)
            + len(self.credential_id).to_bytes(2, "big")
            + self.credential_id
            + cose
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth})
        self.user_handle = options["user"]["id"]
        client = self._client("webauthn.create", options["challenge"], None)
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "clientExtensionResults": {},
            "response": {"clientDataJSON": b64(client), "attestationObject": b64(attestation)},
        }

    def get(
        self, options: dict[str, Any], origin: str | None = None, count: int | None = None
    ) -> dict[str, Any]:
        self.count = self.count + 1 if count is None else count
        auth = (
            hashlib.sha256(self.rp_id.encode()).digest()
            + bytes([UP | UV])
            + self.count.to_bytes(4, "big")
        )
        client = self._client("webauthn.get", options["challenge"], origin)
        signature = self.key.sign(auth + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64(client),
                "authenticatorData": b64(auth),
                "signature": b64(signature),
                "userHandle": self.user_handle,
            },
        }
