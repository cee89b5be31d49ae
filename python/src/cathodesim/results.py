"""Result objects: the CLI's JSON summary plus its tables as pandas DataFrames.

Every table is read into memory when the object is made, so the DataFrames stay usable after the files are gone.
Files: with ``output=None`` the command writes into a temporary directory that belongs to the result object and is
deleted when the object is garbage-collected or :meth:`Result.close` is called (``with cathodesim.run(...) as r:``
also closes it); ``r.files`` are valid until then. With ``output=DIR`` the files are the caller's and are never
deleted. Units are in every column name (``time_s``, ``voltage_V``, ``specific_capacity_mAh_per_g``, ...).
"""

from __future__ import annotations

import tempfile
import weakref
from pathlib import Path
from typing import Any, Dict, List, Optional

import h5py
import numpy as np
import pandas as pd

from . import _io


class Result:
    """Common part of every result.

    Attributes:
        summary: the CLI's ``--json`` output as a dict (units in the key names), or ``{}`` for a file read with
            :func:`cathodesim.read`.
        files: paths of the files the command wrote (``summary['files']``).
        warnings: the ``warnings`` list of the JSON output (run: ``{step_index, step, reason, message}`` dicts;
            fit-eis, convert: strings); ``[]`` when there are none.
        directory: the output directory (a temporary one unless ``output=`` was given).
        log: what the CLI wrote on standard error (progress, ``warning:`` lines).
        command: the argument list that was run (``[]`` for a file read).
    """

    def __init__(self, summary: Optional[Dict[str, Any]] = None, directory: Optional[Path] = None,
                 temporary: Optional[tempfile.TemporaryDirectory] = None, log: str = "",
                 command: Optional[List[str]] = None) -> None:
        self.summary: Dict[str, Any] = dict(summary or {})
        self.files: List[Path] = [Path(p) for p in self.summary.get("files", [])]
        self.warnings: List[Any] = list(self.summary.get("warnings", []) or [])
        self.directory: Optional[Path] = directory
        self.log = log
        self.command: List[str] = list(command or [])
        self._temporary = temporary
        self._finalizer = weakref.finalize(self, temporary.cleanup) if temporary is not None else None

    @property
    def temporary(self) -> bool:
        """True when the files live in a temporary directory that :meth:`close` (or garbage collection) deletes."""
        return self._temporary is not None

    def close(self) -> None:
        """Delete the temporary output directory now (no effect with ``output=``); the DataFrames stay usable."""
        if self._finalizer is not None:
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def file(self, suffix: str) -> Optional[Path]:
        """The first written file whose name ends with ``suffix`` (e.g. ``'.h5'``, ``'_steps.csv'``), else None."""
        for path in self.files:
            if path.name.endswith(suffix):
                return path
        if self.directory is not None:
            for path in sorted(self.directory.glob(f"*{suffix}")):
                return path
        return None

    def __repr__(self) -> str:
        where = "temporary" if self.temporary else str(self.directory)
        return f"<{type(self).__name__} {self.summary.get('name', '')!s} files in {where}>"


#: Column order of ``<name>_timeseries.csv`` and ``<name>_steps.csv`` (the HDF5 file lists its datasets by name).
TIMESERIES_COLUMNS = ("time_s", "voltage_V", "current_A", "charge_C", "specific_capacity_mAh_per_g", "temperature_K",
                      "step_index")
STEP_COLUMNS = ("index", "cycle", "description", "kind", "start_time_s", "end_time_s", "charge_C", "energy_J",
                "start_voltage_V", "end_voltage_V", "mean_voltage_V", "temperature_K", "film_resistance_ohm",
                "charge_transfer_resistance_ohm", "contact_coverage", "lost_active_fraction", "end")


class Run(Result):
    """One simulated cell (``cathodesim run``), or a run file read with :func:`cathodesim.read`.

    Attributes:
        timeseries: one row per accepted solver step: ``time_s``, ``voltage_V`` (vs the counter electrode),
            ``current_A`` (positive on charge), ``charge_C`` (passed since the start), ``specific_capacity_mAh_per_g``
            (net charge passed since the start per gram of active material: rises on charge, falls on discharge), ``temperature_K``, ``step_index``.
        steps: one row per protocol step: ``index``, ``cycle``, ``description``, ``kind``, ``start_time_s``,
            ``end_time_s``, ``charge_C``, ``energy_J``, ``start_voltage_V``, ``end_voltage_V``, ``mean_voltage_V``,
            ``temperature_K``, ``film_resistance_ohm``, ``charge_transfer_resistance_ohm``, ``contact_coverage``,
            ``lost_active_fraction``, ``end`` (why it ended: ``Voltage``, ``Time``, ``ActiveMaterialFull``, ...).
        cycles: one row per cycle. From ``cathodesim run`` the JSON ``cycles`` (``charge_capacity_mAh_per_g``,
            ``discharge_capacity_mAh_per_g``, ``coulombic_efficiency_percent``, mean voltages in V, energies in
            mWh/g, ``capacity_retention_percent``, resistances in ohm, ...); for a file read with
            :func:`cathodesim.read`, computed from ``steps`` and the active mass (capacities and efficiency only).
        profiles: x-profiles by snapshot name (``snapshot_000``, ...), each a DataFrame (``position_m``,
            ``solid_potential_V``, ``electrolyte_potential_V``, ``reaction_current_A_per_m3``,
            ``mean_stoichiometry``, ``surface_stoichiometry[k]`` per size bin) with ``attrs`` ``time_s``, ``step_index``.
        attributes: the HDF5 file's root attributes (``config`` is the resolved YAML, ``active_mass_kg``, solver
            statistics, ``program_version``).
    """

    def __init__(self, h5: Optional[Path], summary: Optional[Dict[str, Any]] = None, **kwargs: Any) -> None:
        super().__init__(summary, **kwargs)
        self.h5 = Path(h5) if h5 is not None else None
        self.timeseries = pd.DataFrame()
        self.steps = pd.DataFrame()
        self.profiles: Dict[str, pd.DataFrame] = {}
        self.attributes: Dict[str, Any] = {}
        if self.h5 is not None and self.h5.is_file():
            self._read_h5(self.h5)
        elif self.summary.get("steps"):
            self.steps = _io.frame_from_records(self.summary["steps"])
        if self.summary.get("cycles"):
            self.cycles = _io.frame_from_records(self.summary["cycles"])
        else:
            self.cycles = self._cycles_from_steps()

    def _read_h5(self, path: Path) -> None:
        with h5py.File(path, "r") as handle:
            self.attributes = _io.attributes(handle)
            self.timeseries = _io.ordered(_io.group_frame(handle["timeseries"]), TIMESERIES_COLUMNS)
            self.steps = _io.ordered(_io.group_frame(handle["steps"]), STEP_COLUMNS)
            if "profiles" in handle:
                for name, group in handle["profiles"].items():
                    frame = _io.group_frame(group)
                    frame.attrs.update(_io.attributes(group))
                    self.profiles[name] = frame

    def _cycles_from_steps(self) -> pd.DataFrame:
        mass_kg = self.attributes.get("active_mass_kg")
        if self.steps.empty or not mass_kg or "cycle" not in self.steps.columns:
            return pd.DataFrame()
        grams = float(mass_kg) * 1000.0
        rows = []
        for cycle, steps in self.steps.groupby("cycle", sort=True):
            charge = steps.loc[steps["kind"] == "charge", "charge_C"].clip(lower=0).sum() / 3.6 / grams
            discharge = -steps.loc[steps["kind"] == "discharge", "charge_C"].clip(upper=0).sum() / 3.6 / grams
            rows.append({
                "cycle": int(cycle),
                "charge_capacity_mAh_per_g": charge,
                "discharge_capacity_mAh_per_g": discharge,
                "coulombic_efficiency_percent": 100.0 * discharge / charge if charge > 0 else np.nan,
            })
        return pd.DataFrame(rows)

    @property
    def config_yaml(self) -> str:
        """The resolved config (YAML text) stored in the HDF5 file."""
        return str(self.attributes.get("config", ""))

    def plot_voltage(self, ax: Any = None) -> Any:
        """Voltage (V) against specific capacity (mAh/g), one line per charge or discharge step; returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        kinds = dict(zip(self.steps.get("index", []), self.steps.get("kind", [])))
        for index, part in self.timeseries.groupby("step_index"):
            kind = kinds.get(index, "")
            if kind not in ("charge", "discharge"):
                continue
            ax.plot(part["specific_capacity_mAh_per_g"], part["voltage_V"], label=f"step {index}: {kind}")
        ax.set_xlabel("specific capacity (mAh/g)")
        ax.set_ylabel("voltage (V)")
        ax.legend()
        return ax


class Sweep(Result):
    """A parameter sweep (``cathodesim sweep``), or a sweep file read with :func:`cathodesim.read`.

    Attributes:
        table: one row per case, in the columns of ``<name>_table.csv``: ``index``, ``status`` (``ok``,
            ``warning``, ``failed``), each swept parameter by its config key (``cell.cathode.active_mass_fraction``,
            in the config's SI value as written), then ``<protocol>.<metric>`` (units in the names, e.g.
            ``protocol.discharge_capacity_mAh_per_g``), ``error``, ``warnings``.
        attributes: the HDF5 root attributes (``definition`` is the sweep file as written, ``parameters``,
            ``metrics``, ``protocols``, ...).
        h5: the sweep's HDF5 file (holds every case's time series; see :meth:`case`).
    """

    def __init__(self, h5: Optional[Path], summary: Optional[Dict[str, Any]] = None, table_csv: Optional[Path] = None,
                 **kwargs: Any) -> None:
        super().__init__(summary, **kwargs)
        self.h5 = Path(h5) if h5 is not None else None
        self.attributes: Dict[str, Any] = {}
        if self.h5 is not None and self.h5.is_file():
            with h5py.File(self.h5, "r") as handle:
                self.attributes = _io.attributes(handle)
                self.table = self._table(handle["table"])
        elif table_csv is not None:
            self.table = _io.read_csv(table_csv)
        else:
            self.table = pd.DataFrame()

    @staticmethod
    def _table(group: h5py.Group) -> pd.DataFrame:
        raw = _io.group_frame(group)
        raw.columns = [c[len("parameters."):] if c.startswith("parameters.") else c for c in raw.columns]
        root = group.file.attrs
        parameter_names = [_io.attribute(p) for p in root["parameters"]] if "parameters" in root else \
            list(group["parameters"].keys()) if "parameters" in group else []
        # the CSV's order: index, status, parameters, then per protocol its metrics in the file's metric order
        metric_order = [f"{_io.attribute(p)}.{_io.attribute(m)}" for p in root.get("protocols", [])
                        for m in root.get("metrics", [])]
        first = [c for c in ("index", "status") if c in raw.columns] + [c for c in parameter_names if c in raw.columns]
        last = [c for c in ("error", "warnings") if c in raw.columns]
        middle = [c for c in metric_order if c in raw.columns]
        middle += [c for c in raw.columns if c not in first and c not in last and c not in middle]
        table = raw[first + middle + last].sort_values("index", kind="stable").reset_index(drop=True)
        for column in ("error", "warnings"):
            if column in table.columns:
                table[column] = table[column].replace("", np.nan)
        return table

    def case(self, index: int) -> Dict[str, pd.DataFrame]:
        """The time series of case ``index`` (from the HDF5 file), one DataFrame per protocol (``time_s``,
        ``voltage_V``, ``current_A``, ``charge_C``). Needs the file: call it before :meth:`close`."""
        if self.h5 is None or not self.h5.is_file():
            raise FileNotFoundError("the sweep's HDF5 file is not available (closed, or the sweep wrote none)")
        with h5py.File(self.h5, "r") as handle:
            group = handle["cases"][f"case_{int(index):06d}"]
            return {name: _io.group_frame(sub) for name, sub in group.items()}


class RatioOptimization(Result):
    """``cathodesim optimize-ratio``: the best NCM mass fraction.

    Attributes:
        table: the ``<name>_ratio.csv`` (or ``_ratio_map.csv`` with ``map=True``/``temperatures=``) table:
            ``stage`` (grid or refine), ``ncm_mass_fraction`` (kg/kg of the composite), the objective (units in its
            name); a map adds ``rate_C``, ``temperature_K``, ``capacity_mAh_per_g``, ``mechanism``, ``loss_*_mAh_per_g``
            and ``band_lower``/``band_upper``.
        optimum_fraction: the optimum NCM mass fraction (plain search), or per condition (map) in ``conditions``.
        conditions: with a map, one row per rate x temperature: ``rate``, ``temperature_K``, ``optimum_fraction``,
            ``optimum_capacity_mAh_per_g``, ``band`` ([lower, upper] mass fraction).
    """

    def __init__(self, summary: Dict[str, Any], **kwargs: Any) -> None:
        super().__init__(summary, **kwargs)
        csv = self.file("_ratio_map.csv") or self.file("_ratio.csv")
        self.table = _io.read_csv(csv) if csv is not None else pd.DataFrame()
        self.optimum_fraction: Optional[float] = summary.get("optimum_fraction")
        self.optimum_value: Optional[float] = summary.get("optimum_value")
        conditions = summary.get("conditions") or []
        self.conditions = pd.DataFrame([{k: v for k, v in c.items() if k not in ("points", "refinement")}
                                        for c in conditions])


class Impedance(Result):
    """``cathodesim eis``: the model's small-signal impedance at a state.

    Attributes:
        spectrum: ``frequency_Hz``, ``real_ohm``, ``imaginary_ohm`` (signed, negative for a capacitive arc),
            ``modulus_ohm``, ``phase_deg``; highest frequency first.
        state: the state the spectrum was taken at (text), ``voltage_V`` its relaxed voltage (V vs Li-In).
        drt: with ``drt=True``, the distribution of relaxation times: ``tau_s``, ``frequency_Hz``, ``gamma_ohm``,
            ``band_low_ohm``, ``band_high_ohm``; else an empty DataFrame. ``drt_peaks``: ``tau_s``,
            ``frequency_Hz``, ``resistance_ohm`` and the assigned model process.
    """

    def __init__(self, h5: Optional[Path], summary: Optional[Dict[str, Any]] = None, **kwargs: Any) -> None:
        super().__init__(summary, **kwargs)
        self.h5 = Path(h5) if h5 is not None else None
        self.attributes: Dict[str, Any] = {}
        if self.h5 is not None and self.h5.is_file():
            with h5py.File(self.h5, "r") as handle:
                self.attributes = _io.attributes(handle)
                self.spectrum = _io.group_frame(handle)
            order = ["frequency_Hz", "real_ohm", "imaginary_ohm", "modulus_ohm", "phase_deg"]
            self.spectrum = self.spectrum[[c for c in order if c in self.spectrum.columns]
                                          + [c for c in self.spectrum.columns if c not in order]]
        else:
            self.spectrum = _io.frame_from_records(self.summary.get("spectrum"))
        self.state: str = self.summary.get("state", self.attributes.get("state", ""))
        self.voltage_V: Optional[float] = self.summary.get("voltage_V")
        drt_csv = self.file("_drt.csv")
        self.drt = _io.read_csv(drt_csv) if drt_csv is not None else pd.DataFrame()
        self.drt_peaks = _io.frame_from_records((self.summary.get("drt") or {}).get("peaks"))

    @property
    def impedance(self) -> np.ndarray:
        """Z = real + j imaginary (ohm) as a complex array, in the order of ``spectrum``."""
        return self.spectrum["real_ohm"].to_numpy() + 1j * self.spectrum["imaginary_ohm"].to_numpy()


class CircuitFit(Result):
    """``cathodesim fit-eis``: an equivalent-circuit fit of a measured spectrum.

    Attributes:
        parameters: indexed by name (``R0``, ``CPE1_0``, ...): ``value`` and ``standard_error`` in SI units
            (``unit`` says which: ohm, F, s, F s^(a-1), ...), ``fixed``, ``initial``.
        values: ``{name: value}``.
        data: the ``<stem>_fit.csv`` table: ``frequency_Hz``, ``z_real_ohm``, ``z_imag_ohm``, ``fit_real_ohm``,
            ``fit_imag_ohm``, residuals in ohm and relative.
        chi_square, reduced_chi_square: of the weighted residuals; converged: a clean convergence (False when a
            parameter is degenerate, see ``warnings``).
    """

    def __init__(self, summary: Dict[str, Any], **kwargs: Any) -> None:
        super().__init__(summary, **kwargs)
        self.parameters = _io.frame_from_records(summary.get("parameters"))
        if not self.parameters.empty:
            self.parameters = self.parameters.set_index("name")
        self.values: Dict[str, float] = {} if self.parameters.empty else self.parameters["value"].to_dict()
        self.circuit: str = summary.get("circuit", "")
        self.chi_square: Optional[float] = summary.get("chi_square")
        self.reduced_chi_square: Optional[float] = summary.get("reduced_chi_square")
        self.converged: Optional[bool] = summary.get("converged")
        csv = self.file("_fit.csv")
        self.data = _io.read_csv(csv) if csv is not None else pd.DataFrame()
