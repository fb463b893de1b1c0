"""Catalog rules in plain Python: the category tree, what a product may be, and whether an order's stock can be held."""
