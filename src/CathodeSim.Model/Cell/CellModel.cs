using CathodeSim.Model.Materials;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Model.Cell;

/// <summary>
/// The discretised cell at one temperature: geometry, grids and every temperature-dependent parameter evaluated once.
/// Immutable; shared by the step solver and the protocol runner. Potentials are referred to the counter-electrode metal,
/// so the OCP used is U(x) - U_counter and the cell voltage is the solid potential at the current collector.
/// </summary>
public sealed class CellModel
{
    /// <summary>Builds the discretisation of <paramref name="design"/> at <paramref name="temperature"/> K.</summary>
    public CellModel(CellDesign design, NumericsOptions numerics, double temperature)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), "temperature must be > 0 K");
        Design = design;
        Numerics = numerics;
        Temperature = temperature;
        Microstructure = CompositeMicrostructure.From(design, numerics.SizeBins);
        Nodes = numerics.CathodeNodes;
        Bins = Microstructure.Bins.Count;
        Particles = Nodes * Bins;
        Shells = new ParticleShellGrid(numerics.RadialShells);
        NodeWidth = Microstructure.CathodeThickness / Nodes;
        var active = design.Active;
        MaxConcentration = active.MaxConcentration;
        OpenCircuitVoltageLookup = OcpLookup.For(active.OpenCircuitPotential, design.CounterElectrode.Potential);
        _referenceDiffusivity = new DiffusivityLookup(active.Diffusivity, 1.0);
        CounterPotential = design.CounterElectrode.Potential;
        FilmResistance = design.FilmResistance;
        Coverage = design.Cathode.ContactCoverage;
        Diffusivity = null!;
        SetTemperature(temperature);

        ParticleRadius = new double[Particles];
        ParticleArea = new double[Particles];
        ParticleWeight = new double[Particles];
        AccessibleShare = new double[Particles];
        _nodeElectronicFactor = new double[Nodes];
        var structure = Microstructure;
        double thickness = structure.CathodeThickness;
        for (int j = 0; j < Nodes; j++)
        {
            double from = j * NodeWidth, to = (j + 1) * NodeWidth, touchingCollector = 0;
            for (int k = 0; k < Bins; k++)
            {
                int p = j * Bins + k;
                double radius = structure.Bins.Radii[k];
                ParticleRadius[p] = radius;
                // The first particle layer at the current collector touches it and needs no NCM network; the first layer at
                // the separator touches its electrolyte. Elsewhere only the accessible share of the NCM reacts and cycles
                // (the rest keeps its lithium).
                double atCollector = CompositeMicrostructure.BoundaryLayerShare(from, to, thickness, 2 * radius);
                double atSeparator = CompositeMicrostructure.BoundaryLayerShare(from, to, 0, 2 * radius);
                double electronic = structure.ElectronicallyConnectedShare;
                double ionic = structure.IonicallyReachedShare;
                double accessible = Math.Max(CompositeMicrostructure.MinimumAccessibleFraction,
                    (electronic + (1 - electronic) * atCollector) * (ionic + (1 - ionic) * atSeparator));
                AccessibleShare[p] = accessible;
                ParticleArea[p] = structure.SpecificContactArea[k] * accessible;
                // mol of Li per m^2 of electrode per unit stoichiometry in this particle class: eps_am v_k dx c_max (accessible share).
                ParticleWeight[p] = accessible * structure.ActiveVolumeFraction * structure.Bins.VolumeShares[k] * NodeWidth * MaxConcentration;
                touchingCollector += structure.Bins.VolumeShares[k] * atCollector;
            }
            // Particles outside the network that touch the collector carry electrons straight into it: in that layer they
            // conduct as their own volume fraction does, added to the network's conduction.
            _nodeElectronicFactor[j] = structure.ElectronicFactor
                + (1 - structure.ElectronicallyConnectedShare) * touchingCollector * structure.ActiveVolumeFraction;
        }
        Positions = Enumerable.Range(0, Nodes).Select(j => (j + 0.5) * NodeWidth).ToArray();
    }

    private readonly DiffusivityLookup _referenceDiffusivity;
    private readonly double[] _nodeElectronicFactor;

    private CellModel(CellModel source, double temperature)
    {
        Design = source.Design;
        Numerics = source.Numerics;
        Microstructure = source.Microstructure;
        Nodes = source.Nodes;
        Bins = source.Bins;
        Particles = source.Particles;
        Shells = source.Shells;
        NodeWidth = source.NodeWidth;
        Positions = source.Positions;
        MaxConcentration = source.MaxConcentration;
        OpenCircuitVoltageLookup = source.OpenCircuitVoltageLookup;
        _referenceDiffusivity = source._referenceDiffusivity;
        CounterPotential = source.CounterPotential;
        FilmResistance = source.FilmResistance;
        Coverage = source.Coverage;
        ParticleRadius = source.ParticleRadius;
        ParticleArea = source.ParticleArea;
        ParticleWeight = source.ParticleWeight;
        AccessibleShare = source.AccessibleShare;
        _nodeElectronicFactor = source._nodeElectronicFactor;
        Diffusivity = null!;
        SetTemperature(temperature);
    }

    /// <summary>The same cell at another temperature: geometry and lookups are shared, only the Arrhenius factors change.</summary>
    public CellModel WithTemperature(double temperature) => temperature == Temperature ? this : new CellModel(this, temperature);

    private void SetTemperature(double temperature)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), "temperature must be > 0 K");
        var design = Design;
        var active = design.Active;
        Temperature = temperature;
        InverseThermalVoltage = PhysicalConstants.Faraday / (PhysicalConstants.Gas * temperature);
        Diffusivity = _referenceDiffusivity.Scaled(active.DiffusivityTemperature.At(temperature));
        ExchangeCurrentDensity = active.ExchangeCurrentDensity * active.ExchangeCurrentTemperature.At(temperature);
        _electronicTemperatureFactor = active.ElectronicConductivityTemperature.At(temperature);
        ElectronicConductivityFactor = Microstructure.ElectronicFactor * _electronicTemperatureFactor;
        var lic = design.CathodeElectrolyte;
        EffectiveIonicConductivity = lic.IonicConductivity * lic.IonicConductivityTemperature.At(temperature) * Microstructure.IonicFactor;
        var sep = design.SeparatorElectrolyte;
        double separatorConductivity = (design.Separator.PelletConductivity ?? sep.IonicConductivity) * sep.IonicConductivityTemperature.At(temperature);
        SeriesResistance = Microstructure.SeparatorThickness / separatorConductivity + design.JunctionResistance;
        var anode = design.CounterElectrode;
        CounterExchangeCurrentDensity = anode.ExchangeCurrentDensity * anode.ExchangeCurrentTemperature.At(temperature);
    }

    /// <summary>The cell design this was built from.</summary>
    public CellDesign Design { get; }

    /// <summary>Solver settings.</summary>
    public NumericsOptions Numerics { get; }

    /// <summary>K.</summary>
    public double Temperature { get; private set; }

    /// <summary>Derived geometry.</summary>
    public CompositeMicrostructure Microstructure { get; }

    /// <summary>Nx.</summary>
    public int Nodes { get; }

    /// <summary>K.</summary>
    public int Bins { get; }

    /// <summary>Nx * K; particle p = node * K + bin.</summary>
    public int Particles { get; }

    /// <summary>Radial grid.</summary>
    public ParticleShellGrid Shells { get; }

    /// <summary>Cell-centred volume width, m.</summary>
    public double NodeWidth { get; }

    /// <summary>Node centres, m from the separator.</summary>
    public double[] Positions { get; }

    /// <summary>c_max, mol/m^3.</summary>
    public double MaxConcentration { get; }

    /// <summary>F/(RT), 1/V.</summary>
    public double InverseThermalVoltage { get; private set; }

    /// <summary>OCP vs the counter electrode, U(x) - U_counter, as a fast lookup.</summary>
    public OcpLookup OpenCircuitVoltageLookup { get; }

    /// <summary>D(x) at this temperature.</summary>
    public DiffusivityLookup Diffusivity { get; private set; }

    /// <summary>i0 at x_s = 0.5 and this temperature, A/m^2.</summary>
    public double ExchangeCurrentDensity { get; private set; }

    /// <summary>Percolation/tortuosity factor times Arrhenius factor of the NCM electronic conductivity.</summary>
    public double ElectronicConductivityFactor { get; private set; }

    /// <summary>sigma_se,eff in the composite, S/m.</summary>
    public double EffectiveIonicConductivity { get; private set; }

    /// <summary>Separator bulk plus junction resistance, ohm m^2.</summary>
    public double SeriesResistance { get; private set; }

    /// <summary>Counter-electrode interface exchange current density, A/m^2.</summary>
    public double CounterExchangeCurrentDensity { get; private set; }

    /// <summary>Counter-electrode potential vs Li, V.</summary>
    public double CounterPotential { get; }

    /// <summary>R_film, ohm m^2.</summary>
    public double FilmResistance { get; }

    /// <summary>theta.</summary>
    public double Coverage { get; }

    /// <summary>Radius of each particle class, m.</summary>
    public double[] ParticleRadius { get; }

    /// <summary>a_k of each particle class, 1/m.</summary>
    public double[] ParticleArea { get; }

    /// <summary>Share of each particle class's NCM that can react (networks, contacts, boundary layers); the rest keeps its initial lithium.</summary>
    public double[] AccessibleShare { get; }

    /// <summary>Lithium per m^2 of electrode per unit stoichiometry of each particle class, mol/m^2.</summary>
    public double[] ParticleWeight { get; }

    /// <summary>Effective electronic conductivity of the composite at mean stoichiometry <paramref name="x"/>, S/m.</summary>
    public double ElectronicConductivity(double x) => ElectronicConductivityFactor * Design.Active.ElectronicConductivity.At(x);

    /// <summary>
    /// Effective electronic conductivity in control volume <paramref name="node"/> at mean stoichiometry <paramref name="x"/>,
    /// S/m: the network's, or in the particle layer that touches the current collector that of the NCM volume fraction.
    /// </summary>
    public double ElectronicConductivity(int node, double x) => _nodeElectronicFactor[node] * _electronicTemperatureFactor * Design.Active.ElectronicConductivity.At(x);

    private double _electronicTemperatureFactor;

    /// <summary>OCP vs the counter electrode at stoichiometry x, V.</summary>
    public double OpenCircuitVoltage(double x) => Design.Active.OpenCircuitPotential.Potential(x) - CounterPotential;

    /// <summary>Current density (A/m^2 of geometric area) of <paramref name="amperes"/>.</summary>
    public double CurrentDensity(double amperes) => amperes / Design.Area;

    /// <summary>Electrolyte potential at the separator/cathode boundary for current density <paramref name="current"/> (positive on charge), and its derivative.</summary>
    public double SeparatorBoundaryPotential(double current, out double derivative)
    {
        // Counter-electrode kinetics: symmetric Butler-Volmer inverted exactly; its anodic current is -current.
        double z = current / (2 * CounterExchangeCurrentDensity);
        double kinetic = 2 / InverseThermalVoltage * Math.Asinh(z);
        derivative = 2 / InverseThermalVoltage / Math.Sqrt(1 + z * z) / (2 * CounterExchangeCurrentDensity) + SeriesResistance;
        return kinetic + current * SeriesResistance;
    }

    /// <summary>Lithium held by the particles, mol per m^2 of electrode.</summary>
    public double Lithium(ReadOnlySpan<double> stoichiometry)
    {
        double total = 0;
        int n = Particles;
        for (int m = 0; m < Shells.Count; m++)
        {
            double v = 3 * Shells.Volumes[m];
            for (int p = 0; p < n; p++) total += ParticleWeight[p] * v * stoichiometry[m * n + p];
        }
        return total;
    }

    /// <summary>Volume-averaged stoichiometry of node <paramref name="node"/>.</summary>
    public double NodeMeanStoichiometry(ReadOnlySpan<double> stoichiometry, int node)
    {
        double sum = 0, weight = 0;
        for (int k = 0; k < Bins; k++)
        {
            int p = node * Bins + k;
            for (int m = 0; m < Shells.Count; m++) sum += Microstructure.Bins.VolumeShares[k] * 3 * Shells.Volumes[m] * stoichiometry[m * Particles + p];
            weight += Microstructure.Bins.VolumeShares[k];
        }
        return sum / weight;
    }

    /// <summary>
    /// Mean stoichiometry of all the NCM of <paramref name="node"/> in <paramref name="state"/> (its stoichiometries on the
    /// host): the connected share of the accessible NCM at its particles' stoichiometry, the detached share at what it kept,
    /// and the inaccessible NCM at the initial stoichiometry. Its change is what the charge passed says, unlike
    /// <see cref="NodeMeanStoichiometry"/>, the mean of the reacting particles.
    /// </summary>
    public double NodeMeanStoichiometryOfAllNcm(CellState state, int node)
    {
        double sum = 0, weight = 0, x0 = Design.InitialStoichiometry;
        for (int k = 0; k < Bins; k++)
        {
            int p = node * Bins + k;
            double reacting = 0;
            for (int m = 0; m < Shells.Count; m++) reacting += 3 * Shells.Volumes[m] * state.Stoichiometry[m * Particles + p];
            double a = AccessibleShare[p], share = Microstructure.Bins.VolumeShares[k];
            sum += share * (a * (state.ConnectedFraction[p] * reacting + state.DetachedLithium[p]) + (1 - a) * x0);
            weight += share;
        }
        return sum / weight;
    }

    /// <summary>Theoretical lithium capacity of the electrode per m^2 (stoichiometry 0 to 1), C/m^2.</summary>
    public double TheoreticalCharge => ParticleWeight.Sum() * PhysicalConstants.Faraday;
}
