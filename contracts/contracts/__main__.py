"""`python -m contracts export`: write the JSON Schema of every event to contracts/schemas."""
import sys

from contracts.jsonschema import export


def main(argv: list[str]) -> int:
    if argv[:1] != ["export"]:
        print("usage: python -m contracts export", file=sys.stderr)
        return 2
    for path in export():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
