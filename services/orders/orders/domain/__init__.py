"""Orders rules in plain Python: what an order may become, what placing one means, who sees what."""
