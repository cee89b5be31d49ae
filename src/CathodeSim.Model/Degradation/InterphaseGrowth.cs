using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Degradation;

/// <summary>
/// Growth of the cathode-electrolyte interphase (CEI) film with a parabolic (square-root-of-time) law, activated when
/// the local cathode potential exceeds the electrolyte's oxidation onset:
/// dR/dt = k(U, T) / (2 R), i.e. R^2 grows at rate k. Above the onset k rises exponentially with potential:
/// k = K_ref^2 (exp((U - U_onset)/U_s) - 1) / (exp((U_ref - U_onset)/U_s) - 1), zero below the onset, times an Arrhenius factor.
/// K_ref is the parabolic constant at U_ref (R = K_ref sqrt(t) from a bare interface).
/// Kochetkov et al. 2022 measured about 44 ohm h^-0.5 at 4.6 V vs Li for Li3InCl6 and about zero at 4.1 V.
/// </summary>
/// <param name="OnsetPotential">U_onset, V vs Li.</param>
/// <param name="ReferencePotential">U_ref, V vs Li.</param>
/// <param name="ReferenceRate">K_ref, ohm m^2 s^-1/2 on the contacted NCM surface.</param>
/// <param name="PotentialScale">U_s, V.</param>
/// <param name="Temperature">Arrhenius law of the rate k.</param>
public sealed record InterphaseGrowth(double OnsetPotential, double ReferencePotential, double ReferenceRate, double PotentialScale, ArrheniusFactor Temperature)
{
    /// <summary>
    /// The film resistance after <paramref name="duration"/> (s) at constant rate <paramref name="rate"/> (k, ohm^2 m^4 / s)
    /// from <paramref name="resistance"/> (ohm m^2): the parabolic law integrated exactly, sqrt(R^2 + k h).
    /// </summary>
    public static double Grown(double resistance, double rate, double duration) => Math.Sqrt(resistance * resistance + rate * duration);

    /// <summary>k = d(R^2)/dt at electrode potential <paramref name="potential"/> (V vs Li), ohm^2 m^4 / s.</summary>
    public double Rate(double potential, double temperature)
    {
        if (potential <= OnsetPotential) return 0;
        double shape = double.ExpM1((potential - OnsetPotential) / PotentialScale) / double.ExpM1((ReferencePotential - OnsetPotential) / PotentialScale);
        return ReferenceRate * ReferenceRate * shape * Temperature.At(temperature);
    }
}
