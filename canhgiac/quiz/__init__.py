"""Quiz banks: loading, validation and rendering; no MkDocs imports here."""
