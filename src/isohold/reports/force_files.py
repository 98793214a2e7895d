"""Raw force recordings as files: CSV (text, read back by `isohold force analyze` like any
CSV with a header) and Parquet (pyarrow), each with the run's metadata.

CSV: `#` lines first, one `key: value` each (the value as JSON), then the table
`time_s,force_n`, seconds from the start and newtons. Parquet: the columns `time_s` and
`force_n` (float64) and the metadata as JSON under the schema key `isohold`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
TIME, FORCE = "time_s", "force_n"
META_KEY = b"isohold"
PARQUET_MAGIC = b"PAR1"


def to_csv(t: Array, f: Array, metadata: dict[str, Any]) -> bytes:
    out = io.StringIO()
    out.write("# isohold force recording\n")
    for key, value in metadata.items():
        out.write(f"# {key}: {json.dumps(value, ensure_ascii=False)}\n")
    out.write(f"{TIME},{FORCE}\n")
    table = np.column_stack([np.asarray(t, dtype=np.float64), np.asarray(f, dtype=np.float64)])
    np.savetxt(out, table, fmt="%.10g", delimiter=",")
    return out.getvalue().encode("utf-8")


def to_parquet(t: Array, f: Array, metadata: dict[str, Any]) -> bytes:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pa.table({TIME: pa.array(np.asarray(t, dtype=np.float64)),
                      FORCE: pa.array(np.asarray(f, dtype=np.float64))})  # fmt: skip
    table = table.replace_schema_metadata({META_KEY: json.dumps(metadata).encode("utf-8")})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def is_parquet(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == PARQUET_MAGIC
    except OSError:
        return False


def read_parquet(path: Path, column: str | None = None) -> tuple[Array, Array, dict[str, Any]]:
    """Time (s), force (N) and the metadata of a Parquet recording; ValueError naming the
    problem when it is not one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(f"{path} is not a readable Parquet file ({exc})") from None
    force = column or FORCE
    missing = [c for c in (TIME, force) if c not in table.column_names]
    if missing:
        raise ValueError(f"{path}: no column {', '.join(missing)}; columns are: "
                         f"{', '.join(table.column_names)}")  # fmt: skip
    raw = (table.schema.metadata or {}).get(META_KEY)
    try:
        metadata = json.loads(raw) if raw else {}
    except ValueError:
        metadata = {}
    t = np.asarray(table.column(TIME).to_numpy(zero_copy_only=False), dtype=np.float64)
    f = np.asarray(table.column(force).to_numpy(zero_copy_only=False), dtype=np.float64)
    return t, f, metadata if isinstance(metadata, dict) else {}
