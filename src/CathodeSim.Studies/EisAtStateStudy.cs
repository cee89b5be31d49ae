using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Config;
using CathodeSim.IO.Output;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Studies;

/// <summary>
/// Simulates the cell to a state (charging or discharging to a voltage, then relaxing) and computes its small-signal
/// impedance from the linearised model (solid-state cells through <see cref="NumericalImpedance"/>, liquid-electrolyte
/// DFN cells through <see cref="DfnImpedance"/>); writes the spectrum as HDF5 and CSV with Nyquist and Bode plots (and the DRT).
/// </summary>
/// <param name="log">Notes on the output directory; null for none.</param>
/// <param name="messages">What runs before the measurement (the config's protocol); null for none.</param>
public sealed partial class EisAtStateStudy(IStudyLog? log = null, IProgress<string>? messages = null)
{
    [GeneratedRegex(@"^\s*(charge|discharge)\s+to\s+([0-9.eE+-]+)\s*V\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StatePattern();

    /// <summary>Checks the request and reads the config; returns the steps that lead to the state (after the config's protocol, when asked).</summary>
    /// <param name="request">The spectrum.</param>
    /// <param name="config">The config as read.</param>
    /// <exception cref="FormatException">The frequencies, the DRT options or the state are not usable.</exception>
    /// <exception cref="ConfigException">The config or an override is wrong.</exception>
    public static IReadOnlyList<ProtocolStep> Check(EisAtStateRequest request, out LoadedConfig config)
    {
        double highest = request.HighestFrequency, lowest = request.LowestFrequency;
        int perDecade = request.PointsPerDecade;
        var drtOptions = request.Drt;
        string at = request.At;
        List<ProtocolStep> protocol = [];
        if (!(highest > lowest && perDecade is >= 1 and <= 1000))
            throw new FormatException($"expected --from above --to and --points-per-decade from 1 to 1000; got --from {highest:G4} Hz, --to {lowest:G4} Hz, --points-per-decade {perDecade}");
        if (drtOptions is not null && (drtOptions.PointsPerDecade is < 1 or > 50 || drtOptions.Lambda is <= 0))
            throw new FormatException("expected --drt-points-per-decade from 1 to 50 and --drt-lambda > 0");
        if (!at.Trim().Equals("rest", StringComparison.OrdinalIgnoreCase))
        {
            var match = StatePattern().Match(at);
            if (!match.Success) throw new FormatException($"--at '{at}': expected 'rest', 'charge to 3.70 V' or 'discharge to 3.2 V'");
            bool charge = match.Groups[1].Value.Equals("charge", StringComparison.OrdinalIgnoreCase);
            double voltage = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            protocol.Add(new CurrentStep(at, charge ? CurrentDirection.Charge : CurrentDirection.Discharge, new CRateSetpoint(request.Rate), voltage, null));
        }
        if (request.RelaxSeconds > 0) protocol.Add(new RestStep($"Rest for {request.RelaxSeconds / 3600:0.###} h", request.RelaxSeconds));
        config = ConfigLoader.LoadAnyMode(request.ConfigPath, request.Overrides);
        return protocol;
    }

    /// <summary>Reaches the state, computes the spectrum (and DRT) and writes the files.</summary>
    /// <param name="request">The spectrum.</param>
    /// <param name="cancellation">Stops the simulation; nothing is written.</param>
    /// <exception cref="FormatException">As <see cref="Check"/>.</exception>
    /// <exception cref="ConfigException">As <see cref="Check"/>.</exception>
    /// <exception cref="StudyOutputException">The files could not be written.</exception>
    public EisAtStateOutcome Compute(EisAtStateRequest request, CancellationToken cancellation = default)
    {
        var protocol = Check(request, out var loaded);
        bool afterProtocol = request.AfterProtocol;
        double highest = request.HighestFrequency, lowest = request.LowestFrequency;
        int perDecade = request.PointsPerDecade;
        var setup = loaded.Setup with { Protocol = afterProtocol ? [.. loaded.Setup.Protocol, .. protocol] : [.. protocol], ProfileTimes = [] };
        if (afterProtocol) messages?.Report($"running the config's protocol ({loaded.Setup.Protocol.Count} steps) before the measurement ...");
        int decades = (int)Math.Round(Math.Log10(highest / lowest) * perDecade);
        var frequencies = Enumerable.Range(0, decades + 1).Select(i => highest * Math.Pow(10, -(double)i / perDecade)).ToArray();
        string before = afterProtocol ? $"after the config's protocol ({loaded.Setup.Protocol.Count} steps), " : "";
        Complex[] impedance;
        string description;
        double voltage;
        Func<IReadOnlyList<DrtPeak>, IReadOnlyList<DrtPeakAssignment>?> assign;
        if (setup.Liquid is { } liquid)
        {
            // The liquid-electrolyte (DFN) cell: the same route on its own discretisation (DfnImpedance).
            var (result, system, y) = new DfnSimulator().RunToState(setup, cancellation);
            if (!result.Diagnostics.Completed)
                return new EisAtStateOutcome(setup.Name, result.Diagnostics.FailureMessage ?? "", "", double.NaN, [], [], null, null, []);
            impedance = DfnImpedance.Compute(system, y, liquid.DoubleLayers, frequencies);
            voltage = system.Voltage(y, 0);
            description = $"{before}{request.At}, relaxed {request.RelaxSeconds / 3600:0.##} h: {voltage:F4} V {(liquid.Cell.Anode is null ? "vs Li" : "(full cell)")}, {setup.Temperature - 273.15:0.#} degC (DFN)";
            assign = peaks => DrtAssignment.Assign(peaks, DfnImpedanceProcesses.Characteristic(system, y, liquid.DoubleLayers));
        }
        else
        {
            var (result, model, state) = new Simulator().RunToState(setup, null, cancellation);
            if (!result.Diagnostics.Completed)
                return new EisAtStateOutcome(setup.Name, result.Diagnostics.FailureMessage ?? "", "", double.NaN, [], [], null, null, []);
            var parameters = model.Design.Impedance ?? new ImpedanceParameters();
            impedance = NumericalImpedance.Compute(model, state, parameters, frequencies);
            voltage = state.Voltage;
            description = $"{before}{request.At}, relaxed {request.RelaxSeconds / 3600:0.##} h: {state.Voltage:F4} V vs Li-In, {model.Temperature - 273.15:0.#} degC";
            assign = peaks => DrtAssignment.Assign(peaks, ImpedanceProcesses.Characteristic(model, state, parameters));
        }
        string directory = Path.GetFullPath(request.OutputDirectory ?? loaded.OutputDirectory ?? "out");
        DrtResult? drt = null;
        IReadOnlyList<DrtPeakAssignment>? assignments = null;
        if (request.Drt is { } drtOptions)
        {
            drt = Drt.Compute(frequencies, impedance, drtOptions);
            assignments = assign(drt.Peaks);
        }
        var files = StudyOutput.Write(directory,
            staging => SimulatedSpectrumWriter.Write(staging, setup.Name, frequencies, impedance, description, loaded.ResolvedYaml, request.ProgramVersion)
                .Concat(drt is null ? [] : DrtWriter.WriteFiles(staging, setup.Name, drt, setup.Name)).ToList(), log, cancellation);
        return new EisAtStateOutcome(setup.Name, null, description, voltage, frequencies, impedance, drt, assignments, files);
    }
}
