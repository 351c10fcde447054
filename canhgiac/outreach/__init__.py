"""Leaflets and posters for residents, made from the same sources as the site and the handbook (no MkDocs)."""

from canhgiac.outreach.build import OutreachResult, build_outreach, outreach_files

__all__ = ["OutreachResult", "build_outreach", "outreach_files"]
