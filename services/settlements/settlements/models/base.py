"""The declarative base every settlements table shares, so one migration history covers them all."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
