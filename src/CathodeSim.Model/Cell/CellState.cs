namespace CathodeSim.Model.Cell;

/// <summary>
/// The solution at one time: particle stoichiometries (shell-major, particle-fastest), the two potentials per node,
/// the interfacial current density per particle class and node, and the applied current density.
/// </summary>
public sealed class CellState
{
    /// <summary>Allocates a state for <paramref name="model"/>.</summary>
    public CellState(CellModel model)
    {
        Stoichiometry = new double[model.Shells.Count * model.Particles];
        SolidPotential = new double[model.Nodes];
        ElectrolytePotential = new double[model.Nodes];
        InterfacialCurrent = new double[model.Particles];
        FilmResistance = new double[model.Particles];
        ContactRatio = new double[model.Particles];
        ConnectedFraction = new double[model.Particles];
        DetachedLithium = new double[model.Particles];
        Array.Fill(FilmResistance, model.Design.FilmResistance);
        Array.Fill(ContactRatio, 1.0);
        Array.Fill(ConnectedFraction, 1.0);
    }

    /// <summary>Interphase film resistance per particle class and node, ohm m^2 of contacted surface.</summary>
    public double[] FilmResistance { get; }

    /// <summary>Contacted fraction of each still-connected particle's surface relative to the pristine coverage theta_0 (reversible contact loss), per particle class and node.</summary>
    public double[] ContactRatio { get; }

    /// <summary>Share of the particles of each class and node still connected to the electrolyte; the rest have detached for good (lost active material).</summary>
    public double[] ConnectedFraction { get; }

    /// <summary>
    /// Lithium kept by the detached share of each class and node, as share of the class times the mean stoichiometry it
    /// had when it detached (sum over the detachments): the detached particles keep their lithium and no longer react.
    /// </summary>
    public double[] DetachedLithium { get; }

    /// <summary>x at [shell * P + particle].</summary>
    /// <remarks>
    /// The array behind this property can change between steps: the integrator exchanges buffers instead of copying the
    /// M x Nr field when it accepts a step (<see cref="ExchangeStoichiometry"/>). Read it through the state each time;
    /// do not keep the array.
    /// </remarks>
    public double[] Stoichiometry { get; private set; }

    /// <summary>phi_s per node, V vs the counter-electrode metal.</summary>
    public double[] SolidPotential { get; }

    /// <summary>phi_e per node, V.</summary>
    public double[] ElectrolytePotential { get; }

    /// <summary>i per particle class and node, A/m^2 of contacted surface, positive for delithiation.</summary>
    public double[] InterfacialCurrent { get; }

    /// <summary>Applied current density, A/m^2, positive on charge.</summary>
    public double Current { get; set; }

    /// <summary>Cell voltage, V vs the counter electrode.</summary>
    public double Voltage { get; set; }

    /// <summary>Net charge passed since the start (BDF-consistent quadrature), C/m^2, positive on charge.</summary>
    public double Charge { get; set; }

    /// <summary>Time, s.</summary>
    public double Time { get; set; }

    /// <summary>Copies every value from <paramref name="other"/>.</summary>
    public void CopyFrom(CellState other)
    {
        other.Stoichiometry.CopyTo(Stoichiometry, 0);
        CopyAllButStoichiometry(other);
    }

    /// <summary>
    /// Copies every value from <paramref name="other"/> but takes the stoichiometry from <paramref name="stoichiometry"/>
    /// (a predictor): one copy of the M x Nr field instead of two.
    /// </summary>
    internal void CopyFrom(CellState other, ReadOnlySpan<double> stoichiometry)
    {
        stoichiometry.CopyTo(Stoichiometry);
        CopyAllButStoichiometry(other);
    }

    /// <summary>
    /// Copies every value from <paramref name="other"/> except the stoichiometry of all but the outermost shell
    /// (<paramref name="particles"/> values at the end): for states whose inner shells are resident in a device-side
    /// history, where copying M x Nr stale values per step would cost as much host bandwidth as the link traffic saved.
    /// </summary>
    internal void CopyFromSurfaceOnly(CellState other, int particles)
    {
        int last = Stoichiometry.Length - particles;
        Array.Copy(other.Stoichiometry, last, Stoichiometry, last, particles);
        CopyAllButStoichiometry(other);
    }

    /// <summary>
    /// Makes <paramref name="buffer"/> (same length) this state's stoichiometry array and returns the previous one: an
    /// O(1) hand-over of the M x Nr field where a copy would cost as much as a particle update.
    /// </summary>
    internal double[] ExchangeStoichiometry(double[] buffer)
    {
        if (buffer.Length != Stoichiometry.Length) throw new ArgumentException("the buffer's length differs from the state's", nameof(buffer));
        var previous = Stoichiometry;
        Stoichiometry = buffer;
        return previous;
    }

    /// <summary>Copies every value from <paramref name="other"/> except the stoichiometry.</summary>
    internal void CopyAllButStoichiometry(CellState other)
    {
        other.SolidPotential.CopyTo(SolidPotential, 0);
        other.ElectrolytePotential.CopyTo(ElectrolytePotential, 0);
        other.InterfacialCurrent.CopyTo(InterfacialCurrent, 0);
        other.FilmResistance.CopyTo(FilmResistance, 0);
        other.ContactRatio.CopyTo(ContactRatio, 0);
        other.ConnectedFraction.CopyTo(ConnectedFraction, 0);
        other.DetachedLithium.CopyTo(DetachedLithium, 0);
        Current = other.Current;
        Voltage = other.Voltage;
        Charge = other.Charge;
        Time = other.Time;
    }
}
