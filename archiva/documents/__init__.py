"""Generated documents: data files, validation, template context, generation and filing."""
