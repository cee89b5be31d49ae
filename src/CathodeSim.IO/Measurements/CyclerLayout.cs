namespace CathodeSim.IO.Measurements;

/// <summary>
/// The record layout of one battery cycler's export (LAND, Arbin, Maccor, Neware): how its column header is recognised, which
/// vendor names are renamed so that <see cref="MeasurementReader"/> finds time, current, voltage, cycle and step with
/// their units, which column holds the charge/discharge state, and how a bare time column is meant.
/// </summary>
/// <remarks>
/// Layouts were learnt from public loaders (cellpy's Maccor and Arbin readers, battdat's Maccor reader, published LAND
/// loaders, PyProBE's Neware reader) and are documented in docs/cycler-files.md; none has been checked against a vendor's own export here.
/// </remarks>
internal sealed class CyclerLayout
{
    private readonly Func<IReadOnlyList<string>, bool> _matches;
    private readonly Dictionary<string, string> _renames;

    private CyclerLayout(MeasurementFormat format, string name, string exampleHeader, Func<IReadOnlyList<string>, bool> matches,
        Dictionary<string, string> renames, string[] stateColumns, bool bareTimeIsSeconds)
    {
        Format = format;
        Name = name;
        ExampleHeader = exampleHeader;
        _matches = matches;
        _renames = new Dictionary<string, string>(renames, StringComparer.OrdinalIgnoreCase);
        StateColumns = stateColumns;
        BareTimeIsSeconds = bareTimeIsSeconds;
    }

    /// <summary>The format tables read with this layout carry.</summary>
    public MeasurementFormat Format { get; }

    /// <summary>The vendor, for messages.</summary>
    public string Name { get; }

    /// <summary>A header of this layout, for messages.</summary>
    public string ExampleHeader { get; }

    /// <summary>Normalised names (<see cref="ColumnHeader.Normalise"/>) of a column holding the step state (C, D, R, ...).</summary>
    public string[] StateColumns { get; }

    /// <summary>
    /// Whether a time column without a unit and with plain numbers holds seconds (Maccor's TestTime); otherwise the
    /// unit must come from the header or the --time-unit option.
    /// </summary>
    public bool BareTimeIsSeconds { get; }

    /// <summary>Whether a header row (fields trimmed and unquoted) is of this layout.</summary>
    public bool Matches(IReadOnlyList<string> header) => _matches(header);

    /// <summary>The name a vendor column is given in the table: the vendor's own unless the reader could not find it by it.</summary>
    public string Rename(string header) => _renames.TryGetValue(header.Trim(), out string? renamed) ? renamed : header.Trim();

    private static HashSet<string> Names(IReadOnlyList<string> header) => header.Select(ColumnHeader.Normalise).ToHashSet(StringComparer.Ordinal);

    private static bool Has(IReadOnlyList<string> header, string prefix) =>
        header.Any(h => h.Trim().StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Maccor text export: after a preamble ("Today's Date ... Date of Test: ... Filename: ... Procedure: ..."),
    /// tab-separated Rec#, Cyc#, Step, TestTime (d hh:mm:ss or seconds) or Test (Sec)/(Min)/(Hr), StepTime, Amp-hr,
    /// Watt-hr, Amps (a magnitude), Volts, State (C, D, R, O), ES, DPt Time.
    /// </summary>
    public static readonly CyclerLayout Maccor = new(MeasurementFormat.Maccor, "Maccor",
        "'Rec#<TAB>Cyc#<TAB>Step<TAB>TestTime<TAB>StepTime<TAB>Amp-hr<TAB>Watt-hr<TAB>Amps<TAB>Volts<TAB>State'",
        h => Names(h) is var n && n.Contains("rec#") && n.Contains("cyc#"),
        new()
        {
            ["Cyc#"] = "Cycle", ["Amps"] = "Current/A", ["Volts"] = "Voltage/V", ["Amp-hr"] = "Capacity/Ah", ["Watt-hr"] = "Energy/Wh",
            ["Test (Sec)"] = "TestTime/s", ["Test (Min)"] = "TestTime/min", ["Test (Hr)"] = "TestTime/h",
            ["Step (Sec)"] = "StepTime/s", ["Step (Min)"] = "StepTime/min", ["Step (Hr)"] = "StepTime/h",
        },
        ["state"], bareTimeIsSeconds: true);

    /// <summary>
    /// Arbin MITS export (CSV, or the Channel sheets of its Excel export): Data_Point, Test_Time(s), Date_Time,
    /// Step_Time(s), Step_Index, Cycle_Index, Current(A), Voltage(V), Charge_Capacity(Ah), ...; MITS Pro 8 spells them
    /// with spaces ("Test Time (s)", "Cycle Index"). Current is signed, positive on charge.
    /// </summary>
    public static readonly CyclerLayout Arbin = new(MeasurementFormat.Arbin, "Arbin",
        "'Data_Point,Test_Time(s),Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)'",
        h => Names(h) is var n && (n.Contains("datapoint") || n.Contains("datapoint(s)")) && (n.Contains("cycleindex") || n.Contains("stepindex"))
            && h.Any(x => ColumnHeader.Parse(x).Name == "testtime"),
        [], [], bareTimeIsSeconds: false);

    /// <summary>
    /// LAND (LANDdt) export, text or the record sheet of its Excel export: Record or Index, TestTime (hh:mm:ss,
    /// d-hh:mm:ss, or a number with its unit as TestTime/h), StepTime, Current/mA (or /uA, /A), Capacity/mAh,
    /// SpeCap/mAh/g, Voltage/V, Energy/mWh, SysTime, Cycle/CycleNo/Cycle-Index, Step/StepNo/Step-Index, State/Step-State.
    /// </summary>
    public static readonly CyclerLayout Land = new(MeasurementFormat.Land, "LAND",
        "'Record<TAB>TestTime<TAB>StepTime<TAB>Current/mA<TAB>Capacity/mAh<TAB>Voltage/V<TAB>Cycle<TAB>Step<TAB>State'",
        h => Has(h, "Current/") && Has(h, "Voltage/")
            && h.Any(x => ColumnHeader.Parse(x).Name is "testtime" or "steptime")
            && Names(h).Overlaps(["record", "index", "cycle", "cycleno", "cycle-index", "step", "stepno", "step-index", "state", "step-state", "systime"]),
        new() { ["Cycle-Index"] = "Cycle", ["Step-Index"] = "Step" },
        ["state", "step-state", "status", "stepstate", "mode"], bareTimeIsSeconds: false);

    /// <summary>
    /// Neware BTSDA record export, CSV or the "record" sheet of its Excel export: DataPoint, Cycle Index, Step Index, Step
    /// Type (CC Chg, CC DChg, Rest, CCCV Chg, ...), Time (the step's, hh:mm:ss) or Time(min), Total Time (hh:mm:ss) or
    /// Total Time(min), Current(mA) or Current(A) (signed, negative on discharge), Voltage(V), Capacity(mAh), Chg. Cap.(mAh),
    /// DChg. Cap.(mAh), Energy(Wh), Date, Power(W). Neware's Time is the time within the step, so it is renamed Step Time
    /// and the record's time is Total Time. Neware's binary .nda/.ndax records are read into the same columns
    /// (<see cref="NewareBinaryReader"/>). Headers as PyProBE's Neware reader and NewareNDA's BTSDA comparison name them.
    /// </summary>
    public static readonly CyclerLayout Neware = new(MeasurementFormat.Neware, "Neware",
        "'DataPoint,Cycle Index,Step Index,Step Type,Time,Total Time,Current(mA),Voltage(V)'",
        h => Names(h) is var n && (n.Contains("datapoint") || n.Contains("recordid"))
            && h.Any(x => ColumnHeader.Normalise(x).StartsWith("totaltime", StringComparison.Ordinal))
            && Has(h, "Current(") && Has(h, "Voltage("),
        new()
        {
            ["Time"] = "Step Time", ["Time(h:min:s.ms)"] = "Step Time", ["Total Time(h:min:s.ms)"] = "Total Time",
            ["Time(s)"] = "Step Time(s)", ["Time(min)"] = "Step Time(min)", ["Time(h)"] = "Step Time(h)",
        },
        ["steptype", "status"], bareTimeIsSeconds: false);

    /// <summary>The layouts, most specific signature first.</summary>
    public static readonly CyclerLayout[] All = [Maccor, Arbin, Neware, Land];

    /// <summary>The layout whose signature <paramref name="header"/> carries, or null.</summary>
    public static CyclerLayout? Match(IReadOnlyList<string> header) => All.FirstOrDefault(l => l.Matches(header));

    /// <summary>
    /// +1 for a state meaning charge, -1 for discharge, 0 for anything else (rest, open circuit, unknown). Maccor writes
    /// C/D/R/O; LAND R, RateC/RateD, CC_Chg/CC_DChg, C_CC/D_CC and similar.
    /// </summary>
    public static int StateSign(string state)
    {
        string s = new(state.Trim().ToUpperInvariant().Where(char.IsLetter).ToArray());
        if (s.Length == 0) return 0;
        if (s is "D" or "RATED" or "CCD" or "CCCVD" or "CVD" || s.Contains("DCHG") || s.Contains("DISCH") || s.Contains("DCHARGE")
            || s.StartsWith("DCC", StringComparison.Ordinal) || s.StartsWith("DCV", StringComparison.Ordinal) || s.StartsWith("DRATE", StringComparison.Ordinal))
            return -1;
        if (s is "C" or "RATEC" or "CCC" or "CCCVC" or "CVC" || s.Contains("CHG") || s.Contains("CHARGE")
            || s.StartsWith("CCC", StringComparison.Ordinal) || s.StartsWith("CRATE", StringComparison.Ordinal))
            return 1;
        return 0;
    }
}
