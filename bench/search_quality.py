"""Storefront search on a labelled sample: recall@10 and MRR per language, on PostgreSQL and on SQLite.

The sample (services/catalog/tests/data/search_sample.json, written by someone who had not seen the search) is
JSON of this shape; bring your own with --sample:

    {"products": [{"id": "p001", "language": "ko", "name": "...", "description": "..."}, ...],
     "queries": [{"id": "q001", "language": "ko", "text": "...", "relevant": ["p001", ...],
                  "split": "tune" | "test"}, ...]}

`relevant` lists every product a shopper typing the query wants to see ([] when none: such queries should find
nothing); `split` says whether the search may be adjusted on it ("tune") or only measured ("test", the default
part reported). Each product is listed through catalog's own code (catalog.search.index_for_search) into a database
migrated as catalog's is, and each query runs catalog.search.products_matching as the storefront does, ten a page.
recall@10: the relevant products among the first ten, out of as many relevant as ten can hold. MRR: the mean of
1 / the rank of the first relevant product. Target (issue 19): recall@10 >= 0.9 in each language, on the test part.
Run: .venv/bin/python -m bench.search_quality [--part test|tune|all] [--sample PATH] [--misses]
"""
from __future__ import annotations

import tempfile
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, true
from sqlalchemy.orm import Session

from bench.common import labelled_sample, local_infrastructure
from catalog.models import Product
from catalog.search import ProductSearch, index_for_search, products_matching
from servicekit.db import sqlalchemy_url
from servicekit.migrations import upgrade
from wordkit.measures import ranking_figures

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "services" / "catalog" / "tests" / "data" / "search_sample.json"
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
PAGE = 10


def listed(url: str, products: list[dict]) -> dict[str, str]:
    """Each sample product listed in catalog's database at `url`; the sample's id of each catalog id."""
    upgrade(ROOT / "services" / "catalog", url)
    ids = {}
    engine = create_engine(sqlalchemy_url(url))
    with Session(engine) as session:
        for number, item in enumerate(products):
            at = START + timedelta(minutes=number)
            product = Product(id=str(uuid.uuid4()), seller_id=str(uuid.uuid4()), name=item["name"],
                              description=item.get("description", ""), price=10000, stock=10, status="on_sale",
                              category_id=None, option_names=[], created_at=at, updated_at=at)
            index_for_search(product)
            session.add(product)
            ids[product.id] = item["id"]
        session.commit()
    engine.dispose()
    return ids


def found_by(url: str, ids: dict[str, str], queries: list[dict]) -> dict[str, list[str]]:
    """The first page of each query, as the sample's product ids."""
    engine = create_engine(sqlalchemy_url(url))
    pages = {}
    with Session(engine) as session:
        for query in queries:
            statement = products_matching(session, ProductSearch(true(), keyword=query["text"])).limit(PAGE)
            pages[query["id"]] = [ids[product.id] for product in session.scalars(statement)]
    engine.dispose()
    return pages


def report(database: str, queries: list[dict], pages: dict[str, list[str]], misses: bool) -> None:
    for language in sorted({query["language"] for query in queries}):
        asked = [query for query in queries if query["language"] == language]
        figures = ranking_figures((pages[query["id"]], query["relevant"]) for query in asked)
        print(f"  {database:10} {language}: recall@10 {figures.recall:.3f}, MRR {figures.mrr:.3f} over "
              f"{figures.queries} queries; {figures.unanswerable_found_nothing} of {figures.unanswerable} "
              f"queries nothing answers found nothing")
        if misses:
            for query in asked:
                page = pages[query["id"]]
                missing = [item for item in query["relevant"] if item not in page]
                if missing or (not query["relevant"] and page):
                    print(f"    {query['id']} {query['text']!r}: missing {missing}, first found {page[:3]}")


def main() -> None:
    args, sample, queries = labelled_sample(__doc__, SAMPLE, "queries", "query that missed a relevant product")
    print(f"{len(sample['products'])} products, {len(queries)} queries of the {args.part} part")
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        for database, url in (("postgresql", infrastructure.database("bench_search_quality")),
                              ("sqlite", f"sqlite:///{workdir}/catalog.db")):
            ids = listed(url, sample["products"])
            report(database, queries, found_by(url, ids, queries), args.misses)


if __name__ == "__main__":
    main()
