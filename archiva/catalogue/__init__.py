"""The catalogue: the source of truth for every number, record and filed file.

SQLAlchemy (and through it the database driver) is imported only inside this package."""

from archiva.catalogue.store import Catalogue

__all__ = ["Catalogue"]
