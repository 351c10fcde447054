"""Cảnh giác: Markdown lessons and YAML quiz banks into a bilingual site and a trainer handbook."""

__version__ = "0.1.0"
