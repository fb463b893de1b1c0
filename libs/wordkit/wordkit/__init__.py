"""Korean and English text reduced to the terms search and matching compare."""
from wordkit.terms import compact, load, normalised, terms, terms_however_spaced

__all__ = ["compact", "load", "normalised", "terms", "terms_however_spaced"]
