"""One blueprint per part of the site: the storefront, the account pages, the seller center, the console."""
