"""The README's list of the demo company's served ZIPs is the company file's, town by town."""

from __future__ import annotations

import re
from pathlib import Path

from domain.demo import DEMO_STREETS, demo_business, served_zip_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_exactly_the_served_zips_with_their_zone_and_town() -> None:
    rows = re.findall(r"^\| ([^|]+?) \| (\d{5}) \| ([^|]+?) \|$", README.read_text("utf-8"),
                      re.MULTILINE)
    assert rows == served_zip_table(demo_business())


def test_every_served_zip_has_demo_streets_and_a_known_town() -> None:
    table = served_zip_table(demo_business())
    assert sorted(DEMO_STREETS) == sorted(code for _, code, _ in table)
    assert all(town for _, _, town in table)
