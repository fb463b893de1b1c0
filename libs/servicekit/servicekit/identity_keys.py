"""`python -m servicekit.identity_keys DIR`: make the gateway's signing key pair once, keep it after."""
import sys
from pathlib import Path

from servicekit.identity import generate_keypair


def ensure_keypair(directory: Path) -> bool:
    """Create the key pair in `directory` unless it is there already; True when created."""
    private, public = directory / "identity-private.pem", directory / "identity-public.pem"
    if private.exists() and public.exists():
        return False
    generate_keypair(private, public)
    return True


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "var/keys")
    print(("created" if ensure_keypair(target) else "kept") + f" identity keys in {target}")
