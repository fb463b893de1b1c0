"""The catalog service: products, inventory and stock reservations."""
