"""CathodeSim from Python: runs the ``cathodesim`` command line and returns its results as pandas DataFrames.

    >>> import cathodesim
    >>> r = cathodesim.run("configs/b-ncm-65.yaml", set={"temperature": "0 degC"})
    >>> r.summary["discharge_capacity_mAh_per_g"], r.timeseries[["time_s", "voltage_V"]]

Functions: :func:`run`, :func:`sweep`, :func:`optimize_ratio`, :func:`eis`, :func:`fit_eis`, :func:`convert`,
:func:`read`; :func:`find_cli` says which executable is used (env ``CATHODESIM_CLI``, ``cathodesim`` on PATH, or a
clone's Release build). Errors: :class:`InputError` (CLI exit 2), :class:`SolverError` (3), :class:`Interrupted`
(130, a ``KeyboardInterrupt``), :class:`CathodeSimError` (others).
"""

from ._cli import find_cli
from .api import convert, eis, fit_eis, optimize_ratio, read, run, sweep
from .errors import (CathodeSimError, CliNotFoundError, InputError, Interrupted, SolverError,
                     ValidationFailed)
from .results import CircuitFit, Impedance, RatioOptimization, Result, Run, Sweep

__version__ = "0.1.0"

__all__ = [
    "run", "sweep", "optimize_ratio", "eis", "fit_eis", "convert", "read", "find_cli",
    "CathodeSimError", "CliNotFoundError", "InputError", "SolverError", "ValidationFailed", "Interrupted",
    "Result", "Run", "Sweep", "RatioOptimization", "Impedance", "CircuitFit",
]
