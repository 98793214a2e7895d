"""Readings from CSV text (services/home_bp.readings_from_csv, used by `isohold bp import` and
POST /api/v1/bp/readings): any readings written as CSV come back as the same items, empty
cells left out; a cell that is not a whole number is refused naming its row and column."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isohold.domain.errors import InputError
from isohold.services.home_bp import readings_from_csv

COLUMNS = ["measured_at", "systolic", "diastolic", "pulse", "position"]

reading = st.fixed_dictionaries(
    {
        "measured_at": st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)).map(
            lambda d: d.replace(second=0, microsecond=0).isoformat()
        ),
        "systolic": st.integers(70, 260),
        "diastolic": st.integers(40, 150),
    },
    optional={
        "pulse": st.integers(25, 250),
        "position": st.sampled_from(["seated", "standing", "lying"]),
    },
)


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@settings(deadline=None)  # no wall-clock budget: the machine may be busy
@given(st.lists(reading, min_size=1, max_size=20))
def test_readings_written_as_csv_come_back_the_same(rows: list[dict[str, Any]]) -> None:
    assert readings_from_csv(_csv(rows)) == rows


@pytest.mark.parametrize("cell", ["1e3", "12.5", "-90", "١٢٠", "1000", "abc"])
def test_a_number_that_is_not_a_whole_number_names_its_row_and_column(cell: str) -> None:
    text = f"measured_at,systolic,diastolic\n2026-11-02T07:00,130,80\n2026-11-02T07:02,{cell},80\n"
    with pytest.raises(InputError) as refused:
        readings_from_csv(text)
    assert refused.value.field == "row 3: systolic"
