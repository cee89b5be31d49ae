"""Reading CathodeSim's HDF5 and CSV files into pandas."""

from __future__ import annotations


from pathlib import Path
from typing import Any, Dict, Union

import h5py
import numpy as np
import pandas as pd

PathLike = Union[str, "Path"]


def _decode(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind in ("O", "S"):
        return np.array([v.decode("utf-8") if isinstance(v, bytes) else v for v in values.tolist()], dtype=object)
    return values


def attribute(value: Any) -> Any:
    """An HDF5 attribute as a plain Python value (str, number, list)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [attribute(v) for v in value.tolist()] if value.dtype.kind in ("O", "S") else value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def attributes(node: Union[h5py.Group, h5py.Dataset]) -> Dict[str, Any]:
    return {key: attribute(value) for key, value in node.attrs.items()}


def group_frame(group: h5py.Group, prefix: str = "") -> pd.DataFrame:
    """A group of equal-length 1-D datasets (CathodeSim's column layout) as a DataFrame.

    Nested groups contribute their columns with ``<group>.`` before the name (e.g. ``protocol.discharge_capacity_mAh_per_g``);
    2-D datasets give one column per second index (``surface_stoichiometry[0]``, ...). Column order is the file's.
    """
    columns: Dict[str, np.ndarray] = {}
    for name, node in group.items():
        key = f"{prefix}{name}"
        if isinstance(node, h5py.Group):
            columns.update(group_frame(node, f"{key}.").items())
            continue
        data = _decode(node[()])
        if data.ndim == 1:
            columns[key] = data
        elif data.ndim == 2:
            for j in range(data.shape[1]):
                columns[f"{key}[{j}]"] = data[:, j]
    return pd.DataFrame(columns)


def ordered(frame: pd.DataFrame, preferred) -> pd.DataFrame:
    """``frame`` with the ``preferred`` columns first, in that order, then any others as they were."""
    first = [c for c in preferred if c in frame.columns]
    return frame[first + [c for c in frame.columns if c not in first]]


def leading_comment_lines(path: PathLike) -> int:
    """How many lines at the top of a CSV start with ``#`` (CathodeSim writes context there in some tables)."""
    count = 0
    with open(path, "r", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            count += 1
    return count


def comment_lines(path: PathLike) -> list:
    """The text of the leading ``#`` lines of a CSV, without the ``# ``."""
    lines = []
    with open(path, "r", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            lines.append(line[1:].strip())
    return lines


def read_csv(path: PathLike) -> pd.DataFrame:
    """A CathodeSim CSV as a DataFrame: leading ``#`` context lines (if any) are skipped, the header comes next.

    The context lines are kept in ``frame.attrs['comments']``.
    """
    skip = leading_comment_lines(path)
    frame = pd.read_csv(path, skiprows=skip)
    frame.attrs["comments"] = comment_lines(path) if skip else []
    frame.attrs["source"] = str(path)
    return frame


def read_h5_kind(path: PathLike) -> str:
    """``'run'``, ``'sweep'``, ``'eis'`` or ``'microstructure'`` (or ``'unknown'``) for a CathodeSim HDF5 file."""
    with h5py.File(path, "r") as handle:
        if "timeseries" in handle and "steps" in handle:
            return "run"
        if "table" in handle and "sweep_name" in handle.attrs:
            return "sweep"
        if "frequency_Hz" in handle and "real_ohm" in handle:
            return "eis"
        if "phases" in handle or any("microstructure" in key for key in handle.attrs):
            return "microstructure"
    return "unknown"


def is_hdf5(path: PathLike) -> bool:
    try:
        return h5py.is_hdf5(str(path))
    except OSError:
        return False


def frame_from_records(records: Any) -> pd.DataFrame:
    """A list of JSON objects as a DataFrame (nested objects flattened with ``.``)."""
    if not records:
        return pd.DataFrame()
    return pd.json_normalize(records)


