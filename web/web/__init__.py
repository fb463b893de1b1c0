"""The marketplace's pages: seller center, storefront and agent console, rendered from the public API."""
