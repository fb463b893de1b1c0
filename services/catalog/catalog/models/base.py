"""The declarative base every catalog table is mapped on."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
