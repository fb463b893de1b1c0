"""What the benchmarks share: a throwaway database and bus namespace on the local servers, a bench event."""
from __future__ import annotations

import argparse
import json
import statistics
from contextlib import contextmanager
from pathlib import Path

from marshmallow import Schema, fields

from contracts import REGISTRY, EventContract
from servicekit.bus.tables import create_bus_tables
from servicekit.testing.infrastructure import Infrastructure


class BenchPingV1(Schema):
    """Benchmark-only event, shaped like a small order event."""

    order_id = fields.String(required=True)
    sequence = fields.Integer(required=True)
    lines = fields.List(fields.Dict(), required=True)


def register_bench_event() -> None:
    if ("BenchPing", 1) not in {(c.name, c.version) for c in REGISTRY.all()}:
        REGISTRY.add(EventContract("BenchPing", 1, BenchPingV1, "bench-sender", ("bench-receiver",), "bench"))


@contextmanager
def local_infrastructure():
    infrastructure = Infrastructure.start()
    try:
        yield infrastructure
    finally:
        infrastructure.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary_ms(values: list[float]) -> str:
    return (f"p50 {percentile(values, 0.5) * 1000:.1f} ms, p99 {percentile(values, 0.99) * 1000:.1f} ms, "
            f"mean {statistics.mean(values) * 1000:.1f} ms over {len(values)}")


def labelled_sample(doc: str, default: Path, items: str, missed: str) -> tuple[argparse.Namespace, dict, list[dict]]:
    """The command line of a bench on a labelled sample (--sample PATH, --part test|tune|all, --misses), the sample
    read, and its `items` (the key of its list) in the part asked for: "test" unless said otherwise."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=Path, default=default)
    parser.add_argument("--part", choices=("test", "tune", "all"), default="test")
    parser.add_argument("--misses", action="store_true", help=f"list each {missed}")
    args = parser.parse_args()
    sample = json.loads(args.sample.read_text(encoding="utf-8"))
    return args, sample, [item for item in sample[items] if args.part == "all" or item.get("split", "test") == args.part]


__all__ = ["labelled_sample", "register_bench_event", "local_infrastructure", "percentile", "summary_ms", "create_bus_tables"]
