"""The trainer handbook: one print-ready PDF per language, made with WeasyPrint from the rendered lessons."""

from canhgiac.handbook.build import HandbookBuilder, HandbookResult
from canhgiac.handbook.compose import SourcePage

__all__ = ["HandbookBuilder", "HandbookResult", "SourcePage"]
