using System.Globalization;
using CathodeSim.Model.Impedance;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// Characteristic time constants of the processes in the small-signal response of a liquid-electrolyte (DFN) cell
/// (<see cref="DfnImpedance"/>), to read a DRT of its spectrum, per unit area so that areas cancel:
/// lithium metal tau = R_ct,Li C_dl,Li with R_ct,Li = RT / (F i0_Li(c_e)); per electrode and size bin charge transfer
/// tau = (R_ct + R_film) C_dl with R_ct = RT / (F i0(x_s, c_e)) averaged over the electrode's volumes, and solid
/// diffusion tau = R^2 / D(x_mean); salt diffusion across the separator tau = L_sep^2 / (D_e eps^(b - 1)) (the time of
/// the porous-medium diffusion equation eps dc/dt = d/dx (eps^b D_e dc/dx)). As in the solid-state mode
/// (<see cref="ImpedanceProcesses"/>), the coupling of the processes through the porous electrode shifts the DRT's peaks
/// from these values.
/// </summary>
public static class DfnImpedanceProcesses
{
    /// <summary>
    /// The processes of <paramref name="system"/> around state <paramref name="y"/>: lithium metal (half cell), separator
    /// salt diffusion, then per electrode (anode first in a full cell) and bin charge transfer and solid diffusion.
    /// </summary>
    public static IReadOnlyList<ImpedanceProcess> Characteristic(DfnSystem system, ReadOnlySpan<double> y, DfnDoubleLayers doubleLayers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(doubleLayers);
        var inv = CultureInfo.InvariantCulture;
        var cell = system.Cell;
        double rtf = PhysicalConstants.Gas * system.Temperature / PhysicalConstants.Faraday;
        var list = new List<ImpedanceProcess>();
        if (cell.Anode is null)
        {
            double c0 = Math.Max(y[system.Concentration(0)], 1e-3 * cell.InitialConcentration);
            list.Add(new ImpedanceProcess("lithium metal", rtf / system.LithiumExchangeCurrentDensity(c0) * doubleLayers.Counter, "R_ct,Li C_dl,Li"));
        }
        int firstSeparator = system.AnodeVolumes;
        double ce = y[system.Concentration(firstSeparator)];
        double effective = cell.Electrolyte.Diffusivity(ce, system.Temperature) * Math.Pow(cell.SeparatorPorosity, cell.SeparatorBruggeman - 1);
        list.Add(new ImpedanceProcess("salt diffusion (separator)", cell.SeparatorThickness * cell.SeparatorThickness / effective, "L_sep^2 / (D_e eps^(b - 1))"));
        if (cell.Anode is not null) AddElectrode(system, y, 0, system.AnodeVolumes, "anode", doubleLayers.Anode, rtf, inv, list);
        AddElectrode(system, y, system.FirstCathodeNode, system.Nodes, "cathode", doubleLayers.Cathode, rtf, inv, list);
        return list;
    }

    private static void AddElectrode(DfnSystem system, ReadOnlySpan<double> y, int first, int end, string electrode, double doubleLayer, double rtf,
        CultureInfo inv, List<ImpedanceProcess> list)
    {
        int bins = system.BinsAt(first);
        for (int k = 0; k < bins; k++)
        {
            double resistance = 0, mean = 0;
            for (int i = first; i < end; i++)
            {
                resistance += rtf / system.ExchangeCurrentDensity(y, i, k) + system.FilmResistance(i, k);
                mean += system.Mean(y, i, k);
            }
            resistance /= end - first;
            mean /= end - first;
            double radius = system.Radius(first, k);
            string bin = bins == 1 ? "" : string.Format(inv, " (bin {0}, r = {1:G3} um)", k + 1, radius * 1e6);
            list.Add(new ImpedanceProcess($"{electrode} charge transfer{bin}", resistance * doubleLayer, "(R_ct + R_film) C_dl"));
            list.Add(new ImpedanceProcess($"{electrode} solid diffusion{bin}", radius * radius / system.SolidDiffusivity(first, mean), "R^2 / D"));
        }
    }
}
