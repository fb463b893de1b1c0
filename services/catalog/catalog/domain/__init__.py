"""Catalog rules in plain Python: what a product may be, and whether an order's stock can be held."""
