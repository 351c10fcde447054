"""E-learning outputs written next to the site: SCORM 1.2 packages, Moodle XML banks, offline bundles.

No MkDocs import here: the plugin hands over the written site folder, the project and the page paths.
"""

from canhgiac.packages.build import PackageJob, write_packages
from canhgiac.packages.plan import Package, fill_sizes, format_size, plan_packages

__all__ = ["Package", "PackageJob", "fill_sizes", "format_size", "plan_packages", "write_packages"]
