"""The orders service: order placement and its saga with the catalog's stock reservation."""
