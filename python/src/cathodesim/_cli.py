"""Finding and running the ``cathodesim`` command line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from .errors import CathodeSimError, CliNotFoundError, InputError, Interrupted, SolverError, ValidationFailed

#: Where ``dotnet build CathodeSim.sln -c Release`` puts the CLI, relative to the repository root.
REPO_BUILD = Path("src") / "CathodeSim.Cli" / "bin" / "Release" / "net10.0"

SetValues = Union[Mapping[str, Any], Sequence[Union[str, Tuple[str, Any]]], None]


def _repo_candidates() -> List[Path]:
    """Repository roots that may hold a Release build: above this file (a clone), then above the working directory."""
    roots: List[Path] = []
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "CathodeSim.sln").is_file() and folder not in roots:
                roots.append(folder)
                break
    return roots


def find_cli() -> List[str]:
    """The command prefix that runs the CLI, e.g. ``['/usr/local/bin/cathodesim']`` or ``['dotnet', 'exec', '.../cathodesim.dll']``.

    Looked up in this order:

    1. the environment variable ``CATHODESIM_CLI``: the path of the ``cathodesim`` executable, or of
       ``cathodesim.dll`` (run with ``dotnet exec``);
    2. ``cathodesim`` on ``PATH`` (e.g. after ``dotnet tool install``);
    3. the Release build of a CathodeSim clone, ``src/CathodeSim.Cli/bin/Release/net10.0/cathodesim``, in the clone
       that holds this package (editable install) or in the clone that holds the current working directory.

    Raises:
        CliNotFoundError: none was found; the message says how to get one.
    """
    configured = os.environ.get("CATHODESIM_CLI", "").strip()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise CliNotFoundError(
                f"CATHODESIM_CLI is set to '{configured}', which is not a file; point it at the cathodesim executable "
                f"or at cathodesim.dll (e.g. <clone>/{REPO_BUILD.as_posix()}/cathodesim)")
        return _prefix_for(path)
    on_path = shutil.which("cathodesim")
    if on_path:
        return [on_path]
    for root in _repo_candidates():
        for name in ("cathodesim", "cathodesim.exe", "cathodesim.dll"):
            candidate = root / REPO_BUILD / name
            if candidate.is_file():
                return _prefix_for(candidate)
    raise CliNotFoundError(
        "the cathodesim command line was not found. Build it in the CathodeSim clone with "
        "`dotnet build CathodeSim.sln -c Release` (then run Python from inside the clone, or set "
        f"CATHODESIM_CLI=<clone>/{REPO_BUILD.as_posix()}/cathodesim), install it as a .NET tool so that "
        "`cathodesim` is on PATH, or set the environment variable CATHODESIM_CLI to the path of the cathodesim "
        "executable or of cathodesim.dll")


def _prefix_for(path: Path) -> List[str]:
    path = path.resolve()
    if path.suffix.lower() == ".dll":
        dotnet = shutil.which("dotnet")
        if dotnet is None:
            raise CliNotFoundError(f"{path} is a .NET assembly, but `dotnet` is not on PATH to run it with `dotnet exec`")
        return [dotnet, "exec", str(path)]
    if not os.access(path, os.X_OK):
        raise CliNotFoundError(f"{path} is not executable")
    return [str(path)]


def format_value(value: Any) -> str:
    """A Python value as the text of ``--set key=value``.

    Strings pass unchanged (``"0 degC"``, ``"1.5 mS/cm"``); ``(number, unit)`` tuples become ``"number unit"``;
    booleans ``true``/``false``; numbers their shortest round-trip text; lists a YAML flow list ``[a, b]``.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str) and not isinstance(value[0], str):
        return f"{format_value(value[0])} {value[1]}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        value = value.item()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def set_arguments(values: SetValues) -> List[str]:
    """``--set key=value`` arguments from a mapping, a list of ``"key=value"`` strings or a list of ``(key, value)`` pairs."""
    if values is None:
        return []
    if isinstance(values, str):
        raise TypeError("set= takes a dict {key: value} or a list of 'key=value' strings, not a single string")
    items: Iterable[Tuple[str, Any]]
    if isinstance(values, Mapping):
        items = values.items()
    else:
        pairs = []
        for entry in values:
            if isinstance(entry, str):
                key, sep, text = entry.partition("=")
                if not sep:
                    raise ValueError(f"set entry '{entry}' is not of the form key=value")
                pairs.append((key.strip(), text))
            else:
                key, text = entry
                pairs.append((key, text))
        items = pairs
    arguments: List[str] = []
    for key, value in items:
        arguments += ["--set", f"{key}={format_value(value)}"]
    return arguments


def option(name: str, value: Any) -> List[str]:
    """``[name, text]`` for a given option value, ``[]`` for ``None``/``False``, ``[name]`` for ``True``."""
    if value is None or value is False:
        return []
    if value is True:
        return [name]
    return [name, format_value(value)]


@dataclass
class Completed:
    """One finished CLI call: the arguments, exit code, standard output and error, and the parsed ``--json`` output."""

    command: List[str]
    returncode: int
    stdout: str
    stderr: str
    json: Optional[Any]


def _message(stderr: str, returncode: int) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lstrip().lower().startswith("error")]
    chosen = errors or lines[-20:]
    return "\n".join(chosen) if chosen else f"cathodesim exited with code {returncode} and no message"


def _child_setup() -> None:
    """Runs in the child before exec (POSIX): its own session, so that a terminal's or Jupyter's Ctrl+C reaches only
    Python, which forwards exactly one SIGINT (a second SIGINT makes the CLI abort without writing); and, on Linux, a
    SIGTERM when this Python process dies, so a killed kernel leaves no orphaned run behind (the CLI then writes what
    it has done and exits)."""
    os.setsid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _communicate(process: "subprocess.Popen[str]", command: Sequence[str]) -> Tuple[str, str, bool]:
    """Wait for the CLI. On Ctrl+C, forward one SIGINT and wait again: the CLI writes the results it has (``run``
    marks them partial) and exits 130. A second Ctrl+C while it writes aborts it. Returns (stdout, stderr, interrupted)."""
    try:
        stdout, stderr = process.communicate()
        return stdout, stderr, False
    except KeyboardInterrupt:
        pass
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        stdout, stderr = process.communicate()
    except KeyboardInterrupt:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=10)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            process.kill()
            process.communicate()
        raise Interrupted("cathodesim was interrupted twice (Ctrl+C) and aborted; nothing of this call was written",
                          command) from None
    return stdout, stderr, True


def call(arguments: Sequence[str], json_output: bool = True, failed_result: Any = None) -> Completed:
    """Run ``cathodesim ARGUMENTS [--json]`` and map a failing exit code to an exception.

    ``failed_result`` is called with the :class:`Completed` of an exit-3 or exit-130 run that printed its JSON summary,
    to build ``SolverError.result`` or ``Interrupted.result`` (what the CLI wrote before it stopped).
    """
    command = find_cli() + list(arguments) + (["--json"] if json_output else [])
    environment = dict(os.environ)
    environment.setdefault("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
    environment.setdefault("DOTNET_NOLOGO", "1")
    environment.setdefault("NO_COLOR", "1")
    posix = os.name == "posix"
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          errors="replace", env=environment,
                          preexec_fn=_child_setup if posix else None) as process:
        try:
            stdout, stderr, _ = _communicate(process, command)
        except BaseException:
            if process.poll() is None:
                process.kill()
            raise
    parsed = None
    if json_output and stdout.strip():
        try:
            parsed = json.loads(stdout)
        except json.JSONDecodeError:
            parsed = None
    done = Completed(command, process.returncode, stdout, stderr, parsed)
    code = process.returncode
    if code == 0:
        if json_output and parsed is None:
            raise CathodeSimError(f"cathodesim printed no JSON: {stdout[:500]!r}", code, command, stderr)
        return done
    message = _message(stderr, code)

    def written() -> Any:
        if failed_result is None or parsed is None:
            return None
        try:
            return failed_result(done)
        except Exception:  # what was written could not be read: report the failure alone
            return None

    if code == 2:
        raise InputError(message, code, command, stderr) from None
    if code == 3:
        raise SolverError(message, code, command, stderr, written()) from None
    if code == 4:
        raise ValidationFailed(message, code, command, stderr) from None
    if code in (130, -2, -15):
        raise Interrupted(message, command, stderr, written()) from None
    raise CathodeSimError(message, code, command, stderr) from None
