namespace CathodeSim.Model.Dfn;

/// <summary>Discretisation of the DFN cell: finite volumes in x per domain and vertex-centred shells in r.</summary>
/// <param name="SeparatorVolumes">Control volumes across the separator.</param>
/// <param name="CathodeVolumes">Control volumes across the cathode.</param>
/// <param name="RadialIntervals">Radial intervals per particle (RadialIntervals + 1 concentration nodes, r = 0 .. R), in both electrodes.</param>
/// <param name="AnodeVolumes">Control volumes across the porous anode (unused with a lithium-metal counter electrode).</param>
public sealed record DfnGrid(int SeparatorVolumes = 20, int CathodeVolumes = 20, int RadialIntervals = 20, int AnodeVolumes = 20)
{
    /// <summary>Throws on a grid too coarse to be second order.</summary>
    public void Validate()
    {
        if (SeparatorVolumes < 2) throw new ArgumentOutOfRangeException(nameof(SeparatorVolumes), SeparatorVolumes, "at least 2 separator volumes");
        if (CathodeVolumes < 2) throw new ArgumentOutOfRangeException(nameof(CathodeVolumes), CathodeVolumes, "at least 2 cathode volumes");
        if (AnodeVolumes < 2) throw new ArgumentOutOfRangeException(nameof(AnodeVolumes), AnodeVolumes, "at least 2 anode volumes");
        if (RadialIntervals < 2) throw new ArgumentOutOfRangeException(nameof(RadialIntervals), RadialIntervals, "at least 2 radial intervals");
    }
}
