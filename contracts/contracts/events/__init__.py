"""Every event contract, grouped by the service that produces it. Importing this registers them."""
from contracts.events import auth, catalog, orders, reviews, settlements, support  # noqa: F401
