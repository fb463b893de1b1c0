"""The declarative base of the gateway's tables."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
