"""`python -m catalog.worker`: relay the catalog's outbox, handle its events, and index for search the products a
catalog process older than search by terms wrote during a rolling deploy (it loads the Korean analyser only then)."""
from catalog.events import handlers
from catalog.search import index_products_not_indexed
from servicekit.config import ServiceConfig
from servicekit.worker import ScheduledJob, run_worker

SEARCH_INDEXING = ScheduledJob("index-products-for-search", every_seconds=60.0, run=index_products_not_indexed)

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("catalog"), handlers, jobs=(SEARCH_INDEXING,))
