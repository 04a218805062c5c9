"""Archive search: a full-text index over every record, kept consistent with the catalogue.

The catalogue is the source of truth; the index is derived data that can always be rebuilt
from it. Whoosh is imported only in `engine.py`, behind this package's own types (query trees,
search documents, results), so no Whoosh type reaches the rest of Archiva."""
