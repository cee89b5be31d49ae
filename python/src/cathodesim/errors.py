"""Exceptions raised when the ``cathodesim`` command line does not succeed.

The CLI's exit codes map to exceptions as follows:

====  ==========================  ===============================================================
exit  exception                   meaning
====  ==========================  ===============================================================
2     :class:`InputError`         bad input (config, ``set`` value, option, file); nothing ran
3     :class:`SolverError`        the solver failed; ``error.result`` holds what was written
4     :class:`ValidationFailed`   ``validate``: a case outside its tolerance (not wrapped yet)
130   :class:`Interrupted`        Ctrl+C or SIGTERM; nothing half-written (a ``KeyboardInterrupt``)
1     :class:`CathodeSimError`    any other failure (e.g. the disk filled while writing)
====  ==========================  ===============================================================
"""

from __future__ import annotations

from typing import Any, Optional, Sequence


class CathodeSimError(Exception):
    """A ``cathodesim`` command failed.

    Attributes:
        message: the CLI's own message (its ``error:`` lines), without any Python traceback of the call.
        returncode: the CLI's exit code.
        command: the argument list that was run.
        stderr: everything the CLI wrote on standard error.
    """

    def __init__(self, message: str, returncode: Optional[int] = None,
                 command: Optional[Sequence[str]] = None, stderr: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.returncode = returncode
        self.command = list(command) if command is not None else []
        self.stderr = stderr


class CliNotFoundError(CathodeSimError, FileNotFoundError):
    """The ``cathodesim`` executable could not be found (see :func:`cathodesim.find_cli`)."""


class InputError(CathodeSimError, ValueError):
    """Exit code 2: the CLI refused its input before running anything (config key, unit, file, option)."""


class SolverError(CathodeSimError):
    """Exit code 3: the solver failed part-way.

    The CLI writes the results up to the failure before it exits, so ``result`` holds them (a :class:`Run`
    or the command's result object) when they could be read, else ``None``.
    """

    def __init__(self, message: str, returncode: Optional[int] = None,
                 command: Optional[Sequence[str]] = None, stderr: str = "", result: Any = None) -> None:
        super().__init__(message, returncode, command, stderr)
        self.result = result


class ValidationFailed(CathodeSimError):
    """Exit code 4 (``validate``): a validation case is outside its stated tolerance."""


class Interrupted(KeyboardInterrupt):
    """Exit code 130: the CLI was interrupted (Ctrl+C or SIGTERM) and wrote nothing half-way.

    Ctrl+C in Python is forwarded to the CLI once; ``run`` then writes the results up to the last completed time step,
    marked partial, and ``result`` holds them (a :class:`Run` whose ``summary["partial"]`` is true). ``result`` is
    ``None`` where nothing was written (interrupted before the first step, a second Ctrl+C, or another command).

    A subclass of :class:`KeyboardInterrupt` (not of :class:`CathodeSimError`), so that ``except Exception``
    does not swallow an interrupt in a notebook or script.
    """

    def __init__(self, message: str, command: Optional[Sequence[str]] = None, stderr: str = "",
                 result: Any = None) -> None:
        super().__init__(message)
        self.result = result
        self.message = message
        self.returncode = 130
        self.command = list(command) if command is not None else []
        self.stderr = stderr
