"""Signing the internal identity token, with a cache for identities many requests share."""
from __future__ import annotations

import threading
import time
from typing import Callable

from servicekit.identity import Identity, TokenSigner

# A cached token is re-signed when less than this is left of its lifetime, so a service
# that receives it still has time to verify it.
REFRESH_MARGIN_SECONDS = 20


class IdentityTokens:
    def __init__(self, signer: TokenSigner, clock: Callable[[], float] = time.time):
        self._signer = signer
        self._clock = clock
        self._shared: dict[Identity, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def for_session(self, identity: Identity) -> str:
        """A fresh token for one signed-in caller."""
        return self._signer.sign(identity)

    def shared(self, identity: Identity) -> str:
        """A token for an identity without a session (anonymous, the gateway itself), reused while fresh.

        Signing on every anonymous request would cost each proxied call a signature for nothing.
        """
        now = self._clock()
        with self._lock:
            cached = self._shared.get(identity)
            if cached is not None and cached[1] - now > REFRESH_MARGIN_SECONDS:
                return cached[0]
            token = self._signer.sign(identity)
            self._shared[identity] = (token, now + self._signer.ttl_seconds)
            return token
