"""The declarative base every auth table shares, so one migration history covers them all."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
