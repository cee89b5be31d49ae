"""The functions of the package: each runs one ``cathodesim`` command with ``--json`` and reads what it wrote."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _cli, _io
from ._cli import SetValues, option
from .results import CircuitFit, Impedance, RatioOptimization, Run, Sweep

PathLike = Union[str, "os.PathLike[str]"]


def _output(output: Optional[PathLike]) -> Tuple[Path, Optional[tempfile.TemporaryDirectory]]:
    if output is not None:
        return Path(output), None
    temporary = tempfile.TemporaryDirectory(prefix="cathodesim-")
    return Path(temporary.name), temporary


def _h5_from(summary: Dict[str, Any]) -> Optional[Path]:
    for name in summary.get("files", []):
        if str(name).endswith(".h5"):
            return Path(name)
    return None


def _device(device: Optional[str]) -> list:
    return option("--device", device)


def run(config: PathLike, set: SetValues = None, output: Optional[PathLike] = None,
        device: Optional[str] = None) -> Run:
    """Simulate a cell through its config's protocol (``cathodesim run CONFIG --json``).

    Args:
        config: the YAML config file (e.g. ``"configs/b-ncm-65.yaml"``), relative to the working directory.
        set: config overrides, each passed as ``--set key=value``: a dict ``{"temperature": "0 degC",
            "cell.cathode.active_mass_fraction": 0.7}``, a list of ``"key=value"`` strings or of ``(key, value)``
            pairs. Dimensioned values need their unit, as text (``"0 degC"``, ``"4 um"``) or a ``(number, unit)``
            tuple (``(0, "degC")``); plain numbers are for dimensionless keys.
        output: directory for the files (``<name>.h5``, ``<name>_timeseries.csv``, ``<name>_steps.csv``,
            ``<name>_voltage.png``); default a temporary directory deleted with the returned object.
        device: ``"cpu"`` (default), ``"gpu"``, ``"auto"`` or ``"ilgpu-cpu"``: where the particle solves run.

    Returns:
        a :class:`~cathodesim.results.Run` (``timeseries``, ``steps``, ``cycles`` DataFrames, ``summary`` dict with
        e.g. ``discharge_capacity_mAh_per_g``, ``warnings``, ``files``).

    Raises:
        InputError: a bad config, key or value (exit 2). SolverError: the solver failed (exit 3);
        ``error.result`` is the :class:`Run` up to the failure. Interrupted: Ctrl+C (exit 130);
        ``error.result`` is the :class:`Run` up to the last completed time step, ``summary["partial"]`` true.
        CathodeSimError: any other failure. CliNotFoundError: no ``cathodesim`` found.
    """
    directory, temporary = _output(output)
    arguments = ["run", os.fspath(config), "--output", str(directory)] + _cli.set_arguments(set) + _device(device)

    def build(done: _cli.Completed) -> Run:
        return Run(_h5_from(done.json), done.json, directory=directory, temporary=temporary, log=done.stderr,
                   command=done.command)

    done = _cli.call(arguments, failed_result=build)
    return build(done)


def sweep(sweep_yaml: PathLike, output: Optional[PathLike] = None, jobs: Optional[int] = None,
          set: SetValues = None, resume: bool = False, shard: Optional[str] = None,
          device: Optional[str] = None, batch: Optional[int] = None) -> Sweep:
    """Run every case of a parameter sweep (``cathodesim sweep SWEEP --json``).

    Args:
        sweep_yaml: the sweep file (see ``configs/sweeps/``).
        output: directory for ``<name>.h5``, ``<name>_table.csv``, the PNG plots and the journal; default a
            temporary directory deleted with the returned object (so ``resume`` needs ``output``).
        jobs: cases run in parallel (default: every core).
        set: overrides applied to every case, as in :func:`run`.
        resume: continue an interrupted sweep in ``output`` (finished cases are not recomputed).
        shard: ``"i/N"``: run only the cases whose index mod N is i.
        device: ``"cpu"``, ``"gpu"``, ``"auto"`` or ``"ilgpu-cpu"``; batch: cases kept resident on a device.

    Returns:
        a :class:`~cathodesim.results.Sweep`: ``table`` (one row per case), ``summary`` (``cases``, ``ran``,
        ``failed``, ``with_warnings``, ``wall_time_s``, ``cases_per_second``, ``files``), :meth:`Sweep.case` for
        each case's time series.
    """
    directory, temporary = _output(output)
    arguments = (["sweep", os.fspath(sweep_yaml), "--output", str(directory)] + _cli.set_arguments(set)
                 + option("--jobs", jobs) + option("--resume", resume) + option("--shard", shard)
                 + _device(device) + option("--batch", batch))

    def build(done: _cli.Completed) -> Sweep:
        summary = done.json
        csv = next((Path(f) for f in summary.get("files", []) if str(f).endswith("_table.csv")), None)
        return Sweep(_h5_from(summary), summary, table_csv=csv, directory=directory, temporary=temporary,
                     log=done.stderr, command=done.command)

    return build(_cli.call(arguments, failed_result=build))


def optimize_ratio(config: PathLike, set: SetValues = None, output: Optional[PathLike] = None,
                   objective: Optional[str] = None, rates: Union[str, Sequence[str], None] = None,
                   temperatures: Union[str, Sequence[str], None] = None, map: bool = False,
                   from_: Optional[float] = None, to: Optional[float] = None, points: Optional[int] = None,
                   tolerance: Optional[float] = None, jobs: Optional[int] = None,
                   transport: Optional[str] = None) -> RatioOptimization:
    """Find the NCM mass fraction that maximises an objective (``cathodesim optimize-ratio CONFIG --json``).

    Args:
        config, set, output: as in :func:`run` (files: ``<name>_ratio.csv``/``.png``, or ``_ratio_map.*``).
        objective: the result to maximise, e.g. ``"discharge_capacity_mAh_per_g"`` (default) or
            ``"discharge_energy_Wh_per_kg_composite"``.
        rates: C-rates, e.g. ``["0.1C", "1C"]`` or ``"0.1C,1C"``: the objective averaged over them, or with a map
            one condition each.
        temperatures: thermostat temperatures of a prediction map, e.g. ``["25 degC", "0 degC"]`` (implies ``map``).
        map: a prediction map (capacity against fraction per rate x temperature, optimum, 1 % band, limiting
            mechanism per grid point).
        from_, to: the coarse grid's lowest and highest NCM mass fraction (kg/kg; CLI ``--from``/``--to``,
            defaults 0.5 and 0.9); points: coarse grid points (9); tolerance: final bracket width in mass
            fraction (0.005); jobs: simulations in parallel; transport: ``"closed-form"`` or ``"microstructure"``.
    """
    directory, temporary = _output(output)

    def joined(values: Union[str, Sequence[str], None]) -> Optional[str]:
        if values is None or isinstance(values, str):
            return values
        return ",".join(_cli.format_value(v) for v in values)

    arguments = (["optimize-ratio", os.fspath(config), "--output", str(directory)] + _cli.set_arguments(set)
                 + option("--objective", objective) + option("--rates", joined(rates))
                 + option("--temperatures", joined(temperatures)) + option("--map", map)
                 + option("--from", from_) + option("--to", to) + option("--points", points)
                 + option("--tolerance", tolerance) + option("--jobs", jobs) + option("--transport", transport))

    def build(done: _cli.Completed) -> RatioOptimization:
        return RatioOptimization(done.json, directory=directory, temporary=temporary, log=done.stderr,
                                 command=done.command)

    return build(_cli.call(arguments, failed_result=build))


def _with_unit(value: Union[str, float, None], unit: str, space: bool = True) -> Optional[str]:
    """A quantity for the CLI: text passes as written ("30 min"), a number gets the SI ``unit``."""
    if value is None or isinstance(value, str):
        return value
    return f"{value!r}{' ' if space else ''}{unit}"


def eis(config: PathLike, set: SetValues = None, output: Optional[PathLike] = None, at: Optional[str] = None,
        rate: Union[str, float, None] = None, relax: Union[str, float, None] = None,
        from_: Union[str, float, None] = None, to: Union[str, float, None] = None,
        points_per_decade: Optional[int] = None, after_protocol: bool = False, drt: bool = False,
        drt_lambda: Optional[float] = None, drt_points_per_decade: Optional[int] = None) -> Impedance:
    """Simulate the cell to a state and compute its small-signal impedance (``cathodesim eis CONFIG --json``).

    Args:
        config, set, output: as in :func:`run` (files: ``<name>_eis.h5``, ``<name>_eis.csv``, Nyquist and Bode PNGs,
            with ``drt`` also ``<name>_drt.csv``/``.png``).
        at: the state: ``"rest"`` (as assembled, default) or e.g. ``"charge to 3.70 V"`` / ``"discharge to 3.2 V"``.
        rate: C-rate used to reach the state: ``"C/10"``, ``"0.1C"`` or a number of C (default 0.1C).
        relax: open-circuit rest before the measurement: ``"30 min"`` or a number of seconds (default 1 h).
        from_, to: highest and lowest frequency: ``"1 MHz"`` or a number of Hz (defaults 1 MHz and 10 mHz);
            points_per_decade: default 10.
        after_protocol: first run the config's own protocol (e.g. the cycles of a cycling config), then ``at``.
        drt: also compute the distribution of relaxation times and assign its peaks to model processes;
            drt_lambda: its regularisation parameter (default by generalised cross-validation);
            drt_points_per_decade: basis functions per decade of tau (default 10).
    """
    directory, temporary = _output(output)
    arguments = (["eis", os.fspath(config), "--output", str(directory)] + _cli.set_arguments(set)
                 + option("--at", at) + option("--rate", _with_unit(rate, "C", space=False))
                 + option("--relax", _with_unit(relax, "s")) + option("--from", _with_unit(from_, "Hz"))
                 + option("--to", _with_unit(to, "Hz")) + option("--points-per-decade", points_per_decade)
                 + option("--after-protocol", after_protocol)
                 + option("--drt", drt) + option("--drt-lambda", drt_lambda)
                 + option("--drt-points-per-decade", drt_points_per_decade))

    def build(done: _cli.Completed) -> Impedance:
        return Impedance(_h5_from(done.json), done.json, directory=directory, temporary=temporary, log=done.stderr,
                         command=done.command)

    return build(_cli.call(arguments, failed_result=build))


def _pairs(values: Union[str, Mapping[str, Any], None], render) -> Optional[str]:
    if values is None or isinstance(values, str):
        return values
    return ",".join(f"{name}={render(value)}" for name, value in values.items())


def _bound(value: Any) -> str:
    if isinstance(value, str):
        return value
    low, high = value
    text = lambda v: "inf" if v is None or v == float("inf") else _cli.format_value(v)  # noqa: E731
    return f"{text(low)}:{text(high)}"


def fit_eis(file: PathLike, circuit: str, output: Optional[PathLike] = None,
            initial: Union[str, Mapping[str, float], None] = None, fix: Union[str, Sequence[str], None] = None,
            weighting: Optional[str] = None, starts: Optional[int] = None, seed: Optional[int] = None,
            bounds: Union[str, Mapping[str, Any], None] = None, loop: Optional[int] = None,
            fmin: Optional[str] = None, fmax: Optional[str] = None) -> CircuitFit:
    """Fit an equivalent circuit to a measured impedance spectrum (``cathodesim fit-eis FILE --circuit C --json``).

    Args:
        file: the spectrum: EC-Lab ``.mpt``/``.mpr``, Gamry ``.DTA``, ZPlot, CSV with frequency, Re Z, Im Z, ...
        circuit: impedance.py syntax, e.g. ``"R0-p(R1,CPE1)-p(R2,CPE2)-W1"``.
        output: directory for ``<stem>_fit.csv``/``.png`` (default temporary).
        initial: initial guesses in SI units, ``{"R0": 40, "R1": 100}`` or ``"R0=40,R1=100"``.
        fix: parameters held at their initial value, ``["R0"]`` or ``"R0"``.
        weighting: ``"modulus"`` (default), ``"proportional"`` or ``"unit"``.
        starts: random starts beside the data-based ones (default 24); seed: their seed (default 1).
        bounds: ``{"R0": (0, 100), "CPE1_1": (0.5, 1)}`` (``None`` or ``inf`` for no bound) or ``"R0=0:100"``.
        loop: which sweep of a file holding several (1 = the first).
        fmin, fmax: frequency limits with their unit, e.g. ``"10 mHz"``, ``"1 MHz"``.
    """
    directory, temporary = _output(output)
    fixed = fix if fix is None or isinstance(fix, str) else ",".join(fix)
    arguments = (["fit-eis", os.fspath(file), "--circuit", circuit, "--output", str(directory)]
                 + option("--initial", _pairs(initial, _cli.format_value)) + option("--fix", fixed)
                 + option("--weighting", weighting) + option("--starts", starts) + option("--seed", seed)
                 + option("--bounds", _pairs(bounds, _bound)) + option("--loop", loop)
                 + option("--fmin", fmin) + option("--fmax", fmax))
    done = _cli.call(arguments)
    return CircuitFit(done.json, directory=directory, temporary=temporary, log=done.stderr, command=done.command)


def convert(file: PathLike, kind: str = "auto") -> pd.DataFrame:
    """An instrument file as a DataFrame, through ``cathodesim convert FILE --output TMP --json``.

    Spectra: ``frequency_Hz``, ``z_real_ohm``, ``z_imag_ohm`` (Im Z signed), ``sweep``; records: ``time_s``,
    ``voltage_V``, ``current_A`` (positive on charge), and ``cycle``/``step`` where recorded. ``frame.attrs``
    holds ``kind`` (``"spectrum"`` or ``"record"``), ``points``, ``sweeps``, ``warnings`` and ``file``.

    Args:
        file: any file the CLI's readers take (EC-Lab .mpr/.mpt, Gamry .DTA, ZPlot .z, Z60W, CH Instruments,
            VersaStudio .par, PowerSuite, CSV with units in the headers).
        kind: ``"auto"``, ``"spectrum"`` or ``"record"``.
    """
    with tempfile.TemporaryDirectory(prefix="cathodesim-convert-") as directory:
        done = _cli.call(["convert", os.fspath(file), "--kind", kind, "--output", directory])
        summary = done.json
        csv = next(Path(f) for f in summary["files"] if str(f).endswith(".csv"))
        frame = _io.read_csv(csv)
    frame.attrs.pop("source", None)
    frame.attrs.update({k: summary.get(k) for k in ("file", "kind", "points", "sweeps", "warnings")})
    return frame


def read(path: PathLike) -> Union[Run, Sweep, Impedance, pd.DataFrame]:
    """Read a file into pandas.

    * CathodeSim's own HDF5 files, with h5py: a run file (``<name>.h5``) gives a :class:`Run` (``timeseries``,
      ``steps``, ``cycles`` computed from the steps, ``profiles``, ``attributes``), a sweep file a :class:`Sweep`
      (``table``, :meth:`Sweep.case`), an EIS file (``<name>_eis.h5``) an :class:`Impedance`. Their ``summary`` is
      ``{}`` (the JSON summary exists only for a command just run).
    * CathodeSim's CSV tables (leading ``#`` context lines skipped): a DataFrame.
    * Anything else, e.g. instrument files: through ``cathodesim convert`` (see :func:`convert`): a DataFrame.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    if _io.is_hdf5(path):
        kind = _io.read_h5_kind(path)
        summary = {"files": [str(path)]}
        if kind == "run":
            return Run(path, summary, directory=path.parent)
        if kind == "sweep":
            return Sweep(path, summary, directory=path.parent)
        if kind == "eis":
            return Impedance(path, summary, directory=path.parent)
        raise ValueError(f"{path}: an HDF5 file, but not a CathodeSim run, sweep or EIS file")
    if path.suffix.lower() == ".csv" and _looks_like_cathodesim_csv(path):
        return _io.read_csv(path)
    return convert(path)


_OWN_CSV_HEADERS = ("time_s,", "index,", "frequency_Hz,real_ohm", "stage,", "rate_C,", "tau_s,",
                    "frequency_Hz,z_real_ohm,z_imag_ohm,fit_real_ohm", "frequency_Hz,z_real_ohm,z_imag_ohm,sweep")


def _looks_like_cathodesim_csv(path: Path) -> bool:
    """A CSV written by CathodeSim: its header (after any ``#`` lines) starts as one of its tables."""
    with open(path, "r", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            return line.startswith(_OWN_CSV_HEADERS)
    return False
