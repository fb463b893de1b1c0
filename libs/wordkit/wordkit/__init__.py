"""Korean and English text reduced to the terms search and matching compare."""
from wordkit.terms import compact, load, morphemes, normalised, terms, terms_however_spaced

__all__ = ["compact", "load", "morphemes", "normalised", "terms", "terms_however_spaced"]
