"""Tests of the cathodesim Python package against the real CLI (found as the package finds it: CATHODESIM_CLI, PATH,
or this clone's Release build).

    /tmp/venv/bin/python -m unittest discover -s python/tests -v

Every command runs once, on a coarse mesh, in setUpModule; the tests then check what came back.
Real instrument files come from ../shared/external-data (see its README) when that folder exists; where it does not,
the tests that need a measured spectrum use the repository's synthesised instrument files instead and say so.
"""

from __future__ import annotations

import csv
import os
import signal
import stat
import sys
import tempfile
import threading
import unittest
from pathlib import Path

import numpy as np
import pandas as pd

import cathodesim
from cathodesim import _cli

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "configs" / "b-ncm-65.yaml"
TINY_SWEEP = REPO / "tests" / "slurm" / "tiny-sweep.yaml"
INSTRUMENTS = REPO / "tests" / "CathodeSim.Tests" / "Impedance" / "Instruments"
MEASUREMENTS = REPO / "tests" / "fuzz-corpus" / "measurements"
EXTERNAL = Path(os.environ.get("CATHODESIM_EXTERNAL_DATA", REPO.parent / "shared" / "external-data"))
COARSE = {"numerics.size_bins": 1, "numerics.cathode_nodes": 6, "numerics.radial_shells": 6}

#: Results of every command, made once (setUpModule); output directories kept for the CSV test.
R: dict = {}
_WORK = tempfile.TemporaryDirectory(prefix="cathodesim-tests-")
WORK = Path(_WORK.name)


def measured_spectrum():
    """(file, circuit, loop, parameter names): hybrid-drt's Sample2_PEIS_AtRest.csv (NCM-Li6PS5Cl | Li6PS5Cl | In-Li
    half cell at rest, 10 sweeps, the first fitted), else the repository's synthesised Z60W file."""
    real = EXTERNAL / "hybrid-drt" / "Sample2_PEIS_AtRest.csv"
    if real.is_file():
        return (real, "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3", 1,
                ["R0", "R1", "CPE1_0", "CPE1_1", "R2", "CPE2_0", "CPE2_1", "CPE3_0", "CPE3_1"])
    print(f"note: {EXTERNAL} is absent; the 'real spectrum' tests use the synthesised {INSTRUMENTS / 'synthetic_z60w.txt'}",
          file=sys.stderr)
    return INSTRUMENTS / "synthetic_z60w.txt", "R0-p(R1,C1)", None, ["R0", "R1", "C1"]


def setUpModule() -> None:
    R["run"] = cathodesim.run(CONFIG, set=COARSE, output=WORK / "run")
    R["sweep"] = cathodesim.sweep(TINY_SWEEP, output=WORK / "sweep", jobs=2)
    R["ratio"] = cathodesim.optimize_ratio(CONFIG, set=COARSE, output=WORK / "ratio", from_=0.6, to=0.7, points=3,
                                           tolerance=0.05, jobs=2)
    R["ratio_map"] = cathodesim.optimize_ratio(CONFIG, set=COARSE, output=WORK / "ratio_map", from_=0.6, to=0.7,
                                               points=3, tolerance=0.05, jobs=2, rates=["0.1C"],
                                               temperatures=["25 degC"])
    R["eis"] = cathodesim.eis(CONFIG, set=COARSE, output=WORK / "eis", at="charge to 3.70 V", drt=True)
    spectrum, circuit, loop, _ = measured_spectrum()
    R["fit"] = cathodesim.fit_eis(spectrum, circuit, loop=loop, output=WORK / "fit")
    R["fit_synthetic"] = cathodesim.fit_eis(INSTRUMENTS / "synthetic_zplot.z", "R0-p(R1,C1)", output=WORK / "fit2")
    # convert's CSVs, for the CSV test: a spectrum and a record
    for name, source in (("spectrum", INSTRUMENTS / "synthetic_zplot.z"), ("record", MEASUREMENTS / "gitt_eclab.mpt")):
        _cli.call(["convert", str(source), "--output", str(WORK / f"convert-{name}")])


def tearDownModule() -> None:
    _WORK.cleanup()


class RunTests(unittest.TestCase):
    def test_timeseries_columns_with_units_and_time_monotonic(self) -> None:
        ts = R["run"].timeseries
        self.assertEqual(list(ts.columns), ["time_s", "voltage_V", "current_A", "charge_C",
                                            "specific_capacity_mAh_per_g", "temperature_K", "step_index", "cycle"])
        self.assertGreater(len(ts), 50)
        self.assertTrue((ts["cycle"] >= 1).all() and ts["cycle"].is_monotonic_increasing)
        self.assertTrue(ts["time_s"].is_monotonic_increasing)
        self.assertTrue(np.issubdtype(ts["voltage_V"].dtype, np.floating))
        self.assertTrue(((ts["voltage_V"] > 1.5) & (ts["voltage_V"] < 4.5)).all())
        self.assertEqual(sorted(ts["step_index"].unique()), [0, 1])

    def test_capacity_from_timeseries_matches_json_summary(self) -> None:
        run = R["run"]
        ts, summary = run.timeseries, run.summary
        # specific_capacity_mAh_per_g is the net charge passed since the start per gram of NCM
        charge = ts.loc[ts["step_index"] == 0, "specific_capacity_mAh_per_g"].iloc[-1]
        discharge_part = ts.loc[ts["step_index"] == 1, "specific_capacity_mAh_per_g"]
        discharge = charge - discharge_part.iloc[-1]
        self.assertAlmostEqual(charge, summary["charge_capacity_mAh_per_g"], delta=0.01)
        self.assertAlmostEqual(discharge, summary["discharge_capacity_mAh_per_g"], delta=0.01)
        self.assertGreater(summary["discharge_capacity_mAh_per_g"], 150)
        self.assertEqual(len(run.cycles), 1)
        self.assertAlmostEqual(run.cycles.loc[0, "discharge_capacity_mAh_per_g"],
                               summary["discharge_capacity_mAh_per_g"], places=9)

    def test_steps_match_json_and_files_exist(self) -> None:
        run = R["run"]
        self.assertEqual(list(run.steps["description"]), [s["description"] for s in run.summary["steps"]])
        self.assertEqual(list(run.steps["end"]), ["Voltage", "Voltage"])
        self.assertEqual(run.warnings, [])
        self.assertTrue(all(Path(f).is_file() for f in run.files))
        self.assertFalse(run.temporary)
        self.assertIn("b-ncm-65", run.config_yaml)
        self.assertEqual(set(run.profiles), {"snapshot_000", "snapshot_001"})
        self.assertEqual(len(run.profiles["snapshot_000"]), 6)  # numerics.cathode_nodes = 6

    def test_set_values_change_the_run(self) -> None:
        cold = cathodesim.run(CONFIG, set=dict(COARSE, temperature=(0, "degC")))
        self.assertAlmostEqual(cold.summary["temperature_K"], 273.15, places=6)
        self.assertLess(cold.summary["discharge_capacity_mAh_per_g"], R["run"].summary["discharge_capacity_mAh_per_g"])
        directory = cold.directory
        self.assertTrue(cold.temporary and directory.is_dir())
        cold.close()
        self.assertFalse(directory.exists())
        self.assertGreater(len(cold.timeseries), 0)  # DataFrames outlive the files

    def test_input_error_on_a_bad_key(self) -> None:
        with self.assertRaises(cathodesim.InputError) as caught:
            cathodesim.run(CONFIG, set=["cell.cathode.mas=3"])
        self.assertEqual(caught.exception.returncode, 2)
        self.assertIn("cell.cathode.mas: unknown key; did you mean 'mass'?", str(caught.exception))
        self.assertNotIn("Traceback", str(caught.exception))
        self.assertIsInstance(caught.exception, cathodesim.CathodeSimError)

    def test_input_error_on_a_missing_unit(self) -> None:
        with self.assertRaisesRegex(cathodesim.InputError, "temperature: expected a temperature"):
            cathodesim.run(CONFIG, set={"temperature": 273.15})


class SetFormattingTests(unittest.TestCase):
    def test_values_become_set_arguments(self) -> None:
        self.assertEqual(_cli.set_arguments({"a": "0 degC", "b": 0.7, "c": 5, "d": True, "e": (4, "um"),
                                             "f": ["1 h", "5 h"], "g": np.float64(0.25)}),
                         ["--set", "a=0 degC", "--set", "b=0.7", "--set", "c=5", "--set", "d=true",
                          "--set", "e=4 um", "--set", "f=[1 h, 5 h]", "--set", "g=0.25"])
        self.assertEqual(_cli.set_arguments(["x.y=1 mg", ("z", 2)]), ["--set", "x.y=1 mg", "--set", "z=2"])
        with self.assertRaises(ValueError):
            _cli.set_arguments(["no-equals-sign"])


class SweepTests(unittest.TestCase):
    def test_table(self) -> None:
        sweep = R["sweep"]
        table = sweep.table
        self.assertEqual(len(table), 6)
        self.assertEqual(sweep.summary["cases"], 6)
        self.assertEqual(list(table.columns[:3]), ["index", "status", "cell.cathode.active_mass_fraction"])
        self.assertEqual(list(table["status"]), ["ok"] * 6)
        np.testing.assert_allclose(table["cell.cathode.active_mass_fraction"], np.linspace(0.6, 0.75, 6))
        capacity = table["protocol.discharge_capacity_mAh_per_g"]
        self.assertTrue(((capacity > 100) & (capacity < 260)).all())
        csv_table = pd.read_csv(sweep.file("_table.csv"))
        self.assertEqual(list(csv_table.columns), list(table.columns))
        np.testing.assert_allclose(csv_table["protocol.discharge_capacity_mAh_per_g"], capacity, rtol=1e-12)

    def test_case_timeseries(self) -> None:
        protocols = R["sweep"].case(0)
        self.assertEqual(list(protocols), ["protocol"])
        self.assertTrue(protocols["protocol"]["time_s"].is_monotonic_increasing)
        self.assertIn("voltage_V", protocols["protocol"].columns)


class RatioTests(unittest.TestCase):
    def test_optimum(self) -> None:
        ratio = R["ratio"]
        self.assertTrue(0.6 <= ratio.optimum_fraction <= 0.7)
        self.assertEqual(list(ratio.table.columns), ["stage", "ncm_mass_fraction", "discharge_capacity_mAh_per_g"])
        self.assertEqual(list(ratio.table.loc[ratio.table["stage"] == "grid", "ncm_mass_fraction"].round(6)),
                         [0.6, 0.65, 0.7])
        self.assertAlmostEqual(ratio.table["discharge_capacity_mAh_per_g"].max(), ratio.optimum_value, places=9)

    def test_map(self) -> None:
        ratio = R["ratio_map"]
        self.assertEqual(len(ratio.conditions), 1)
        self.assertAlmostEqual(ratio.conditions.loc[0, "temperature_K"], 298.15, places=6)
        self.assertIn("mechanism", ratio.table.columns)
        self.assertTrue(0.6 <= ratio.conditions.loc[0, "optimum_fraction"] <= 0.7)


class EisTests(unittest.TestCase):
    def test_spectrum(self) -> None:
        eis = R["eis"]
        spectrum = eis.spectrum
        self.assertEqual(list(spectrum.columns), ["frequency_Hz", "real_ohm", "imaginary_ohm", "modulus_ohm", "phase_deg"])
        self.assertEqual(len(spectrum), 81)  # 1 MHz to 10 mHz, 10 per decade
        self.assertTrue(spectrum["frequency_Hz"].is_monotonic_decreasing)
        self.assertTrue((spectrum["real_ohm"] > 0).all())
        np.testing.assert_allclose(np.abs(eis.impedance), spectrum["modulus_ohm"], rtol=1e-9)
        np.testing.assert_allclose(spectrum["real_ohm"], [p["real_ohm"] for p in eis.summary["spectrum"]], rtol=1e-12)
        self.assertAlmostEqual(eis.voltage_V, 3.69, delta=0.02)
        self.assertGreater(len(eis.drt), 10)
        self.assertGreater(len(eis.drt_peaks), 0)


class FitTests(unittest.TestCase):
    def test_fit_of_a_measured_spectrum(self) -> None:
        fit = R["fit"]
        self.assertEqual(list(fit.parameters.index), measured_spectrum()[3])
        self.assertEqual(fit.parameters.loc["R0", "unit"], "ohm")
        self.assertTrue((fit.parameters["value"] > 0).all())
        data = fit.data
        self.assertEqual(len(data), fit.summary["points"])
        modulus = np.hypot(data["z_real_ohm"], data["z_imag_ohm"])
        misfit = np.hypot(data["z_real_ohm"] - data["fit_real_ohm"], data["z_imag_ohm"] - data["fit_imag_ohm"]) / modulus
        self.assertLess(float(np.sqrt(np.mean(misfit ** 2))), 0.04)  # within 4 % RMS of |Z| (2.3 % on Sample2)

    def test_fit_recovers_a_known_circuit(self) -> None:
        # tests/CathodeSim.Tests/Impedance/Instruments: R0 = 20 ohm, R1 = 100 ohm, C1 = 1 uF
        values = R["fit_synthetic"].values
        self.assertAlmostEqual(values["R0"], 20, delta=0.2)
        self.assertAlmostEqual(values["R1"], 100, delta=1)
        self.assertAlmostEqual(values["C1"], 1e-6, delta=1e-8)

    def test_fit_options_reach_the_cli(self) -> None:
        fit = cathodesim.fit_eis(INSTRUMENTS / "synthetic_zplot.z", "R0-p(R1,C1)", initial={"R0": 25}, fix=["R0"],
                                 starts=0, bounds={"R1": (50, None)}, fmax="10 kHz")
        self.assertEqual(fit.values["R0"], 25)
        self.assertTrue(bool(fit.parameters.loc["R0", "fixed"]))
        self.assertTrue((fit.data["frequency_Hz"] <= 1e4 * (1 + 1e-9)).all())
        with self.assertRaises(cathodesim.InputError):
            cathodesim.fit_eis(INSTRUMENTS / "synthetic_zplot.z", "R0-p(R1,X1)")


class ReadTests(unittest.TestCase):
    def test_read_run_file(self) -> None:
        run = R["run"]
        again = cathodesim.read(run.h5)
        self.assertIsInstance(again, cathodesim.Run)
        pd.testing.assert_frame_equal(again.timeseries, run.timeseries)
        pd.testing.assert_frame_equal(again.steps, run.steps)
        # cycles of a file are computed from its steps and active mass: same capacities as the JSON
        self.assertAlmostEqual(again.cycles.loc[0, "charge_capacity_mAh_per_g"], run.summary["charge_capacity_mAh_per_g"],
                               places=6)
        self.assertAlmostEqual(again.cycles.loc[0, "coulombic_efficiency_percent"],
                               run.summary["coulombic_efficiency_percent"], places=6)
        # and the CSV the run wrote holds the same series
        from_csv = cathodesim.read(run.file("_timeseries.csv"))
        np.testing.assert_allclose(from_csv["voltage_V"], run.timeseries["voltage_V"], rtol=1e-12)

    def test_read_sweep_file(self) -> None:
        sweep = cathodesim.read(R["sweep"].h5)
        self.assertIsInstance(sweep, cathodesim.Sweep)
        pd.testing.assert_frame_equal(sweep.table, R["sweep"].table)

    def test_read_instrument_files(self) -> None:
        zplot = cathodesim.read(INSTRUMENTS / "synthetic_zplot.z")
        self.assertEqual(list(zplot.columns), ["frequency_Hz", "z_real_ohm", "z_imag_ohm", "sweep"])
        self.assertEqual(zplot.attrs["kind"], "spectrum")
        self.assertEqual(len(zplot), 13)
        self.assertAlmostEqual(zplot["z_real_ohm"].iloc[0], 20.02532, places=5)
        record = cathodesim.read(MEASUREMENTS / "gitt_eclab.mpt")
        self.assertEqual(record.attrs["kind"], "record")
        self.assertEqual(list(record.columns[:3]), ["time_s", "voltage_V", "current_A"])

    def test_read_real_instrument_file(self) -> None:
        mpr = EXTERNAL / "hybrid-drt" / "PEIS_LPSCl_IonBlocking_-25C.mpr"
        if not mpr.is_file():
            print(f"note: {mpr} absent; reading the repository's Gamry record CHRONOP.DTA instead", file=sys.stderr)
            frame = cathodesim.read(MEASUREMENTS / "CHRONOP.DTA")
            self.assertEqual(frame.attrs["kind"], "record")
            return
        frame = cathodesim.read(mpr)
        self.assertEqual(frame.attrs["kind"], "spectrum")
        self.assertEqual(len(frame), 79)
        self.assertAlmostEqual(frame["frequency_Hz"].iloc[0], 7.0e6, delta=1e3)
        # EC-Lab's own text export of the same measurement (the .txt): the same first point
        self.assertAlmostEqual(frame["z_real_ohm"].iloc[0], 359.2415, places=3)

    def test_read_bad_file_is_an_input_error(self) -> None:
        bad = WORK / "not-a-measurement.txt"
        bad.write_text("hello\nworld\n")
        with self.assertRaises(cathodesim.InputError):
            cathodesim.read(bad)


def _numeric(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


class CsvFilesReadWithPandasDefaults(unittest.TestCase):
    """Every CSV the commands write must read with ``pandas.read_csv(path)`` and no options: the header on the first
    line, the same number of fields in every row, and numeric columns parsed as numbers."""

    def test_every_csv(self) -> None:
        files = sorted(WORK.rglob("*.csv"))
        kinds = {f.name.split("_", 1)[-1] if "_" in f.name else f.name for f in files}
        # every kind of table the wrapped commands write is present
        for expected in ("timeseries.csv", "steps.csv", "table.csv", "ratio.csv", "ratio_map.csv", "eis.csv",
                         "drt.csv", "fit.csv", "spectrum.csv", "record.csv"):
            self.assertTrue(any(k.endswith(expected) for k in kinds), f"no *_{expected} among {sorted(kinds)}")
        for path in files:
            with self.subTest(csv=str(path.relative_to(WORK))):
                with open(path, newline="", encoding="utf-8") as handle:
                    rows = list(csv.reader(handle))
                header = rows[0]
                self.assertFalse(header[0].startswith("#"), f"first line is not the header: {header[0][:80]!r}")
                widths = {len(row) for row in rows}
                self.assertEqual(widths, {len(header)}, "rows with a different number of fields than the header")
                frame = pd.read_csv(path)
                self.assertEqual(list(frame.columns), header)
                self.assertEqual(len(frame), len(rows) - 1)
                for j, name in enumerate(header):
                    values = [row[j] for row in rows[1:] if row[j] != ""]
                    if values and all(_numeric(v) for v in values):
                        self.assertTrue(pd.api.types.is_numeric_dtype(frame[name]), f"column {name} is not numeric")


class ErrorMappingTests(unittest.TestCase):
    """Exit codes the real CLI cannot be made to give on demand, through a stand-in executable (CATHODESIM_CLI)."""

    def fake_cli(self, exit_code: int, stdout: str = "", stderr: str = "") -> None:
        script = WORK / f"fake-cli-{exit_code}"
        (WORK / f"fake-{exit_code}.out").write_text(stdout)
        (WORK / f"fake-{exit_code}.err").write_text(stderr)
        script.write_text(f"#!/bin/sh\ncat '{WORK}/fake-{exit_code}.out'\ncat '{WORK}/fake-{exit_code}.err' >&2\n"
                          f"exit {exit_code}\n")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        self.use_cli(script)

    def use_cli(self, path: Path) -> None:
        """Point CATHODESIM_CLI at ``path`` for this test; the previous value comes back afterwards."""
        previous = os.environ.get("CATHODESIM_CLI")
        os.environ["CATHODESIM_CLI"] = str(path)
        if previous is None:
            self.addCleanup(os.environ.pop, "CATHODESIM_CLI", None)
        else:
            self.addCleanup(os.environ.__setitem__, "CATHODESIM_CLI", previous)

    def test_solver_failure_keeps_the_written_results(self) -> None:
        import json
        summary = dict(R["run"].summary, files=[str(p) for p in R["run"].files])
        summary["solver"] = dict(summary["solver"], completed=False, failure="Newton did not converge")
        self.fake_cli(3, json.dumps(summary), "solver failure: Newton did not converge; results up to that point were written.\n")
        with self.assertRaises(cathodesim.SolverError) as caught:
            cathodesim.run(CONFIG)
        self.assertIn("Newton did not converge", str(caught.exception))
        partial = caught.exception.result
        self.assertIsInstance(partial, cathodesim.Run)
        pd.testing.assert_frame_equal(partial.timeseries, R["run"].timeseries)

    def test_interrupt_is_a_keyboard_interrupt(self) -> None:
        self.fake_cli(130, "", "cancelled: nothing was written.\n")
        with self.assertRaises(KeyboardInterrupt) as caught:
            cathodesim.run(CONFIG)
        self.assertIsInstance(caught.exception, cathodesim.Interrupted)
        self.assertNotIsInstance(caught.exception, Exception)

    @unittest.skipUnless(os.name == "posix", "Ctrl+C is forwarded as SIGINT on POSIX only")
    def test_ctrl_c_keeps_the_partial_run(self) -> None:
        # A 5000-cycle protocol on the shipped mesh (about half a second per cycle: far beyond the 6 s), interrupted by a
        # real SIGINT to this process 6 s in: well after start-up, long before the end. (On the coarse mesh the faster
        # solver got through the 5000 cycles in about 7 s, so a quick machine finished before the SIGINT.) The package
        # forwards it to the real CLI, which writes what it has.
        config = WORK / "long-cycling.yaml"
        config.write_text(f"extends: {REPO / 'configs' / 'b-ncm-65-cycling.yaml'}\n"
                          "protocol:\n  - repeat: 5000\n    steps:\n"
                          "      - Charge at 0.1C until 3.7 V\n      - Discharge at 0.1C until 2.1 V\n")
        timer = threading.Timer(6.0, os.kill, (os.getpid(), signal.SIGINT))
        self.addCleanup(timer.cancel)
        timer.start()
        with self.assertRaises(cathodesim.Interrupted) as caught:
            cathodesim.run(config, output=WORK / "interrupted")
        partial = caught.exception.result
        self.assertIsInstance(partial, cathodesim.Run)
        self.assertIs(partial.summary["partial"], True)
        self.assertEqual(partial.steps["end"].iloc[-1], "Interrupted")
        self.assertGreater(len(partial.timeseries), 50)
        self.assertLess(partial.steps["cycle"].max(), 5000)
        # the files on disk are the partial run itself, whole: the HDF5 read back equals what came back
        pd.testing.assert_frame_equal(cathodesim.read(partial.h5).timeseries, partial.timeseries)

    def test_other_failure(self) -> None:
        self.fake_cli(1, "", "error: out: the disk is full\n")
        with self.assertRaises(cathodesim.CathodeSimError) as caught:
            cathodesim.run(CONFIG)
        self.assertNotIsInstance(caught.exception, (cathodesim.InputError, cathodesim.SolverError))
        self.assertEqual(caught.exception.returncode, 1)
        self.assertEqual(str(caught.exception), "error: out: the disk is full")

    def test_missing_cli_says_how_to_get_it(self) -> None:
        self.use_cli(WORK / "no-such-cathodesim")
        with self.assertRaises(cathodesim.CliNotFoundError) as caught:
            cathodesim.run(CONFIG)
        self.assertIn("CATHODESIM_CLI", str(caught.exception))

    def test_dll_runs_with_dotnet_exec(self) -> None:
        dll = WORK / "cathodesim.dll"
        dll.write_bytes(b"")
        self.use_cli(dll)
        try:
            prefix = cathodesim.find_cli()
        except cathodesim.CliNotFoundError as error:  # no dotnet on PATH: the message must say so
            self.assertIn("dotnet", str(error))
            return
        self.assertEqual(prefix[1:], ["exec", str(dll.resolve())])


if __name__ == "__main__":
    unittest.main()
