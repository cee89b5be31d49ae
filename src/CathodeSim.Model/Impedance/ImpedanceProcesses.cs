using System.Globalization;
using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Impedance;

/// <summary>
/// The characteristic time constants of the processes in the small-signal model (<see cref="AnalyticalImpedance"/>,
/// <see cref="NumericalImpedance"/>), all per unit area so that areas cancel:
/// separator tau = R_sep C_geo (C_geo = eps0 eps_r / L_sep); counter electrode tau = R_ct,Li-In C_dl,Li-In
/// (R_ct = RT/(F i0)); per particle size bin charge transfer tau = (R_ct + R_film) C_dl with
/// R_ct = RT / (F 2 i0 sqrt(x (1 - x))) at the bin's mean surface stoichiometry; and solid diffusion tau = R^2 / D(x).
/// The transmission line of the composite and the coupling between processes shift the DRT's peaks from these values.
/// </summary>
public static class ImpedanceProcesses
{
    /// <summary>The processes around <paramref name="state"/>, in the order separator, counter electrode, then per bin charge transfer and diffusion.</summary>
    public static IReadOnlyList<ImpedanceProcess> Characteristic(CellModel model, CellState state, ImpedanceParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(parameters);
        var inv = CultureInfo.InvariantCulture;
        double f = model.InverseThermalVoltage;
        var list = new List<ImpedanceProcess>
        {
            new("separator", model.SeriesResistance * ImpedanceParameters.VacuumPermittivity * parameters.SeparatorPermittivity / model.Microstructure.SeparatorThickness,
                "R_sep C_geo, C_geo = eps0 eps_r / L_sep"),
            new("counter electrode", parameters.CounterDoubleLayer / (f * model.CounterExchangeCurrentDensity), "R_ct,Li-In C_dl,Li-In"),
        };
        int nr = model.Shells.Count, np = model.Particles, bins = model.Bins;
        for (int k = 0; k < bins; k++)
        {
            double surface = 0, mean = 0, film = 0;
            int count = 0;
            for (int p = k; p < np; p += bins)
            {
                surface += state.Stoichiometry[(nr - 1) * np + p];
                for (int s = 0; s < nr; s++) mean += state.Stoichiometry[s * np + p] / nr;
                film += state.FilmResistance[p];
                count++;
            }
            surface = Math.Clamp(surface / count, 1e-6, 1 - 1e-6);
            mean = Math.Clamp(mean / count, 1e-6, 1 - 1e-6);
            film /= count;
            double chargeTransfer = 1 / (f * model.ExchangeCurrentDensity * 2 * Math.Sqrt(surface * (1 - surface)));
            double radius = model.ParticleRadius[k];
            string bin = bins == 1 ? "" : string.Format(inv, " (bin {0}, r = {1:G3} um)", k + 1, radius * 1e6);
            list.Add(new ImpedanceProcess("charge transfer" + bin, (chargeTransfer + film) * parameters.CathodeDoubleLayer, "(R_ct + R_film) C_dl"));
            list.Add(new ImpedanceProcess("solid diffusion" + bin, radius * radius / model.Diffusivity.Evaluate(mean, out _), "R^2 / D"));
        }
        return list;
    }
}
