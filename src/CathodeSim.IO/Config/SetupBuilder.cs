using CathodeSim.IO.Protocol;
using CathodeSim.IO.Units;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Degradation;
using CathodeSim.Model.Impedance;
using CathodeSim.Model.Thermal;
using CathodeSim.Model.Materials;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;

namespace CathodeSim.IO.Config;

/// <summary>Maps the merged configuration tree onto the model's records, validating every value on the way.</summary>
internal static partial class SetupBuilder
{
    private const double DefaultReferenceTemperature = 298.15;

    private sealed record Material(string Kind, object Value, Origin Origin);

    private static readonly Dictionary<string, string> KindNouns = new()
    {
        ["active"] = "an active material",
        ["electrolyte"] = "an electrolyte",
        ["counter_electrode"] = "a counter electrode",
    };

    public static (SimulationSetup Setup, string? OutputDirectory) Build(MapNode root, bool allowLiquid = false)
    {
        var r = new ObjectReader(root, "", root.Origin, "name", "mode", "materials", "cell", "temperature", "protocol", "numerics", "output");
        string name = Read.Text(r, "name", "a run name such as 'b-ncm-65'", required: true)!;
        if (name.IndexOfAny(['/', '\\', '\0', ':', '*', '?', '"', '<', '>', '|']) >= 0)
            throw r.KeyOrigin("name").Error("name", $"the run name is used for file names and may not contain / \\ : * ? \" < > |, got '{name}'");
        // Also used for file names: checked here, before the run, rather than where the first file is written.
        if (name.Trim('.').Length == 0 || name.Any(char.IsControl) || name.Length > ConfigLimits.MaxNameLength)
            throw r.KeyOrigin("name").Error("name",
                $"the run name is used for file names ({{name}}_timeseries.csv, ...): expected 1 to {ConfigLimits.MaxNameLength} characters without line breaks or control characters, not only dots; got {(name.Length > 40 ? $"{name.Length} characters" : $"'{name.ReplaceLineEndings("\\n")}'")}");

        if (ReadMode(r) == "dfn")
        {
            // Only run, compare, sweep, gitt and eis drive the DFN solver so far; every other workflow builds the solid-state cell
            // model, which would read the liquid setup's placeholder design. Refused here, at the one place every config
            // passes through.
            if (!allowLiquid)
                throw r.Get("mode")!.Origin.Error("mode",
                    "mode: dfn (the liquid-electrolyte cell) is simulated by `cathodesim run`, `compare`, `sweep`, `gitt` and `eis` only so far; optimize-ratio, validate, fit and microstructure need mode: solid_state");
            return BuildLiquid(r, name);
        }
        var materials = ReadMaterials(r);
        var cellMap = Read.Map(r, "cell", "the cell description (area, cathode, separator, counter_electrode, ...)", required: true)!;
        var design = ReadCell(new ObjectReader(cellMap, "cell", r.KeyOrigin("cell"),
            "area", "die_diameter", "nominal_specific_capacity", "cathode", "separator", "counter_electrode", "junction_resistance", "degradation", "thermal", "impedance"), materials);
        double temperature = Read.Quantity(r, "temperature", QuantityKind.Temperature, PhysicalRanges.Temperature, required: true)!.Value;
        // Numerics first: the protocol's time spans are checked against the solver's largest step.
        var numerics = ReadNumerics(r);
        // The cell first as well: currents in mA or mA/cm^2 are bounded as the C-rates they are for this cell.
        var protocol = ReadProtocol(r, maxStep: numerics.MaxStep, cell: design);
        var (outputDirectory, profileTimes) = ReadOutput(r);
        return (new SimulationSetup(name, design, temperature, protocol, numerics, profileTimes), outputDirectory);
    }

    // ---------------------------------------------------------------- materials

    private static Dictionary<string, Material> ReadMaterials(ObjectReader root)
    {
        var result = new Dictionary<string, Material>(StringComparer.Ordinal);
        var map = Read.Map(root, "materials", "a map of materials by name", required: false);
        if (map is null) return result;
        foreach (var entry in map.Entries)
        {
            string path = $"materials.{entry.Key}";
            if (entry.Value is ScalarNode { IsNull: true }) continue;
            if (entry.Value is not MapNode m)
                throw Read.Expected(entry.Value, path, "a material description such as {kind: electrolyte, density: 1.86 g/cm^3, ...}");
            var kindNode = m.Find("kind")?.Value;
            string kinds = string.Join(", ", KindNouns.Keys);
            if (kindNode is null || kindNode is ScalarNode { IsNull: true })
                throw entry.KeyOrigin.Error($"{path}.kind", $"missing required value; expected one of: {kinds}");
            if (kindNode is not ScalarNode ks || !KindNouns.ContainsKey(ks.Value))
            {
                string got = kindNode is ScalarNode k2 ? k2.Value : kindNode.Describe();
                string? close = kindNode is ScalarNode k3 ? ObjectReader.Closest(k3.Value, KindNouns.Keys) : null;
                throw kindNode.Origin.Error($"{path}.kind", close is not null
                    ? $"unknown material kind '{got}'; did you mean '{close}'?"
                    : $"expected one of: {kinds}, got '{got}'");
            }
            object value = ks.Value switch
            {
                "active" => ReadActive(entry.Key, new ObjectReader(m, path, entry.KeyOrigin, "kind", "molar_mass", "density",
                    "reference_temperature", "ocp", "diffusivity", "exchange_current_density", "electronic_conductivity")),
                "electrolyte" => ReadElectrolyte(entry.Key, new ObjectReader(m, path, entry.KeyOrigin, "kind", "density",
                    "ionic_conductivity", "activation_energy", "reference_temperature")),
                _ => ReadCounter(entry.Key, new ObjectReader(m, path, entry.KeyOrigin, "kind", "potential",
                    "exchange_current_density", "activation_energy", "reference_temperature")),
            };
            result[entry.Key] = new Material(ks.Value, value, entry.KeyOrigin);
        }
        return result;
    }

    private static double ReferenceTemperature(ObjectReader r) =>
        Read.Quantity(r, "reference_temperature", QuantityKind.Temperature, PhysicalRanges.Temperature, required: false) ?? DefaultReferenceTemperature;

    private static double ActivationEnergy(ObjectReader r) =>
        Read.Quantity(r, "activation_energy", QuantityKind.MolarEnergy, PhysicalRanges.ActivationEnergy, required: true)!.Value;

    private static ActiveMaterial ReadActive(string name, ObjectReader r)
    {
        double molarMass = Read.Quantity(r, "molar_mass", QuantityKind.MolarMass, PhysicalRanges.MolarMass, required: true)!.Value;
        double density = Read.Quantity(r, "density", QuantityKind.Density, PhysicalRanges.Density, required: true)!.Value;
        double tRef = ReferenceTemperature(r);

        // Open-circuit potential.
        var (ocpReader, ocpModel) = Model(r, "ocp", "{model: msmr, reactions: [...]} or {model: chen2020}", new()
        {
            ["chen2020"] = ["stoichiometry_scale"],
            ["table"] = ["stoichiometry", "potential"],
            ["msmr"] = ["reactions", "temperature"],
        });
        IOpenCircuitPotential ocp;
        if (ocpModel == "chen2020")
        {
            double scale = Read.Quantity(ocpReader, "stoichiometry_scale", QuantityKind.Number, Bounds.UpToOne, required: false) ?? 1.0;
            ocp = new ChenNmc811Ocp(scale);
        }
        else if (ocpModel == "msmr")
        {
            ocp = ReadMsmr(ocpReader);
        }
        else
        {
            var (x, u) = Table(ocpReader, "potential", QuantityKind.Voltage, PhysicalRanges.Voltage, unitKey: null, defaultUnit: "V");
            ocp = new TabulatedOcp(x, u);
        }

        // Diffusivity.
        var (dReader, dModel) = Model(r, "diffusivity", "{model: constant, value: 1e-15 m^2/s, activation_energy: 12 kJ/mol}", new()
        {
            ["constant"] = ["value", "activation_energy"],
            ["table"] = ["stoichiometry", "values", "unit", "activation_energy"],
            ["thermodynamic_factor"] = ["self_diffusivity", "activation_energy"],
        });
        IDiffusivity diffusivity;
        if (dModel == "constant")
        {
            diffusivity = new ConstantDiffusivity(Read.Quantity(dReader, "value", QuantityKind.Diffusivity, PhysicalRanges.Diffusivity, required: true)!.Value);
        }
        else if (dModel == "thermodynamic_factor")
        {
            // D = D_self Theta(x) with Theta from this material's own OCP, at its reference temperature.
            double self = Read.Quantity(dReader, "self_diffusivity", QuantityKind.Diffusivity, PhysicalRanges.Diffusivity, required: true)!.Value;
            var law = new ThermodynamicFactorDiffusivity(self, ocp, tRef);
            if (law.FirstUnusablePoint() is { } bad)
                throw r.KeyOrigin("diffusivity").Error(r.Child("diffusivity"),
                    $"model thermodynamic_factor needs an OCP whose thermodynamic factor -(F/RT) x (1 - x) dU/dx stays above {ThermodynamicFactorDiffusivity.MinimumFactor.ToString(System.Globalization.CultureInfo.InvariantCulture)} (falling with x everywhere, with logarithmic edges, as an MSMR OCP); " +
                    $"this one gives {bad.Factor.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} at x = {bad.Stoichiometry.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}. Use ocp: {{model: msmr}} or a table of D(x)");
            diffusivity = law;
        }
        else
        {
            var (dx, dv) = Table(dReader, "values", QuantityKind.Diffusivity, PhysicalRanges.Diffusivity, unitKey: "unit", defaultUnit: "m^2/s");
            diffusivity = new LogTabulatedDiffusivity(dx, dv);
        }
        var diffusivityArrhenius = new ArrheniusFactor(ActivationEnergy(dReader), tRef);

        // Exchange current density.
        var i0Map = Read.Map(r, "exchange_current_density", "a map such as {value: 0.5 A/m^2, activation_energy: 20 kJ/mol}", required: true)!;
        var i0Reader = new ObjectReader(i0Map, r.Child("exchange_current_density"), r.KeyOrigin("exchange_current_density"), "value", "activation_energy");
        double i0 = Read.Quantity(i0Reader, "value", QuantityKind.CurrentDensity, PhysicalRanges.ExchangeCurrentDensity, required: true)!.Value;
        var i0Arrhenius = new ArrheniusFactor(ActivationEnergy(i0Reader), tRef);

        // Electronic conductivity.
        var (sReader, sModel) = Model(r, "electronic_conductivity", "{model: constant, value: 1e-3 S/cm, activation_energy: 25 kJ/mol}", new()
        {
            ["constant"] = ["value", "activation_energy"],
            ["logistic"] = ["lithiated", "delithiated", "midpoint", "width", "activation_energy"],
        });
        IElectronicConductivity sigma = sModel == "constant"
            ? new ConstantElectronicConductivity(Read.Quantity(sReader, "value", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: true)!.Value)
            : new LogisticElectronicConductivity(
                Read.Quantity(sReader, "lithiated", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: true)!.Value,
                Read.Quantity(sReader, "delithiated", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: true)!.Value,
                Read.Quantity(sReader, "midpoint", QuantityKind.Number, Bounds.ClosedUnit, required: true)!.Value,
                Read.Quantity(sReader, "width", QuantityKind.Number, Bounds.Positive, required: true)!.Value);
        var sigmaArrhenius = new ArrheniusFactor(ActivationEnergy(sReader), tRef);

        return new ActiveMaterial(name, molarMass, density, ocp, diffusivity, diffusivityArrhenius, i0, i0Arrhenius, sigma, sigmaArrhenius);
    }

    /// <summary><c>ocp: {model: msmr, reactions: [{standard_potential: 3.62 V, site_fraction: 0.13, ideality: 0.97}, ...]}</c>.</summary>
    private static MsmrOcp ReadMsmr(ObjectReader r)
    {
        const string example = "a list of reactions such as [{standard_potential: 3.62 V, site_fraction: 0.134, ideality: 0.967}, ...]";
        var node = r.Get("reactions") ?? throw r.Missing("reactions", example);
        if (node is not SequenceNode seq || seq.Items.Count == 0) throw Read.Expected(node, r.Child("reactions"), example);
        var reactions = new List<MsmrReaction>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"{r.Child("reactions")}[{i}]";
            if (seq.Items[i] is not MapNode m) throw Read.Expected(seq.Items[i], path, "a reaction such as {standard_potential: 3.62 V, site_fraction: 0.134, ideality: 0.967}");
            var rr = new ObjectReader(m, path, m.Origin, "standard_potential", "site_fraction", "ideality");
            reactions.Add(new MsmrReaction(
                Read.Quantity(rr, "standard_potential", QuantityKind.Voltage, PhysicalRanges.Voltage, required: true)!.Value,
                Read.Quantity(rr, "site_fraction", QuantityKind.Number, Bounds.Positive, required: true)!.Value,
                Read.Quantity(rr, "ideality", QuantityKind.Number, Bounds.Positive, required: true)!.Value));
        }
        double temperature = Read.Quantity(r, "temperature", QuantityKind.Temperature, PhysicalRanges.Temperature, required: false) ?? DefaultReferenceTemperature;
        return new MsmrOcp(reactions, temperature);
    }

    private static SolidElectrolyte ReadElectrolyte(string name, ObjectReader r) => new(
        name,
        Read.Quantity(r, "density", QuantityKind.Density, PhysicalRanges.Density, required: true)!.Value,
        Read.Quantity(r, "ionic_conductivity", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: true)!.Value,
        new ArrheniusFactor(ActivationEnergy(r), ReferenceTemperature(r)));

    private static CounterElectrode ReadCounter(string name, ObjectReader r) => new(
        name,
        Read.Quantity(r, "potential", QuantityKind.Voltage, PhysicalRanges.Voltage, required: true)!.Value,
        Read.Quantity(r, "exchange_current_density", QuantityKind.CurrentDensity, PhysicalRanges.ExchangeCurrentDensity, required: true)!.Value,
        new ArrheniusFactor(ActivationEnergy(r), ReferenceTemperature(r)));

    /// <summary>A map selected by a discriminator key (model, law, distribution): returns its reader and the chosen variant.</summary>
    private static (ObjectReader Reader, string Variant) Model(
        ObjectReader r, string key, string example, Dictionary<string, string[]> variants, string discriminator = "model")
    {
        string path = r.Child(key);
        var map = Read.Map(r, key, $"a map such as {example}", required: true)!;
        var origin = r.KeyOrigin(key);
        string options = string.Join(", ", variants.Keys);
        var node = map.Find(discriminator)?.Value;
        if (node is null || node is ScalarNode { IsNull: true })
            throw origin.Error($"{path}.{discriminator}", $"missing required value; expected one of: {options}");
        if (node is not ScalarNode s || !variants.ContainsKey(s.Value))
        {
            string got = node is ScalarNode g ? g.Value : node.Describe();
            string? close = ObjectReader.Closest(got, variants.Keys);
            throw node.Origin.Error($"{path}.{discriminator}", close is not null
                ? $"unknown {discriminator} '{got}'; did you mean '{close}'?"
                : $"expected one of: {options}, got '{got}'");
        }
        return (new ObjectReader(map, path, origin, [discriminator, .. variants[s.Value]]), s.Value);
    }

    /// <summary>A (stoichiometry, value) table: equal lengths, at least 2 points, x in [0, 1] increasing strictly.</summary>
    private static (double[] X, double[] Y) Table(ObjectReader r, string valueKey, QuantityKind kind, Bound bound, string? unitKey, string? defaultUnit)
    {
        var (x, xNodes) = Read.List(r, "stoichiometry", QuantityKind.Number, Bounds.ClosedUnit, required: true, minCount: 2)!.Value;
        for (int i = 1; i < x.Length; i++)
            if (!(x[i] > x[i - 1]))
                throw xNodes[i].Origin.Error($"{r.Child("stoichiometry")}[{i}]", $"stoichiometries must increase strictly, got {x[i]} after {x[i - 1]}");
        var (y, _) = Read.List(r, valueKey, kind, bound, required: true, unitKey, defaultUnit)!.Value;
        if (y.Length != x.Length)
            throw r.KeyOrigin(valueKey).Error(r.Child(valueKey), $"expected {x.Length} entries, one per stoichiometry, got {y.Length}");
        return (x, y);
    }

    private static T Reference<T>(ObjectReader r, string key, Dictionary<string, Material> materials, string kind, string example)
    {
        string noun = KindNouns[kind];
        var candidates = materials.Where(m => m.Value.Kind == kind).Select(m => m.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        string list = candidates.Count == 0 ? "none defined" : string.Join(", ", candidates);
        string name = Read.Text(r, key, $"the name of {noun} in materials such as '{example}' (known: {list})", required: true)!;
        var node = r.Get(key)!;
        if (!materials.TryGetValue(name, out var material))
        {
            string? close = ObjectReader.Closest(name, candidates);
            throw node.Origin.Error(r.Child(key), close is not null
                ? $"unknown material '{name}'; did you mean '{close}'?"
                : $"unknown material '{name}'; expected the name of {noun} in materials (known: {list})");
        }
        if (material.Kind != kind)
            throw node.Origin.Error(r.Child(key), $"'{name}' is {KindNouns[material.Kind]} (defined at {material.Origin}); expected {noun} (known: {list})");
        return (T)material.Value;
    }

    // ---------------------------------------------------------------- cell

    private static CellDesign ReadCell(ObjectReader r, Dictionary<string, Material> materials)
    {
        double area;
        if (r.Has("area") && r.Has("die_diameter"))
            throw r.KeyOrigin("die_diameter").Error(r.Child("die_diameter"), "give either area or die_diameter, not both");
        if (r.Has("die_diameter"))
        {
            double d = Read.Quantity(r, "die_diameter", QuantityKind.Length, PhysicalRanges.DieDiameter, required: true)!.Value;
            area = Math.PI * d * d / 4.0;
        }
        else if (r.Has("area"))
        {
            area = Read.Quantity(r, "area", QuantityKind.Area, PhysicalRanges.Area, required: true)!.Value;
        }
        else
        {
            throw r.Missing("area", "an area such as '0.785 cm^2', or a die_diameter such as '10 mm'");
        }
        double nominal = Read.Quantity(r, "nominal_specific_capacity", QuantityKind.SpecificCharge, NominalSpecificCapacity, required: true)!.Value;

        var cathodeMap = Read.Map(r, "cathode", "the cathode composite recipe", required: true)!;
        var c = new ObjectReader(cathodeMap, r.Child("cathode"), r.KeyOrigin("cathode"),
            "active_material", "electrolyte", "mass", "active_mass_fraction", "void_fraction", "contact_coverage",
            "initial_stoichiometry", "film_resistance", "particle_size", "ionic_transport", "electronic_transport", "electrolyte_particle_size", "electrolyte_contacts");
        var active = Reference<ActiveMaterial>(c, "active_material", materials, "active", "NCM90");
        var cathodeElectrolyte = Reference<SolidElectrolyte>(c, "electrolyte", materials, "electrolyte", "Li3InCl6");
        double mass = Read.Quantity(c, "mass", QuantityKind.Mass, PhysicalRanges.Mass, required: true)!.Value;
        double fraction = Read.Quantity(c, "active_mass_fraction", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double voids = Read.Quantity(c, "void_fraction", QuantityKind.Number, Bounds.BelowOne, required: true)!.Value;
        double coverage = Read.Quantity(c, "contact_coverage", QuantityKind.Number, Bounds.UpToOne, required: true)!.Value;
        double x0 = Read.Quantity(c, "initial_stoichiometry", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        double film = Read.Quantity(c, "film_resistance", QuantityKind.AreaResistance, PhysicalRanges.AreaResistance, required: true)!.Value;
        var sizes = ReadParticleSizes(c);
        double? electrolyteSize = Read.Quantity(c, "electrolyte_particle_size", QuantityKind.Length, PhysicalRanges.ParticleSize, required: false);
        // The Sauter (surface-volume) diameter: it sets the contact statistics of a polydisperse powder.
        var composite = new CompositeContext(1 - voids, 2 * sizes.Discretise(1).Radii[0], electrolyteSize, sizes);
        var ionic = ReadTransportLaw(c, "ionic_transport", composite);
        var electronic = ReadTransportLaw(c, "electronic_transport", composite);
        var contacts = ReadElectrolyteContacts(c, composite);
        var recipe = new CathodeRecipe(mass, fraction, voids, sizes, coverage, ionic, electronic, contacts);

        var separatorMap = Read.Map(r, "separator", "a map such as {electrolyte: Li6PS5Cl, mass: 80 mg, relative_density: 0.87}", required: true)!;
        var s = new ObjectReader(separatorMap, r.Child("separator"), r.KeyOrigin("separator"), "electrolyte", "mass", "relative_density", "conductivity");
        var separatorElectrolyte = Reference<SolidElectrolyte>(s, "electrolyte", materials, "electrolyte", "Li6PS5Cl");
        var separator = new SeparatorRecipe(
            Read.Quantity(s, "mass", QuantityKind.Mass, PhysicalRanges.Mass, required: true)!.Value,
            Read.Quantity(s, "relative_density", QuantityKind.Number, Bounds.UpToOne, required: true)!.Value,
            Read.Quantity(s, "conductivity", QuantityKind.Conductivity, PhysicalRanges.Conductivity, required: false));

        var counter = Reference<CounterElectrode>(r, "counter_electrode", materials, "counter_electrode", "Li-In");
        double junction = Read.Quantity(r, "junction_resistance", QuantityKind.AreaResistance, PhysicalRanges.AreaResistance, required: false) ?? 0.0;
        var degradation = ReadDegradation(r);

        return new CellDesign(area, active, cathodeElectrolyte, separatorElectrolyte, counter, recipe, separator, film, junction, x0, nominal, degradation,
            ReadThermal(r), ReadImpedance(r));
    }

    /// <summary>
    /// <c>cell.degradation</c>: absent (or unset) means no ageing; each of <c>interphase</c> and <c>contact</c> is optional.
    /// </summary>
    private static DegradationModel? ReadDegradation(ObjectReader cell)
    {
        var map = Read.Map(cell, "degradation", "a map of ageing laws such as {interphase: {...}, contact: {...}}", required: false);
        if (map is null) return null;
        var r = new ObjectReader(map, cell.Child("degradation"), cell.KeyOrigin("degradation"), "interphase", "contact");

        InterphaseGrowth? interphase = null;
        if (Read.Map(r, "interphase", "a map such as {onset_potential: 4.1 V, reference_potential: 4.6 V, reference_resistance: 4.4 ohm cm^2, reference_time: 1 h, potential_scale: 0.1 V, activation_energy: 50 kJ/mol}", required: false) is { } im)
        {
            var i = new ObjectReader(im, r.Child("interphase"), r.KeyOrigin("interphase"), "onset_potential", "reference_potential",
                "reference_resistance", "reference_time", "potential_scale", "activation_energy", "reference_temperature");
            double onset = Read.Quantity(i, "onset_potential", QuantityKind.Voltage, Bounds.Positive, required: true)!.Value;
            double reference = Read.Quantity(i, "reference_potential", QuantityKind.Voltage, Bounds.Positive, required: true)!.Value;
            if (!(reference > onset))
                throw i.Get("reference_potential")!.Origin.Error(i.Child("reference_potential"),
                    $"must be above onset_potential ({onset.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} V), the film grows only above the onset");
            double resistance = Read.Quantity(i, "reference_resistance", QuantityKind.AreaResistance, Bounds.Positive, required: true)!.Value;
            double time = Read.Quantity(i, "reference_time", QuantityKind.Time, Bounds.Positive, required: true)!.Value;
            double scale = Read.Quantity(i, "potential_scale", QuantityKind.Voltage, Bounds.Positive, required: true)!.Value;
            var arrhenius = new ArrheniusFactor(ActivationEnergy(i), ReferenceTemperature(i));
            // Parabolic law from a bare interface: R = K_ref sqrt(t), so K_ref = R(t_ref) / sqrt(t_ref).
            interphase = new InterphaseGrowth(onset, reference, resistance / Math.Sqrt(time), scale, arrhenius);
        }

        ContactLoss? contact = null;
        if (Read.Map(r, "contact", "a map such as {max_strain: 0.05, strain_midpoint: 0.3, strain_width: 0.05, reversible_fraction: 0.3, ...}", required: false) is { } cm)
        {
            var c = new ObjectReader(cm, r.Child("contact"), r.KeyOrigin("contact"), "max_strain", "strain_midpoint", "strain_width",
                "reversible_fraction", "irreversible_rate", "cushion_fraction", "cushion_width", "reference_radius", "compliance");
            contact = new ContactLoss(
                Read.Quantity(c, "max_strain", QuantityKind.Number, Strain, required: true)!.Value,
                Read.Quantity(c, "strain_midpoint", QuantityKind.Number, Bounds.ClosedUnit, required: true)!.Value,
                Read.Quantity(c, "strain_width", QuantityKind.Number, Bounds.Positive, required: true)!.Value,
                Read.Quantity(c, "reversible_fraction", QuantityKind.Number, Bounds.ClosedUnit, required: true)!.Value,
                Read.Quantity(c, "irreversible_rate", QuantityKind.Number, Bounds.NonNegative, required: true)!.Value,
                Read.Quantity(c, "cushion_fraction", QuantityKind.Number, Bounds.ClosedUnit, required: true)!.Value,
                Read.Quantity(c, "cushion_width", QuantityKind.Number, Bounds.Positive, required: true)!.Value,
                Read.Quantity(c, "reference_radius", QuantityKind.Length, PhysicalRanges.ParticleSize, required: true)!.Value,
                Read.Quantity(c, "compliance", QuantityKind.Number, Bounds.Positive, required: true)!.Value);
        }
        return new DegradationModel(interphase, contact);
    }

    /// <summary><c>cell.impedance</c>: capacitances of the small-signal response; absent means the documented defaults.</summary>
    private static ImpedanceParameters? ReadImpedance(ObjectReader cell)
    {
        var map = Read.Map(cell, "impedance", "a map such as {cathode_double_layer: 20 uF/cm^2, counter_double_layer: 20 uF/cm^2, separator_permittivity: 30}", required: false);
        if (map is null) return null;
        var r = new ObjectReader(map, cell.Child("impedance"), cell.KeyOrigin("impedance"), "cathode_double_layer", "counter_double_layer", "separator_permittivity");
        var defaults = new ImpedanceParameters();
        return new ImpedanceParameters(
            Read.Quantity(r, "cathode_double_layer", QuantityKind.AreaCapacitance, Bounds.Positive, required: false) ?? defaults.CathodeDoubleLayer,
            Read.Quantity(r, "counter_double_layer", QuantityKind.AreaCapacitance, Bounds.Positive, required: false) ?? defaults.CounterDoubleLayer,
            Read.Quantity(r, "separator_permittivity", QuantityKind.Number, Bounds.Positive, required: false) ?? defaults.SeparatorPermittivity);
    }

    /// <summary><c>cell.thermal</c>: absent means isothermal at the thermostat temperature.</summary>
    private static LumpedThermalModel? ReadThermal(ObjectReader cell)
    {
        var map = Read.Map(cell, "thermal", "a map such as {heat_capacity: 5 J/K, heat_transfer: 0.05 W/K}", required: false);
        if (map is null) return null;
        var r = new ObjectReader(map, cell.Child("thermal"), cell.KeyOrigin("thermal"), "heat_capacity", "heat_transfer");
        return new LumpedThermalModel(
            Read.Quantity(r, "heat_capacity", QuantityKind.HeatCapacity, Bounds.Positive, required: true)!.Value,
            Read.Quantity(r, "heat_transfer", QuantityKind.HeatTransfer, Bounds.NonNegative, required: true)!.Value);
    }

    /// <summary>A nominal specific capacity within <see cref="ConfigLimits.MinNominalSpecificCapacity"/> to <see cref="ConfigLimits.MaxNominalSpecificCapacity"/> mAh/g (SI: C/kg = 3600 x mAh/g).</summary>
    private static readonly Bound NominalSpecificCapacity = v => v >= ConfigLimits.MinNominalSpecificCapacity * 3600 && v <= ConfigLimits.MaxNominalSpecificCapacity * 3600
        ? null
        : $"must be between {ConfigLimits.MinNominalSpecificCapacity:0} and {ConfigLimits.MaxNominalSpecificCapacity:N0} mAh/g (lithium metal, the highest of any electrode, holds 3,860 mAh/g; oxide cathodes 100 to 300), " +
          "a limit of CathodeSim (ConfigLimits) because the 1C current follows from it and a C-rate step would otherwise never end; check the unit";

    /// <summary>A volume strain: above 0 and below 0.5 (50 %).</summary>
    private static readonly Bound Strain = v => v > 0 && v < 0.5 ? null : "must be above 0 and below 0.5 (a volume strain such as 0.05 or 5 %)";

    /// <summary>A capacity retention: above 0 and at most 1.</summary>
    private static readonly Bound Retention = v => v > 0 && v <= 1 ? null : "must be above 0 and at most 1 (a fraction of the first discharge such as 0.8 or 80 %)";

    private static ParticleSizeDistribution ReadParticleSizes(ObjectReader c)
    {
        var (r, kind) = Model(c, "particle_size", "{distribution: lognormal, d50: 3 um, geometric_std: 1.5}", new()
        {
            ["lognormal"] = ["d50", "geometric_std"],
            ["histogram"] = ["diameters", "unit", "volume_fractions"],
        }, discriminator: "distribution");
        if (kind == "lognormal")
            return new LognormalSizeDistribution(
                Read.Quantity(r, "d50", QuantityKind.Length, PhysicalRanges.ParticleSize, required: true)!.Value,
                Read.Quantity(r, "geometric_std", QuantityKind.Number, PhysicalRanges.GeometricStd, required: true)!.Value);

        var (d, dNodes) = Read.List(r, "diameters", QuantityKind.Length, PhysicalRanges.ParticleSize, required: true, unitKey: "unit")!.Value;
        for (int i = 1; i < d.Length; i++)
            if (!(d[i] > d[i - 1]))
                throw dNodes[i].Origin.Error($"{r.Child("diameters")}[{i}]", "diameters must increase strictly");
        var (v, _) = Read.List(r, "volume_fractions", QuantityKind.Number, Bounds.NonNegative, required: true)!.Value;
        if (v.Length != d.Length)
            throw r.KeyOrigin("volume_fractions").Error(r.Child("volume_fractions"), $"expected {d.Length} entries, one per diameter, got {v.Length}");
        if (!(v.Sum() > 0))
            throw r.KeyOrigin("volume_fractions").Error(r.Child("volume_fractions"), "the volume fractions must not all be zero");
        return new HistogramSizeDistribution(d, v);
    }

    /// <summary>
    /// <c>cell.cathode.electrolyte_contacts: {coordination_number: german2014 | number}</c>: which NCM particles touch the
    /// spanning electrolyte (<see cref="ElectrolyteContactStatistics"/>); absent means every one does.
    /// </summary>
    private static ElectrolyteContactStatistics? ReadElectrolyteContacts(ObjectReader c, CompositeContext composite)
    {
        var map = Read.Map(c, "electrolyte_contacts", "a map such as {coordination_number: german2014, source: \"...\"}", required: false);
        if (map is null) return null;
        var r = new ObjectReader(map, c.Child("electrolyte_contacts"), c.KeyOrigin("electrolyte_contacts"), "coordination_number");
        if (composite.ElectrolyteDiameter is not { } electrolyte)
            throw c.KeyOrigin("electrolyte_contacts").Error(c.Child("electrolyte_contacts"),
                "the contact statistics need the electrolyte particle size; set cell.cathode.electrolyte_particle_size (e.g. 3 um)");
        double coordination = r.Get("coordination_number") is ScalarNode { Value: "german2014" }
            ? ElectrolyteContactStatistics.PressedPowderCoordination(composite.SolidFraction)
            : Read.Quantity(r, "coordination_number", QuantityKind.Number, Bounds.Positive, required: true)!.Value;
        return new ElectrolyteContactStatistics(coordination, electrolyte / 2);
    }

    /// <summary>What a transport law needs to know of the composite to turn thresholds of the solids into ones of the whole volume.</summary>
    private sealed record CompositeContext(double SolidFraction, double ActiveDiameter, double? ElectrolyteDiameter, ParticleSizeDistribution ActiveSizes);

    private static IEffectiveTransportLaw ReadTransportLaw(ObjectReader c, string key, CompositeContext composite)
    {
        var (r, law) = Model(c, key, "{law: percolation, threshold_of_solids: 0.18, exponent: 2.0, cluster_exponent: 0.41}", new()
        {
            ["bruggeman"] = ["exponent"],
            ["percolation"] = ["threshold", "threshold_of_solids", "exponent", "floor", "cluster_exponent", "connected_width"],
            ["tortuosity"] = ["factor"],
            ["microstructure"] = ["generator", "box", "voxel_size", "seeds", "composition_from", "composition_to", "composition_points"],
        }, discriminator: "law");
        return law switch
        {
            "bruggeman" => new BruggemanLaw(Read.Quantity(r, "exponent", QuantityKind.Number, Bounds.Positive, required: false) ?? 1.5),
            "percolation" => ReadPercolation(r, composite),
            "microstructure" => new UnresolvedMicrostructureLaw(ReadMicrostructureSettings(r, composite),
                key == "ionic_transport" ? TransportPhase.Ionic : TransportPhase.Electronic),
            _ => new TortuosityFactorLaw(Read.Quantity(r, "factor", QuantityKind.Number, Bounds.AtLeastOne, required: true)!.Value),
        };
    }

    /// <summary>
    /// <c>{law: microstructure, ...}</c>: the law is tabulated from computed 3D structures along the recipe's composition
    /// line (the workflow computes them; here only the settings are read). Every key is optional; the defaults and their
    /// sources are <see cref="MicrostructureTransportSettings"/>'s constants. The electrolyte's particle size comes from
    /// <c>cell.cathode.electrolyte_particle_size</c>, which is then required.
    /// </summary>
    private static MicrostructureTransportSettings ReadMicrostructureSettings(ObjectReader r, CompositeContext composite)
    {
        if (composite.ElectrolyteDiameter is not { } electrolyte)
            throw r.KeyOrigin("law").Error(r.Child("law"),
                "law: microstructure builds structures from both powders; set cell.cathode.electrolyte_particle_size (e.g. 3 um)");
        var generator = MicrostructureTransportSettings.DefaultGenerator;
        if (Read.Text(r, "generator", "packed or boolean", required: false) is { } g)
        {
            generator = g switch
            {
                "packed" => StructureGenerator.Packed,
                "boolean" => StructureGenerator.Boolean,
                _ => throw r.KeyOrigin("generator").Error(r.Child("generator"), $"expected packed or boolean, got '{g}'"),
            };
        }
        double box = Read.Quantity(r, "box", QuantityKind.Length, Bounds.Positive, required: false) ?? MicrostructureTransportSettings.DefaultBoxEdge;
        double voxel = Read.Quantity(r, "voxel_size", QuantityKind.Length, Bounds.Positive, required: false) ?? MicrostructureTransportSettings.DefaultVoxelSize;
        if (!(voxel * 4 <= box))
            throw r.KeyOrigin("voxel_size").Error(r.Child("voxel_size"), $"expected at most a quarter of the box edge ({box * 1e6:G4} um) so that the box has at least 4 voxels across, got {voxel * 1e6:G4} um");
        // Bounded before any structure is built: each is cubic, (box / voxel)^3 voxels holding the solids' particles.
        double voxels = Math.Pow(Math.Round(box / voxel), 3);
        if (voxels > MicrostructureLimits.MaxVoxels)
            throw r.KeyOrigin("voxel_size").Error(r.Child("voxel_size"),
                $"a {box * 1e6:G4} um box of {voxel * 1e6:G4} um voxels has {voxels:G3} voxels; at most {MicrostructureLimits.MaxVoxels:N0} (512^3), a limit of CathodeSim " +
                "(MicrostructureLimits.MaxVoxels: about 17 GB at 130 bytes per voxel); use larger voxels or a smaller box");
        // The packing generator's own limit (a box of at least 6 largest radii), found here rather than after the first structures.
        double largestRadius = Math.Max(composite.ActiveSizes.Discretise(MicrostructureSetup.SizeClasses).Radii.Max(), electrolyte / 2);
        if (generator == StructureGenerator.Packed && box < 6 * largestRadius)
            throw r.KeyOrigin("box").Error(r.Child("box"),
                $"the packed generator needs a box edge of at least 6 times the largest particle radius ({largestRadius * 1e6:G3} um, from the size distributions): at least {6 * largestRadius * 1e6:G3} um, got {box * 1e6:G4} um");
        double volume = Math.Pow(box, 3);
        double particles = Math.Max(
            MicrostructureLimits.ParticleCount(composite.ActiveSizes, MicrostructureSetup.SizeClasses, composite.SolidFraction * volume),
            MicrostructureLimits.ParticleCount(new LognormalSizeDistribution(electrolyte, 1.0), MicrostructureSetup.SizeClasses, composite.SolidFraction * volume));
        if (particles > MicrostructureLimits.MaxParticles)
            throw r.KeyOrigin("box").Error(r.Child("box"),
                $"about {particles:G3} particles would fill a {box * 1e6:G4} um box; at most {MicrostructureLimits.MaxParticles:N0}, a limit of CathodeSim " +
                "(MicrostructureLimits.MaxParticles: the packing moves every particle on every sweep); use a smaller box or check the particle sizes");
        int seeds = Read.Integer(r, "seeds", 1, "3", required: false, MicrostructureLimits.MaxSeeds,
            $"a limit of CathodeSim, MicrostructureLimits.MaxSeeds: each seed is a structure and two solves per composition; the default is {MicrostructureTransportSettings.DefaultSeeds}") ?? MicrostructureTransportSettings.DefaultSeeds;
        double from = Read.Quantity(r, "composition_from", QuantityKind.Number, Bounds.OpenUnit, required: false) ?? MicrostructureTransportSettings.DefaultCompositionFrom;
        double to = Read.Quantity(r, "composition_to", QuantityKind.Number, Bounds.OpenUnit, required: false) ?? MicrostructureTransportSettings.DefaultCompositionTo;
        if (!(to > from))
            throw r.KeyOrigin("composition_to").Error(r.Child("composition_to"), $"expected an NCM share of the solids above composition_from ({from}), got {to}");
        int points = Read.Integer(r, "composition_points", 2, "9", required: false, MicrostructureLimits.MaxCompositionPoints,
            $"a limit of CathodeSim, MicrostructureLimits.MaxCompositionPoints: each point is a set of structures; the default is {MicrostructureTransportSettings.DefaultCompositionPoints}") ?? MicrostructureTransportSettings.DefaultCompositionPoints;
        return new MicrostructureTransportSettings(generator, box, voxel, seeds, from, to, points, electrolyte);
    }

    /// <summary>
    /// <c>{law: percolation, ...}</c>: the threshold as a fraction of the whole volume (<c>threshold</c>) or of the solids
    /// (<c>threshold_of_solids</c>: a number, or <c>bielefeld2019</c> for the NCM network from the particle sizes).
    /// </summary>
    private static PercolationLaw ReadPercolation(ObjectReader r, CompositeContext composite)
    {
        double solids = composite.SolidFraction;
        double threshold;
        if (r.Has("threshold") && r.Has("threshold_of_solids"))
            throw r.KeyOrigin("threshold_of_solids").Error(r.Child("threshold_of_solids"), "give either threshold (of the whole volume) or threshold_of_solids, not both");
        if (r.Get("threshold_of_solids") is ScalarNode { Value: "bielefeld2019" } named)
        {
            if (composite.ElectrolyteDiameter is not { } electrolyte)
                throw named.Origin.Error(r.Child("threshold_of_solids"),
                    "bielefeld2019 computes the NCM network's threshold from the particle sizes; set cell.cathode.electrolyte_particle_size (e.g. 3 um)");
            threshold = solids * ActiveNetworkThreshold.OfSolids(composite.ActiveDiameter, electrolyte);
        }
        else if (r.Has("threshold_of_solids"))
        {
            threshold = solids * Read.Quantity(r, "threshold_of_solids", QuantityKind.Number, Bounds.OpenUnit, required: true)!.Value;
        }
        else
        {
            threshold = Read.Quantity(r, "threshold", QuantityKind.Number, Bounds.BelowOne, required: true)!.Value;
        }
        return new PercolationLaw(
            threshold,
            Read.Quantity(r, "exponent", QuantityKind.Number, Bounds.Positive, required: false) ?? 2.0,
            Read.Quantity(r, "floor", QuantityKind.Number, Bounds.OpenUnit, required: false) ?? 1e-4,
            Read.Quantity(r, "cluster_exponent", QuantityKind.Number, Bounds.NonNegative, required: false) ?? 0.0,
            solids * (Read.Quantity(r, "connected_width", QuantityKind.Number, Bounds.OpenUnit, required: false) ?? 0.11));
    }

    // ---------------------------------------------------------------- protocol, numerics, output

    /// <summary>A protocol (step sentences, {step, temperature} items, repeat blocks) under <paramref name="key"/> of <paramref name="r"/>.</summary>
    /// <remarks>
    /// The protocol is bounded before anything runs: at most <see cref="ConfigLimits.MaxProtocolSteps"/> steps once repeats
    /// are unrolled, no step longer than <see cref="ConfigLimits.MaxStepDuration"/> or needing more than
    /// <see cref="ConfigLimits.MaxTimeStepsPerStep"/> solver steps at <paramref name="maxStep"/> (null: the default
    /// numerics.max_step), no open-ended current step or hold end current below <see cref="ConfigLimits.MinCRate"/>, no
    /// current above <see cref="ConfigLimits.MaxCRate"/>, and no voltage outside <see cref="PhysicalRanges.Voltage"/>.
    /// Currents in mA or mA/cm^2 are compared as the C-rates they are for <paramref name="cell"/> (null, as for a
    /// calibration's protocol read before its cell: only C-rates are compared).
    /// </remarks>
    internal static IReadOnlyList<ProtocolStep> ReadProtocol(ObjectReader r, string key = "protocol", double? maxStep = null, CellDesign? cell = null)
    {
        const string expectation = "a list of steps such as ['Charge at 0.1C until 3.7 V', 'Discharge at 0.1C until 2.1 V']";
        string path = r.Child(key);
        var node = r.Get(key) ?? throw r.Missing(key, expectation);
        if (node is not SequenceNode seq) throw Read.Expected(node, path, expectation);
        if (seq.Items.Count == 0) throw node.Origin.Error(path, $"empty protocol; expected {expectation}");
        var steps = ReadSteps(seq, path, maxStep ?? new NumericsOptions().MaxStep, cell);
        long unrolled = Unrolled(steps);
        if (unrolled > ConfigLimits.MaxProtocolSteps)
            throw node.Origin.Error(path, TooManySteps(unrolled));
        return steps;
    }

    /// <summary>Steps the protocol unrolls to (as the simulator plans them), saturating just above the limit so that no product overflows.</summary>
    private static long Unrolled(IReadOnlyList<ProtocolStep> steps)
    {
        long total = 0;
        foreach (var step in steps)
        {
            double n = step is RepeatStep repeat ? (double)repeat.Count * Unrolled(repeat.Steps) : 1;
            total = (long)Math.Min(total + n, ConfigLimits.MaxProtocolSteps + 1);
        }
        return total;
    }

    private static string TooManySteps(long unrolled) =>
        $"the protocol unrolls to {(unrolled > ConfigLimits.MaxProtocolSteps ? "more than " : "")}{Math.Min(unrolled, ConfigLimits.MaxProtocolSteps):N0} steps " +
        $"(repeat counts multiplied out); at most {ConfigLimits.MaxProtocolSteps:N0}, a limit of CathodeSim (ConfigLimits.MaxProtocolSteps) because every step is planned in memory before the run; " +
        "lower the repeat count or split the study into several runs";

    /// <summary>Refuses a step whose time span would run away, or whose current or voltage is absurd: see <see cref="ReadProtocol"/>.</summary>
    private static void CheckStep(ProtocolStep step, ConfigNode node, string path, double maxStep, CellDesign? cell)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        double? voltage = step switch
        {
            CurrentStep c => c.CutoffVoltage,
            VoltageHoldStep h => h.Voltage,
            _ => null,
        };
        if (voltage is { } v && PhysicalRanges.Voltage(v) is { } badVoltage)
            throw node.Origin.Error(path, $"the step's voltage ({v.ToString("G4", inv)} V) {badVoltage}");
        if (step is CurrentStep { Current: var current } && CRate(current, cell) is { } fast && fast > ConfigLimits.MaxCRate)
            throw node.Origin.Error(path,
                $"{DescribeCurrent(current, fast, cell)}; at most {ConfigLimits.MaxCRate:N0}C (a full charge in 3.6 s), a limit of CathodeSim (ConfigLimits.MaxCRate); check the unit");
        double? duration = step switch
        {
            CurrentStep c => c.Duration,
            VoltageHoldStep h => h.Duration,
            RestStep rest => rest.Duration,
            _ => null,
        };
        if (duration is { } d)
        {
            if (d > ConfigLimits.MaxStepDuration)
                throw node.Origin.Error(path,
                    $"the step lasts {(d / 3600).ToString("G4", inv)} h; at most {ConfigLimits.MaxStepDuration / 3600:N0} h (about 14 months), a limit of CathodeSim (ConfigLimits.MaxStepDuration); check the unit, or write a longer rest as several steps");
            double timeSteps = d / maxStep;
            if (timeSteps > ConfigLimits.MaxTimeStepsPerStep)
                throw node.Origin.Error(path,
                    $"the step needs at least {timeSteps.ToString("G3", inv)} solver steps at numerics.max_step = {maxStep.ToString("G4", inv)} s; at most {ConfigLimits.MaxTimeStepsPerStep:N0} per step " +
                    "(a limit of CathodeSim, ConfigLimits.MaxTimeStepsPerStep); raise numerics.max_step or shorten the step");
        }
        else if (step is CurrentStep { Current: var setpoint } && CRate(setpoint, cell) is { } rate && rate < ConfigLimits.MinCRate)
        {
            throw node.Origin.Error(path,
                $"{DescribeCurrent(setpoint, rate, cell)} would take {(1 / rate).ToString("G3", inv)} h for a full charge; at least {ConfigLimits.MinCRate.ToString(inv)}C (C/10,000) " +
                "unless the step has a time limit ('for ...'), a limit of CathodeSim (ConfigLimits.MinCRate); check the rate");
        }
        else if (step is VoltageHoldStep { CurrentLimit: { } limit } && CRate(limit, cell) is { } end && end < ConfigLimits.MinCRate)
        {
            // The hold ends only when the current decays below the limit: below C/10,000 it may never (numerical noise).
            throw node.Origin.Error(path,
                $"the hold ends when the current falls below {DescribeCurrent(limit, end, cell)}; at least {ConfigLimits.MinCRate.ToString(inv)}C (C/10,000) " +
                "unless the hold has a time limit ('for ...'), a limit of CathodeSim (ConfigLimits.MinCRate); check the current");
        }
    }

    /// <summary>The C-rate a current is for <paramref name="cell"/>; null when it is not a C-rate and no cell is known.</summary>
    private static double? CRate(CurrentSetpoint current, CellDesign? cell) => current switch
    {
        CRateSetpoint c => c.CRate,
        _ when cell is not null => current.Amperes(cell.OneCCurrent, cell.Area) / cell.OneCCurrent,
        _ => null,
    };

    /// <summary>"a C-rate of 1e-09C" or "a current of 1e-30 mA, 1.4e-30C for this cell (1C = 0.715 mA from cell.cathode.mass, ...)".</summary>
    private static string DescribeCurrent(CurrentSetpoint current, double rate, CellDesign? cell)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string given = current switch
        {
            CRateSetpoint => $"a C-rate of {rate.ToString("G3", inv)}C",
            AbsoluteCurrentSetpoint a => $"a current of {(a.Current * 1e3).ToString("G3", inv)} mA",
            CurrentDensitySetpoint d => $"a current density of {(d.CurrentDensity * 0.1).ToString("G3", inv)} mA/cm^2",
            _ => "a current",
        };
        return current is CRateSetpoint || cell is null
            ? given
            : $"{given}, {rate.ToString("G3", inv)}C for this cell (1C = {(cell.OneCCurrent * 1e3).ToString("G4", inv)} mA from cell.cathode.mass x active_mass_fraction x nominal_specific_capacity)";
    }

    private static List<ProtocolStep> ReadSteps(SequenceNode seq, string path, double maxStep, CellDesign? cell)
    {
        var steps = new List<ProtocolStep>(seq.Items.Count);
        for (int i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            string itemPath = $"{path}[{i}]";
            switch (item)
            {
                case ScalarNode s:
                    try
                    {
                        steps.Add(StepTextParser.Parse(s.Value));
                    }
                    catch (StepParseException e)
                    {
                        throw item.Origin.Error(itemPath, e.Message);
                    }
                    CheckStep(steps[^1], item, itemPath, maxStep, cell);
                    break;
                case MapNode m when m.Find("repeat") is not null:
                {
                    var rr = new ObjectReader(m, itemPath, item.Origin, "repeat", "until_retention", "steps");
                    int count = Read.Integer(rr, "repeat", 1, "3", required: true)!.Value;
                    double? retention = Read.Quantity(rr, "until_retention", QuantityKind.Number, Retention, required: false);
                    var inner = rr.Get("steps") ?? throw rr.Missing("steps", "a list of steps to repeat");
                    if (inner is not SequenceNode innerSeq || innerSeq.Items.Count == 0)
                        throw Read.Expected(inner, rr.Child("steps"), "a non-empty list of steps to repeat");
                    string description = retention is { } limit
                        ? $"Repeat {count} times or until {(limit * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} % retention"
                        : $"Repeat {count} times";
                    var repeated = ReadSteps(innerSeq, rr.Child("steps"), maxStep, cell);
                    // Checked here, innermost first, so that the message names the repeat that overflows.
                    double unrolled = (double)count * Unrolled(repeated);
                    if (unrolled > ConfigLimits.MaxProtocolSteps)
                        throw rr.KeyOrigin("repeat").Error(rr.Child("repeat"), TooManySteps((long)Math.Min(unrolled, ConfigLimits.MaxProtocolSteps + 1)));
                    steps.Add(new RepeatStep(description, count, repeated, retention));
                    break;
                }
                case MapNode m:
                    steps.Add(ReadStepMap(m, itemPath));
                    CheckStep(steps[^1], item, itemPath, maxStep, cell);
                    break;
                default:
                    throw Read.Expected(item, itemPath, "a step such as 'Charge at 0.1C until 3.7 V', {step: 'Discharge at 0.1C until 2.1 V', temperature: 0 degC} or {repeat: 3, steps: [...]}");
            }
        }
        return steps;
    }

    /// <summary>A step with settings of its own: <c>{step: "Discharge at 0.1C until 2.1 V", temperature: 0 degC}</c>.</summary>
    private static ProtocolStep ReadStepMap(MapNode m, string path)
    {
        // Keys of both map forms, so that a misspelt key is matched against all of them.
        var r = new ObjectReader(m, path, m.Origin, "step", "temperature", "repeat", "until_retention", "steps");
        const string expectation = "a step sentence such as 'Discharge at 0.1C until 2.1 V' (or 'repeat: N' with 'steps' for a repeat block)";
        foreach (string key in new[] { "until_retention", "steps" })
            if (r.Has(key))
                throw r.KeyOrigin(key).Error(r.Child(key), "only a repeat block takes this key; add 'repeat: N' or remove it");
        if (!r.Has("step")) throw r.Missing("step", expectation);
        string text = Read.Text(r, "step", expectation, required: true)!;
        var node = r.Get("step")!;
        ProtocolStep step;
        try
        {
            step = StepTextParser.Parse(text);
        }
        catch (StepParseException e)
        {
            throw node.Origin.Error(r.Child("step"), e.Message);
        }
        if (Read.Quantity(r, "temperature", QuantityKind.Temperature, PhysicalRanges.Temperature, required: false) is { } temperature)
        {
            string celsius = (temperature - 273.15).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            step = step with { Temperature = temperature, Description = $"{step.Description} (at {celsius} degC)" };
        }
        return step;
    }

    private static NumericsOptions ReadNumerics(ObjectReader root)
    {
        var defaults = new NumericsOptions();
        var map = Read.Map(root, "numerics", "a map of solver settings such as {cathode_nodes: 20, size_bins: 5}", required: false);
        if (map is null) return defaults;
        var r = new ObjectReader(map, "numerics", root.KeyOrigin("numerics"), "cathode_nodes", "radial_shells", "size_bins",
            "relative_tolerance", "absolute_tolerance", "max_step", "initial_step", "voltage_event_tolerance", "overpotential_limit");
        const string gridWhy = "a limit of CathodeSim, ConfigLimits.MaxGridNodes; the default is 20";
        int nodes = Read.Integer(r, "cathode_nodes", 3, "20", required: false, ConfigLimits.MaxGridNodes, gridWhy) ?? defaults.CathodeNodes;
        int shells = Read.Integer(r, "radial_shells", 3, "20", required: false, ConfigLimits.MaxGridNodes, gridWhy) ?? defaults.RadialShells;
        int bins = Read.Integer(r, "size_bins", 1, "5", required: false, ConfigLimits.MaxSizeBins, "a limit of CathodeSim, ConfigLimits.MaxSizeBins; the default is 5") ?? defaults.SizeBins;
        long unknowns = (long)nodes * shells * bins;
        if (unknowns > ConfigLimits.MaxParticleUnknowns)
            throw root.KeyOrigin("numerics").Error("numerics",
                $"cathode_nodes x radial_shells x size_bins = {nodes} x {shells} x {bins} = {unknowns:N0} particle unknowns; at most {ConfigLimits.MaxParticleUnknowns:N0} " +
                "(a limit of CathodeSim, ConfigLimits.MaxParticleUnknowns; the default grid has 2,000); coarsen one of them");
        return new NumericsOptions(
            nodes,
            shells,
            bins,
            Read.Quantity(r, "relative_tolerance", QuantityKind.Number, Bounds.OpenUnit, required: false) ?? defaults.RelativeTolerance,
            Read.Quantity(r, "absolute_tolerance", QuantityKind.Number, Bounds.OpenUnit, required: false) ?? defaults.AbsoluteTolerance,
            Read.Quantity(r, "max_step", QuantityKind.Time, Bounds.Positive, required: false) ?? defaults.MaxStep,
            Read.Quantity(r, "initial_step", QuantityKind.Time, Bounds.Positive, required: false) ?? defaults.InitialStep,
            Read.Quantity(r, "voltage_event_tolerance", QuantityKind.Voltage, Bounds.Positive, required: false) ?? defaults.VoltageEventTolerance,
            Read.Quantity(r, "overpotential_limit", QuantityKind.Voltage, Bounds.Positive, required: false) ?? defaults.OverpotentialLimit);
    }

    private static (string? Directory, IReadOnlyList<double> ProfileTimes) ReadOutput(ObjectReader root)
    {
        var map = Read.Map(root, "output", "a map such as {directory: out, profile_times: [1 h, 5 h]}", required: false);
        if (map is null) return (null, []);
        var r = new ObjectReader(map, "output", root.KeyOrigin("output"), "directory", "profile_times");
        string? directory = Read.Text(r, "directory", "a folder name such as 'out'", required: false);
        var times = Read.List(r, "profile_times", QuantityKind.Time, Bounds.NonNegative, required: false, minCount: 0);
        var sorted = times?.Values.Distinct().OrderBy(t => t).ToArray() ?? [];
        return (directory, sorted);
    }
}
