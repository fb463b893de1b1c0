"""Reviews tables; reviews, replies and rewards come with their own migrations."""
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
