using CathodeSim.Model.Cell;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Gitt;

/// <summary>
/// What a simulated GITT needs of a cell, in either mode: the current of 1C and the lithium inventory (to size the pulses),
/// the open-circuit voltage against the counter electrode (to find the window between the cut-offs), the diffusion length
/// and starting stoichiometry (for the analysis) and the model's own D(x) (for comparison). SI units.
/// </summary>
/// <param name="Active">Cathode active material: OCP vs Li, D(x) and its Arrhenius factor.</param>
/// <param name="CounterElectrode">Name of the counter electrode the voltages are measured against ("Li-In", "Li").</param>
/// <param name="CounterPotential">Potential of the counter electrode vs Li, V.</param>
/// <param name="OneCCurrent">1C current, A.</param>
/// <param name="TheoreticalCharge">Charge of the whole stoichiometry range 0..1 of the cathode active material, C.</param>
/// <param name="InitialStoichiometry">Stoichiometry of the cathode at the start of the run.</param>
/// <param name="ParticleRadius">Sauter radius of the cathode's particles (as the model discretises them), m.</param>
/// <param name="LowerCutoff">Default discharge cut-off of a GITT of this cell, V vs the counter electrode.</param>
/// <param name="UpperCutoff">Default charge cut-off of a GITT of this cell, V vs the counter electrode.</param>
public sealed record GittCell(
    ActiveMaterial Active,
    string CounterElectrode,
    double CounterPotential,
    double OneCCurrent,
    double TheoreticalCharge,
    double InitialStoichiometry,
    double ParticleRadius,
    double LowerCutoff,
    double UpperCutoff)
{
    /// <summary>The seed paper's window of the solid-state cells, 2.1-3.7 V vs Li-In.</summary>
    public const double SolidStateLowerCutoff = 2.1, SolidStateUpperCutoff = 3.7;

    /// <summary>The same window vs lithium metal (Li-In is +0.62 V vs Li), as in configs/liquid/base-coin.yaml: 2.72-4.32 V vs Li.</summary>
    public const double LithiumLowerCutoff = 2.72, LithiumUpperCutoff = 4.32;

    /// <summary>A solid-state cell, its particles discretised into <paramref name="sizeBins"/> bins as the model does.</summary>
    public static GittCell Of(CellDesign design, int sizeBins = 1)
    {
        ArgumentNullException.ThrowIfNull(design);
        return new GittCell(design.Active, design.CounterElectrode.Name, design.CounterElectrode.Potential, design.OneCCurrent,
            design.ActiveMass * design.Active.TheoreticalSpecificCharge, design.InitialStoichiometry,
            GittAnalyzer.SauterRadius(design.Cathode.ParticleSizes, sizeBins), SolidStateLowerCutoff, SolidStateUpperCutoff);
    }

    /// <summary>The cell of <paramref name="setup"/>: its liquid-electrolyte cell where it has one, else its solid-state design.</summary>
    /// <exception cref="NotSupportedException">A liquid full cell (see <see cref="Of(LiquidCell)"/>).</exception>
    public static GittCell Of(SimulationSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return setup.Liquid is { } liquid ? Of(liquid.Cell) : Of(setup.Design, setup.Numerics.SizeBins);
    }

    /// <summary>A liquid-electrolyte (DFN) half cell: its porous cathode against lithium metal.</summary>
    /// <exception cref="NotSupportedException">A full cell (<see cref="LiquidCell.Anode"/> set): its voltage is not that of the cathode alone.</exception>
    public static GittCell Of(LiquidCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Anode is not null)
            throw new NotSupportedException("a GITT of a full cell measures both electrodes at once; the analysis needs a half cell against lithium metal");
        return new GittCell(cell.Active, "Li", 0.0, cell.OneCCurrent, cell.TheoreticalCharge * cell.Area, cell.InitialStoichiometry,
            SauterRadius(cell.Particles), LithiumLowerCutoff, LithiumUpperCutoff);
    }

    /// <summary>The Sauter radius of discretised particles, sum v_k / sum (v_k / R_k).</summary>
    public static double SauterRadius(SizeBins bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        double inverse = 0;
        for (int k = 0; k < bins.Count; k++) inverse += bins.VolumeShares[k] / bins.Radii[k];
        return bins.VolumeShares.Sum() / inverse;
    }

    /// <summary>The model's D(x) at <paramref name="temperature"/>, K (x clamped to 0..1), m^2/s.</summary>
    public Func<double, double> ModelDiffusivity(double temperature)
    {
        double factor = Active.DiffusivityTemperature.At(temperature);
        var d = Active.Diffusivity;
        return x => d.At(Math.Clamp(x, 0, 1)) * factor;
    }

    /// <summary>The stoichiometry at which the open-circuit voltage vs the counter electrode equals <paramref name="voltage"/> (bisection; U falls with x).</summary>
    public double StoichiometryAt(double voltage)
    {
        var ocp = Active.OpenCircuitPotential;
        double lo = 1e-4, hi = 1 - 1e-6;
        if (ocp.Potential(lo) - CounterPotential < voltage) return lo;
        if (ocp.Potential(hi) - CounterPotential > voltage) return hi;
        for (int i = 0; i < 80; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (ocp.Potential(mid) - CounterPotential > voltage) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
