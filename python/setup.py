"""Declares the runtime dependencies: numpy, pandas and h5py.

Debian's python3-h5py registers itself under the distribution name 'h5py.-debian-h5py-serial', so pip never sees an
'h5py' requirement as met by it and, offline (``pip install --no-index``), refuses to install. A dependency that is
importable here but has no distribution of its own name (a copy from the OS package manager, seen through
``--system-site-packages`` and ``--no-build-isolation``) is therefore not passed to pip; every other case (a normal,
isolated build included) declares all three.
"""

import importlib.metadata
import importlib.util

from setuptools import setup

REQUIREMENTS = {"numpy": "numpy", "pandas": "pandas", "h5py": "h5py"}  # distribution name: import name


def needed(distribution: str, module: str) -> bool:
    try:
        importlib.metadata.distribution(distribution)
        return True
    except importlib.metadata.PackageNotFoundError:
        return importlib.util.find_spec(module) is None


setup(install_requires=[name for name, module in REQUIREMENTS.items() if needed(name, module)])
