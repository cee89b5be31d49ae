using CathodeSim.Model.Materials;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// The active materials of the Marquis et al. 2019 parameter set (Kokam SLPB78205130H; Marquis, Sulzer, Timms, Please,
/// Chapman, J. Electrochem. Soc. 166 (2019) A3693) as PyBaMM published them (pybamm-team/PyBaMM, BSD-3): graphite
/// MCMB 2528 (anodes/graphite_mcmb2528_Marquis2019/parameters.csv at commit 16864825990e5a4ec4b0b744854736569c0b1e2a) and
/// LiCoO2 (cathodes/lico2_Marquis2019/parameters.csv at 06a42c93846f9d63e5e0dd998b62d932c5bdc4ad), with the Dualfoil
/// OCPs and constant diffusivities (3.9e-14 and 1e-13 m^2/s; the diffusivity files of that time apply no temperature
/// dependence to graphite). The set gives c_max, not density and molar mass: the molar masses here are those of the host
/// formula units (C6 and LiCoO2) and the densities follow as c_max times molar mass, so that c_max is the published one.
/// Exchange currents and conductivities belong to the electrode, not the material (see the config
/// configs/liquid/marquis2019-kokam.yaml); the material's own values below are unused placeholders of the DFN mode.
/// </summary>
public static class Marquis2019Materials
{
    /// <summary>Maximum lithium concentration of graphite MCMB 2528, mol/m^3.</summary>
    public const double GraphiteMaxConcentration = 24983.2619938437;

    /// <summary>Maximum lithium concentration of LiCoO2, mol/m^3.</summary>
    public const double LiCoO2MaxConcentration = 51217.9257309275;

    private const double C6MolarMass = 6 * 0.012011, LiCoO2MolarMass = 0.097873;

    /// <summary>Config name of <see cref="Graphite"/>.</summary>
    public const string GraphiteName = "graphite_mcmb2528_marquis2019";

    /// <summary>Config name of <see cref="LiCoO2"/>.</summary>
    public const string LiCoO2Name = "licoo2_marquis2019";

    /// <summary>Graphite MCMB 2528: Dualfoil OCP, D = 3.9e-14 m^2/s.</summary>
    public static ActiveMaterial Graphite { get; } = new(GraphiteName, C6MolarMass, GraphiteMaxConcentration * C6MolarMass,
        DualfoilGraphiteOcp.Instance, new ConstantDiffusivity(3.9e-14), ArrheniusFactor.None, 1.0, ArrheniusFactor.None,
        new ConstantElectronicConductivity(100), ArrheniusFactor.None);

    /// <summary>LiCoO2: Dualfoil OCP with the stretch 1.062, D = 1e-13 m^2/s.</summary>
    public static ActiveMaterial LiCoO2 { get; } = new(LiCoO2Name, LiCoO2MolarMass, LiCoO2MaxConcentration * LiCoO2MolarMass,
        DualfoilLiCoO2Ocp.Instance, new ConstantDiffusivity(1e-13), ArrheniusFactor.None, 1.0, ArrheniusFactor.None,
        new ConstantElectronicConductivity(10), ArrheniusFactor.None);

    /// <summary>The material of config name <paramref name="name"/>, or null.</summary>
    public static ActiveMaterial? Named(string name) => name switch
    {
        GraphiteName => Graphite,
        LiCoO2Name => LiCoO2,
        _ => null,
    };
}
