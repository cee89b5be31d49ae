using CathodeSim.IO.Units;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Dfn;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;

namespace CathodeSim.IO.Config;

/// <summary>The liquid-electrolyte (DFN) mode: <c>mode: dfn</c> and its <c>cell</c> schema.</summary>
internal static partial class SetupBuilder
{
    private static readonly string[] Modes = ["solid_state", "dfn"];

    /// <summary>Top-level <c>mode</c>: solid_state (default) or dfn.</summary>
    private static string ReadMode(ObjectReader r)
    {
        string mode = Read.Text(r, "mode", "solid_state (default) or dfn (liquid-electrolyte coin cell)", required: false) ?? "solid_state";
        if (Array.IndexOf(Modes, mode) < 0)
        {
            string? close = ObjectReader.Closest(mode, Modes);
            throw r.Get("mode")!.Origin.Error("mode", close is not null ? $"unknown mode '{mode}'; did you mean '{close}'?" : $"expected one of: {string.Join(", ", Modes)}, got '{mode}'");
        }
        return mode;
    }

    private static (SimulationSetup Setup, string? OutputDirectory) BuildLiquid(ObjectReader r, string name)
    {
        var materials = ReadMaterials(r);
        var cellMap = Read.Map(r, "cell", "the cell (die_diameter or area, cathode, separator, electrolyte, counter_electrode or anode)", required: true)!;
        var c = new ObjectReader(cellMap, "cell", r.KeyOrigin("cell"), "area", "die_diameter", "nominal_specific_capacity", "one_c_current", "cathode", "separator",
            "electrolyte", "counter_electrode", "anode", "degradation", "impedance");
        double area;
        if (c.Has("die_diameter"))
        {
            double d = Read.Quantity(c, "die_diameter", QuantityKind.Length, PhysicalRanges.DieDiameter, required: true)!.Value;
            area = Math.PI * d * d / 4.0;
        }
        else area = Read.Quantity(c, "area", QuantityKind.Area, PhysicalRanges.Area, required: true)!.Value;
        if (c.Has("nominal_specific_capacity") == c.Has("one_c_current"))
            throw c.Origin.Error("cell", "give exactly one of nominal_specific_capacity (per gram of cathode active material) and one_c_current (the cell's 1C current)");
        double? nominalGiven = Read.Quantity(c, "nominal_specific_capacity", QuantityKind.SpecificCharge, NominalSpecificCapacity, required: false);
        double? oneC = Read.Quantity(c, "one_c_current", QuantityKind.Current, Bounds.Positive, required: false);

        var cathodeMap = Read.Map(c, "cathode", "the porous cathode coating", required: true)!;
        var k = new ObjectReader(cathodeMap, "cell.cathode", c.KeyOrigin("cathode"), "active_material", "active_mass", "active_volume_fraction", "thickness", "porosity",
            "bruggeman_exponent", "electronic_conductivity", "particle_size", "initial_stoichiometry", "exchange_current_density", "film_resistance");
        var active = LiquidActiveMaterial(k, materials, "NCM90");
        double thickness = Read.Quantity(k, "thickness", QuantityKind.Length, Bounds.Positive, required: true)!.Value;
        if (k.Has("active_mass") == k.Has("active_volume_fraction"))
            throw k.Origin.Error("cell.cathode", "give exactly one of active_mass and active_volume_fraction");
        double activeMass = Read.Quantity(k, "active_mass", QuantityKind.Mass, PhysicalRanges.Mass, required: false)
            ?? Read.Quantity(k, "active_volume_fraction", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value * active.Density * area * thickness;
        double porosity = Read.Quantity(k, "porosity", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double bruggeman = Read.Quantity(k, "bruggeman_exponent", QuantityKind.Number, Bounds.Positive, required: false) ?? DefaultBruggeman;
        double sigma = Read.Quantity(k, "electronic_conductivity", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: true)!.Value;
        var sizes = ReadParticleSizes(k);
        double x0 = Read.Quantity(k, "initial_stoichiometry", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double i0 = Read.Quantity(k, "exchange_current_density", QuantityKind.CurrentDensity, PhysicalRanges.ExchangeCurrentDensity, required: true)!.Value;
        // Optional: a bare surface (0) unless given; the CEI of a formed cell, or the start of a growth law's film.
        double film = Read.Quantity(k, "film_resistance", QuantityKind.AreaResistance, PhysicalRanges.AreaResistance, required: false) ?? 0.0;
        var degradation = ReadDegradation(c);
        if (degradation?.Contact is not null)
            throw c.KeyOrigin("degradation").Error("cell.degradation.contact",
                "contact loss is a law of the solid-state mode (particles losing their solid-electrolyte contact); a liquid electrolyte wets every particle surface, so mode: dfn takes only cell.degradation.interphase");
        double activeFraction = activeMass / (active.Density * area * thickness);
        if (activeFraction + porosity >= 1)
            throw k.KeyOrigin("thickness").Error("cell.cathode.thickness",
                $"active_mass / (density x area x thickness) = {activeFraction:G3} of the coating plus porosity {porosity:G3} leave no room: thicken the coating or lower the mass");

        var separatorMap = Read.Map(c, "separator", "a map such as {thickness: 25 um, porosity: 0.41}", required: true)!;
        var s = new ObjectReader(separatorMap, "cell.separator", c.KeyOrigin("separator"), "thickness", "porosity", "bruggeman_exponent");
        double sepThickness = Read.Quantity(s, "thickness", QuantityKind.Length, Bounds.Positive, required: true)!.Value;
        // Up to 1: a separator of pure electrolyte is a common idealisation (the Marquis et al. 2019 set uses it).
        double sepPorosity = Read.Quantity(s, "porosity", QuantityKind.Number, Bounds.UpToOne, required: true)!.Value;
        double sepBruggeman = Read.Quantity(s, "bruggeman_exponent", QuantityKind.Number, Bounds.Positive, required: false) ?? DefaultBruggeman;

        var electrolyteMap = Read.Map(c, "electrolyte", "a map such as {model: landesfeind2019_ec_emc_3_7, salt_molarity: 1.0}", required: true)!;
        var e = new ObjectReader(electrolyteMap, "cell.electrolyte", c.KeyOrigin("electrolyte"), "model", "salt_molarity");
        string model = Read.Text(e, "model", "landesfeind2019_ec_emc_3_7 or capiglia1999_lipf6_ec_dmc", required: true)!;
        ILiquidElectrolyte electrolyte = model switch
        {
            "landesfeind2019_ec_emc_3_7" => Landesfeind2019EcEmc.Instance,
            "capiglia1999_lipf6_ec_dmc" => Capiglia1999LiPF6.Instance,
            _ => throw e.Get("model")!.Origin.Error("cell.electrolyte.model", $"expected one of: landesfeind2019_ec_emc_3_7, capiglia1999_lipf6_ec_dmc, got '{model}'"),
        };
        double molarity = Read.Quantity(e, "salt_molarity", QuantityKind.Number, Bounds.Positive, required: true)!.Value;

        if (c.Has("counter_electrode") == c.Has("anode"))
            throw c.Origin.Error("cell", "give exactly one of counter_electrode (lithium metal) and anode (a porous negative electrode)");
        double i0Li = 0;
        var liTemperature = ArrheniusFactor.None;
        LiquidAnode? anode = null;
        if (c.Has("counter_electrode"))
        {
            var counterMap = Read.Map(c, "counter_electrode", "a map such as {exchange_current_density: 2.6 mA/cm^2, activation_energy: 30 kJ/mol}", required: true)!;
            var li = new ObjectReader(counterMap, "cell.counter_electrode", c.KeyOrigin("counter_electrode"), "exchange_current_density", "activation_energy", "reference_temperature");
            i0Li = Read.Quantity(li, "exchange_current_density", QuantityKind.CurrentDensity, PhysicalRanges.ExchangeCurrentDensity, required: true)!.Value;
            liTemperature = new ArrheniusFactor(ActivationEnergy(li), ReferenceTemperature(li));
        }
        else anode = ReadLiquidAnode(c, materials);
        var doubleLayers = ReadDoubleLayers(c, anode is not null);

        double temperature = Read.Quantity(r, "temperature", QuantityKind.Temperature, PhysicalRanges.Temperature, required: true)!.Value;
        var numerics = ReadNumerics(r);
        var bins = sizes.Discretise(numerics.SizeBins);
        double nominal = nominalGiven ?? oneC!.Value * 3600.0 / activeMass;
        var cell = new LiquidCell(area, active, activeMass, nominal, electrolyte, molarity * 1000.0, sepThickness, sepPorosity, sepBruggeman,
            thickness, porosity, activeFraction, bruggeman, sigma, bins, x0, i0, i0Li, liTemperature)
        {
            Anode = anode,
            CathodeFilmResistance = film,
            Interphase = degradation?.Interphase,
        };
        // Carries what the protocol and the outputs read (area, active mass, 1C, material); the physics is in LiquidCell.
        var design = new CellDesign(area, active,
            new SolidElectrolyte(Landesfeind2019EcEmc.Instance.Name, 1200, Landesfeind2019EcEmc.Instance.Conductivity(1000, 298.15), ArrheniusFactor.None),
            new SolidElectrolyte(Landesfeind2019EcEmc.Instance.Name, 1200, Landesfeind2019EcEmc.Instance.Conductivity(1000, 298.15), ArrheniusFactor.None),
            new CounterElectrode(anode is null ? "Li" : anode.Active.Name, 0.0, i0Li, liTemperature),
            new CathodeRecipe(activeMass, 1.0 - 1e-9, porosity, sizes, 1.0, new BruggemanLaw(bruggeman), new BruggemanLaw(bruggeman)),
            new SeparatorRecipe(1e-6, sepPorosity), 0, 0, x0, nominal);
        var protocol = ReadProtocol(r, maxStep: numerics.MaxStep, cell: design);
        var (outputDirectory, profileTimes) = ReadOutput(r);
        var grid = new DfnGrid(numerics.CathodeNodes, numerics.CathodeNodes, numerics.RadialShells, numerics.CathodeNodes);
        return (new SimulationSetup(name, design, temperature, protocol, numerics, profileTimes) { Liquid = new LiquidSetup(cell, grid) { DoubleLayers = doubleLayers } }, outputDirectory);
    }

    /// <summary>An active material by name: the built-in ones of the liquid mode (<see cref="Marquis2019Materials"/>) or the config's materials.</summary>
    private static ActiveMaterial LiquidActiveMaterial(ObjectReader k, Dictionary<string, Material> materials, string example)
    {
        if (k.Get("active_material") is ScalarNode { } node && Marquis2019Materials.Named(node.Value) is { } builtin) return builtin;
        return Reference<ActiveMaterial>(k, "active_material", materials, "active", example);
    }

    /// <summary>
    /// <c>cell.anode</c>: a porous negative electrode (monodisperse particles of <c>particle_radius</c>) in place of the
    /// lithium-metal counter electrode. Its kinetics have the cathode's form, i0 at x = 1/2 and c_e = 1 M.
    /// </summary>
    private static LiquidAnode ReadLiquidAnode(ObjectReader c, Dictionary<string, Material> materials)
    {
        var map = Read.Map(c, "anode", "a map such as {active_material: graphite_mcmb2528_marquis2019, thickness: 100 um, ...}", required: true)!;
        var a = new ObjectReader(map, "cell.anode", c.KeyOrigin("anode"), "active_material", "thickness", "porosity", "active_volume_fraction", "bruggeman_exponent",
            "electronic_conductivity", "particle_radius", "initial_stoichiometry", "exchange_current_density");
        var active = LiquidActiveMaterial(a, materials, Marquis2019Materials.GraphiteName);
        double thickness = Read.Quantity(a, "thickness", QuantityKind.Length, Bounds.Positive, required: true)!.Value;
        double porosity = Read.Quantity(a, "porosity", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double fraction = Read.Quantity(a, "active_volume_fraction", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        if (fraction + porosity > 1)
            throw a.KeyOrigin("active_volume_fraction").Error("cell.anode.active_volume_fraction", $"active_volume_fraction {fraction:G3} plus porosity {porosity:G3} exceed 1");
        double bruggeman = Read.Quantity(a, "bruggeman_exponent", QuantityKind.Number, Bounds.Positive, required: false) ?? DefaultBruggeman;
        double sigma = Read.Quantity(a, "electronic_conductivity", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: true)!.Value;
        double radius = Read.Quantity(a, "particle_radius", QuantityKind.Length, Bounds.Positive, required: true)!.Value;
        double x0 = Read.Quantity(a, "initial_stoichiometry", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double i0 = Read.Quantity(a, "exchange_current_density", QuantityKind.CurrentDensity, PhysicalRanges.ExchangeCurrentDensity, required: true)!.Value;
        return new LiquidAnode(active, thickness, porosity, fraction, bruggeman, sigma, new SizeBins([radius], [1.0]), x0, i0);
    }

    /// <summary>
    /// <c>cell.impedance</c> of a liquid cell: the double-layer capacitances of the small-signal response (absent means the
    /// documented defaults of <see cref="DfnDoubleLayers"/>; 0 switches one off). counter_double_layer belongs to the
    /// lithium-metal counter electrode, anode_double_layer to a porous anode.
    /// </summary>
    private static DfnDoubleLayers ReadDoubleLayers(ObjectReader cell, bool fullCell)
    {
        var defaults = new DfnDoubleLayers();
        var map = Read.Map(cell, "impedance", fullCell
            ? "a map such as {cathode_double_layer: 20 uF/cm^2, anode_double_layer: 20 uF/cm^2}"
            : "a map such as {cathode_double_layer: 20 uF/cm^2, counter_double_layer: 20 uF/cm^2}", required: false);
        if (map is null) return defaults;
        var r = fullCell
            ? new ObjectReader(map, cell.Child("impedance"), cell.KeyOrigin("impedance"), "cathode_double_layer", "anode_double_layer")
            : new ObjectReader(map, cell.Child("impedance"), cell.KeyOrigin("impedance"), "cathode_double_layer", "counter_double_layer");
        return new DfnDoubleLayers(
            Read.Quantity(r, "cathode_double_layer", QuantityKind.AreaCapacitance, Bounds.NonNegative, required: false) ?? defaults.Cathode,
            fullCell ? defaults.Counter : Read.Quantity(r, "counter_double_layer", QuantityKind.AreaCapacitance, Bounds.NonNegative, required: false) ?? defaults.Counter,
            fullCell ? Read.Quantity(r, "anode_double_layer", QuantityKind.AreaCapacitance, Bounds.NonNegative, required: false) ?? defaults.Anode : defaults.Anode);
    }

    /// <summary>Bruggeman exponent of a random packing of spheres, 1.5 (Bruggeman 1935; as used by Doyle, Fuller and Newman 1993).</summary>
    private const double DefaultBruggeman = 1.5;
}
