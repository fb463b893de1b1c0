"""Shared runtime of the marketplace services. No business rules live here."""
