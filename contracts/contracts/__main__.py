"""`python -m contracts export`: write the JSON Schema of every event and the AsyncAPI document to contracts/schemas.
`python -m contracts release`: keep them as the release of contracts' package version, in contracts/releases."""
import sys

from contracts.documents import export
from contracts.registry import ContractError
from contracts.releases import release

USAGE = "usage: python -m contracts export | release"


def main(argv: list[str]) -> int:
    if argv == ["export"]:
        for path in export():
            print(path)
        return 0
    if argv == ["release"]:
        try:
            print(release())
        except ContractError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
