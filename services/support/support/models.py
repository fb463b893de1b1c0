"""Support tables; inquiries, FAQ and templates come with their own migrations."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
