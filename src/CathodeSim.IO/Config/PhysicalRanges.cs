using System.Globalization;

namespace CathodeSim.IO.Config;

/// <summary>
/// Ranges of the physical quantities a config gives, checked while loading (in SI, shown in the config's usual unit).
/// Each is orders of magnitude wider than any real cell and than every shipped config, sweep and validation case, so a
/// value outside is a unit slip, a typo or a hostile file: one that would make the run meaningless (a law extrapolated
/// far beyond where it was fitted), unbounded in time, or numerically broken (overflowing exponentials, a geometry no
/// grid resolves). They are properties of the physics, not of CathodeSim's resources, so they cannot be raised from a
/// config; a cell outside them needs models this engine does not have.
/// </summary>
internal static class PhysicalRanges
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A range check that reports the range in <paramref name="unit"/> (SI value = shown value x <paramref name="toSi"/>).</summary>
    /// <param name="min">Smallest value, in <paramref name="unit"/>.</param>
    /// <param name="max">Largest value, in <paramref name="unit"/>.</param>
    /// <param name="unit">Unit of the message.</param>
    /// <param name="toSi">SI value of 1 <paramref name="unit"/>.</param>
    /// <param name="why">The reason, shown after the range.</param>
    /// <param name="below">Check applied first (its message wins), e.g. "must be positive"; null: none.</param>
    private static Bound Range(double min, double max, string unit, double toSi, string why, Bound? below = null) => v =>
    {
        if (below?.Invoke(v) is { } problem) return problem;
        return v >= min * toSi && v <= max * toSi
            ? null
            : $"must be between {Show(min)} and {Show(max)}{(unit.Length == 0 ? "" : " " + unit)} ({why}; a range of CathodeSim, PhysicalRanges)";
    };

    private static string Show(double v) => v != 0 && (Math.Abs(v) < 1e-3 || Math.Abs(v) >= 1e5)
        ? v.ToString("0.###e0", Inv)
        : v.ToString("#,0.####", Inv);

    /// <summary>
    /// Temperatures (run, steps, reference temperatures): -100 to 250 °C. Solid-state cells are tested from about -40 to
    /// 100 °C; the library's Arrhenius laws are referred to 25-30 °C and its activation energies come from measurements
    /// near room temperature (the Li3InCl6 conductivity from the Arrhenius plot of Li et al. 2019), so beyond this range
    /// every rate is an extrapolation over hundreds of kelvin, and the halide electrolytes change (Li3InCl6 is annealed
    /// at 400 °C). At 1e9 K every Arrhenius factor tends to e^(Ea/R T_ref), 10^7 for 40 kJ/mol.
    /// </summary>
    public static readonly Bound Temperature = Range(-100 + 273.15, 250 + 273.15, "K", 1,
        "-100 to 250 degC: cells are tested from about -40 to 100 degC and the Arrhenius laws are fitted near room temperature; beyond this they are extrapolated over hundreds of kelvin",
        Bounds.AboveAbsoluteZero);

    /// <summary>
    /// Composite cathode and separator masses: 1 ug to 100 g. Lab pellets weigh milligrams (5.5 and 80 mg here), the
    /// cathode of a large pouch cell tens of grams; the thickness follows from mass / (area x density), so '1e30 mg' is a
    /// pellet light-years thick.
    /// </summary>
    public static readonly Bound Mass = Range(1e-3, 1e5, "mg", 1e-6,
        "lab pellets weigh milligrams, a pouch cell's cathode tens of grams; the layer thickness follows from the mass", Bounds.Positive);

    /// <summary>Cell area: 1e-4 to 1e4 cm^2 (0.01 mm^2 to 1 m^2). Pressing dies are 6 to 16 mm (0.3 to 2 cm^2), pouch cells up to a few hundred cm^2.</summary>
    public static readonly Bound Area = Range(1e-4, 1e4, "cm^2", 1e-4,
        "pressing dies give 0.3 to 2 cm^2, pouch cells up to a few hundred cm^2", Bounds.Positive);

    /// <summary>Die diameter: 0.1 mm to 1 m, the diameters of <see cref="Area"/>'s range (about).</summary>
    public static readonly Bound DieDiameter = Range(0.1, 1000, "mm", 1e-3,
        "pressing dies are 6 to 16 mm across", Bounds.Positive);

    /// <summary>
    /// Particle sizes (NCM d50 and histogram diameters, electrolyte particle size, contact-loss reference radius): 1 nm
    /// to 1 mm. Milled powders are 0.1 to 20 um; below a nanometre a "particle" is a few atoms (no solid diffusion), above
    /// a millimetre it is thicker than any composite layer, and the particle grid and the microstructure voxels follow
    /// from these sizes.
    /// </summary>
    public static readonly Bound ParticleSize = Range(1e-3, 1000, "um", 1e-6,
        "cathode and electrolyte powders are 0.1 to 20 um; below 1 nm a particle is a few atoms, above 1 mm it is thicker than the layer", Bounds.Positive);

    /// <summary>
    /// Geometric standard deviation of a lognormal size distribution: 1 to 10. Milled powders give 1.2 to 2.5; at 10 the
    /// d10 to d90 span is 10^3.6, and beyond it the discretised size classes reach atomic and metre sizes.
    /// </summary>
    public static readonly Bound GeometricStd = Range(1, 10, "", 1,
        "milled powders give 1.2 to 2.5; at 10 the d10-d90 span is already a factor of 4,000, beyond it the size classes reach atomic and metre sizes",
        Bounds.AtLeastOne);

    /// <summary>
    /// Voltages of the cell against its counter electrode (cut-offs and holds of steps), potentials of counter
    /// electrodes and MSMR reactions, tabulated OCPs: -10 to 10 V. Lithium chemistry spans 0 to about 6 V against Li; no
    /// electrolyte survives beyond that, and a cut-off of 1e9 V is never reached.
    /// </summary>
    public static readonly Bound Voltage = Range(-10, 10, "V", 1,
        "lithium cells work within 0 to about 6 V against Li; no electrolyte survives beyond, and such a cut-off is never reached");

    /// <summary>
    /// Ionic and electronic conductivities: 1e-12 to 1e6 S/cm. Solid electrolytes give 1e-5 to 3e-2 S/cm, NCM 1e-6 to
    /// 1e-1 S/cm, metals up to 6e5 S/cm; beyond, the potential problem's coefficients span more orders of magnitude than
    /// double precision resolves against the other phases.
    /// </summary>
    public static readonly Bound Conductivity = Range(1e-12, 1e6, "S/cm", 100,
        "solid electrolytes give 1e-5 to 3e-2 S/cm, NCM 1e-6 to 0.1 S/cm, copper 6e5 S/cm", Bounds.Positive);

    /// <summary>
    /// Solid-state diffusivities: 1e-22 to 1e-6 m^2/s. Layered oxides give 1e-17 to 1e-12 m^2/s, liquids about 1e-9;
    /// below 1e-22 nothing moves within a decade of operation on a nanometre, so a particle never lithiates.
    /// </summary>
    public static readonly Bound Diffusivity = Range(1e-22, 1e-6, "m^2/s", 1,
        "layered oxides give 1e-17 to 1e-12 m^2/s and liquids about 1e-9; outside, nothing moves in a particle or the particle is uniform at once", Bounds.Positive);

    /// <summary>
    /// Exchange current densities: 1e-8 to 1e6 A/m^2. Cathode | solid electrolyte interfaces give 0.01 to 100 A/m^2,
    /// lithium alloys up to about 1,000.
    /// </summary>
    public static readonly Bound ExchangeCurrentDensity = Range(1e-8, 1e6, "A/m^2", 1,
        "electrode | solid electrolyte interfaces give 0.01 to 100 A/m^2, lithium alloys up to about 1,000", Bounds.Positive);

    /// <summary>
    /// Activation energies: 0 to 500 kJ/mol. Ion conduction and charge transfer give 10 to 100 kJ/mol (0.1 to 1 eV); at
    /// 1e9 J/mol the Arrhenius factor overflows at any temperature away from the reference.
    /// </summary>
    public static readonly Bound ActivationEnergy = Range(0, 500, "kJ/mol", 1e3,
        "ion conduction and charge transfer give 10 to 100 kJ/mol (0.1 to 1 eV); far beyond, the Arrhenius factor overflows", Bounds.NonNegative);

    /// <summary>
    /// Film (interphase) and junction resistances: 0 to 1e6 ohm cm^2. Interphases give 1 to 1,000 ohm cm^2; at 1e6 a
    /// 0.8 cm^2 cell passes under a microampere at a volt of overpotential.
    /// </summary>
    public static readonly Bound AreaResistance = Range(0, 1e6, "ohm cm^2", 1e-4,
        "interphases give 1 to 1,000 ohm cm^2; at 1e6 a lab cell passes less than a microampere per volt", Bounds.NonNegative);

    /// <summary>Molar masses of active materials: 1 to 10,000 g/mol (lithium 6.9, NCM about 97, large polyanion formula units a few hundred).</summary>
    public static readonly Bound MolarMass = Range(1, 1e4, "g/mol", 1e-3,
        "lithium is 6.9 g/mol, NCM about 97, polyanion formula units a few hundred", Bounds.Positive);

    /// <summary>Crystal densities: 0.1 to 30 g/cm^3 (lithium 0.53, electrolytes 1.9 to 2.7, NCM 4.8, osmium 22.6, the densest element).</summary>
    public static readonly Bound Density = Range(0.1, 30, "g/cm^3", 1e3,
        "lithium is 0.53 g/cm^3, NCM 4.8, osmium, the densest element, 22.6", Bounds.Positive);
}
