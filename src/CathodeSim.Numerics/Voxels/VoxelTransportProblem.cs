namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The discrete steady conduction problem on a voxel grid, set up once and shared by every back end: the grid seen along
/// the transport direction (that axis becomes "z"), the spanning conducting clusters as unknowns, their face
/// conductances, the Dirichlet (1 V inlet, 0 V outlet) couplings and the right-hand side.
/// </summary>
/// <remarks>
/// <para>Finite volumes on the voxels: between two face-adjacent voxels of conductivities s1, s2 the conductance is the
/// harmonic mean 2 s1 s2 / (s1 + s2) times h (area h^2 over distance h), zero when either is an insulator. The Dirichlet
/// faces lie half a voxel outside the first and last layer, so a boundary voxel couples to them with 2 s h. In-plane the
/// box is periodic or walled by insulators.</para>
/// <para>Only voxels of conducting clusters that touch both Dirichlet faces are unknowns. A cluster touching neither
/// (an isolated island) has no fixed potential: its block of the matrix is singular, so it must go. A cluster touching one
/// face only sits at that face's potential and carries no current, so it is fixed there and left out too. Dead-end
/// branches hanging off a spanning cluster stay: they are part of a connected, Dirichlet-anchored block, so the matrix stays
/// symmetric positive definite, and they only carry no current. The clusters are found by two breadth-first flood fills,
/// one from each face, through face-adjacent conducting voxels (across the periodic in-plane boundaries when periodic).</para>
/// </remarks>
internal sealed class VoxelTransportProblem
{
    private VoxelTransportProblem(ConductanceLevel fine, double voxelSize, int[] inletUnknowns, double[] inletConductance,
        int[] outletUnknowns, double[] outletConductance, double[] rightHandSide, double[] initialGuess,
        double conductingFraction, double spanningFraction, double? bulkConductivity)
    {
        Fine = fine;
        VoxelSize = voxelSize;
        InletUnknowns = inletUnknowns;
        InletConductance = inletConductance;
        OutletUnknowns = outletUnknowns;
        OutletConductance = outletConductance;
        RightHandSide = rightHandSide;
        InitialGuess = initialGuess;
        ConductingVolumeFraction = conductingFraction;
        SpanningVolumeFraction = spanningFraction;
        BulkConductivity = bulkConductivity;
    }

    /// <summary>The unknowns and their couplings, on the grid seen along the transport direction.</summary>
    public ConductanceLevel Fine { get; }

    /// <summary>Voxel edge, m.</summary>
    public double VoxelSize { get; }

    /// <summary>Unknowns in the first layer and their conductance 2 s h to the 1 V face.</summary>
    public int[] InletUnknowns { get; }

    /// <inheritdoc cref="InletUnknowns"/>
    public double[] InletConductance { get; }

    /// <summary>Unknowns in the last layer and their conductance 2 s h to the 0 V face.</summary>
    public int[] OutletUnknowns { get; }

    /// <inheritdoc cref="OutletUnknowns"/>
    public double[] OutletConductance { get; }

    /// <summary>b of A phi = b: the inlet couplings times 1 V.</summary>
    public double[] RightHandSide { get; }

    /// <summary>phi falling linearly from 1 V to 0 V across the box: exact for a homogeneous box, a good start otherwise.</summary>
    public double[] InitialGuess { get; }

    /// <inheritdoc cref="VoxelConductivityResult.ConductingVolumeFraction"/>
    public double ConductingVolumeFraction { get; }

    /// <inheritdoc cref="VoxelConductivityResult.SpanningVolumeFraction"/>
    public double SpanningVolumeFraction { get; }

    /// <summary>The one conductivity all conducting voxels share, S/m, or null when they differ (or none conduct).</summary>
    public double? BulkConductivity { get; }

    /// <summary>Unknowns to solve for.</summary>
    public int Count => Fine.Count;

    /// <summary>Sets the problem up. Allocates O(voxels) scratch once; nothing here is in an iteration loop.</summary>
    public static VoxelTransportProblem Create(VoxelGrid grid, ReadOnlySpan<double> phaseConductivity, VoxelTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        for (int p = 0; p < phaseConductivity.Length; p++)
            if (!(phaseConductivity[p] >= 0) || !double.IsFinite(phaseConductivity[p]))
                throw new ArgumentException($"conductivity of phase {p} must be finite and non-negative (got {phaseConductivity[p]} S/m)", nameof(phaseConductivity));

        var sigmaOfLabel = new double[256];
        var present = new bool[256];
        foreach (byte b in grid.Phases) present[b] = true;
        for (int label = 0; label < 256; label++)
        {
            if (!present[label]) continue;
            if (label >= phaseConductivity.Length)
                throw new ArgumentException($"phase label {label} occurs in the grid but only {phaseConductivity.Length} conductivities were given", nameof(phaseConductivity));
            sigmaOfLabel[label] = phaseConductivity[label];
        }

        var view = OrientedView.Along(grid, options.Direction);
        int nx = view.Nx, ny = view.Ny, nz = view.Nz, plane = nx * ny, count = plane * nz;
        byte[] labels = grid.Phases;
        bool periodic = options.PeriodicInPlane;

        // Labels in the oriented order, so the flood fills and the assembly index one array contiguously.
        var oriented = new byte[count];
        long conducting = 0;
        double? bulk = null;
        bool mixed = false;
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    byte label = labels[view.Source(x, y, z)];
                    oriented[x + nx * (y + ny * z)] = label;
                    double s = sigmaOfLabel[label];
                    if (s > 0)
                    {
                        conducting++;
                        if (bulk is null) bulk = s;
                        else if (bulk.Value != s) mixed = true;
                    }
                }

        var fromInlet = FloodFill(oriented, sigmaOfLabel, nx, ny, nz, periodic, fromOutlet: false);
        var fromOutlet = FloodFill(oriented, sigmaOfLabel, nx, ny, nz, periodic, fromOutlet: true);
        int unknowns = 0;
        for (int v = 0; v < count; v++) if (fromInlet[v] && fromOutlet[v]) unknowns++;
        var cell = new int[unknowns];
        var unknownOf = new int[count];
        for (int v = 0, u = 0; v < count; v++)
        {
            if (fromInlet[v] && fromOutlet[v])
            {
                cell[u] = v;
                unknownOf[v] = u++;
            }
            else
            {
                unknownOf[v] = -1;
            }
        }

        double h = grid.VoxelSize;
        var fine = new ConductanceLevel(nx, ny, nz, cell);
        Parallel.For(0, (unknowns + AssemblyChunk - 1) / AssemblyChunk, chunk =>
        {
            int end = Math.Min(unknowns, (chunk + 1) * AssemblyChunk);
            for (int i = chunk * AssemblyChunk; i < end; i++)
            {
                int v = cell[i];
                int x = v % nx, y = v / nx % ny, z = v / plane;
                double s = sigmaOfLabel[oriented[v]];
                double diagonal = 0;
                for (int f = 0; f < ConductanceLevel.Faces; f++)
                {
                    int w = NeighbourVoxel(x, y, z, f, nx, ny, nz, periodic);
                    int j = w < 0 ? -1 : unknownOf[w];
                    float g = 0;
                    if (j >= 0 && j != i)
                    {
                        double t = sigmaOfLabel[oriented[w]];
                        g = (float)(2 * s * t / (s + t) * h);
                    }
                    fine.Neighbour[ConductanceLevel.Faces * i + f] = g > 0 ? j : i;
                    fine.Conductance[ConductanceLevel.Faces * i + f] = g;
                    diagonal += g;
                }
                if (z == 0) diagonal += 2 * s * h;
                if (z == nz - 1) diagonal += 2 * s * h;
                fine.Diagonal[i] = diagonal;
            }
        });
        fine.InvertDiagonal();

        int inletCount = 0, outletCount = 0;
        while (inletCount < unknowns && cell[inletCount] < plane) inletCount++;
        while (outletCount < unknowns && cell[unknowns - 1 - outletCount] >= plane * (nz - 1)) outletCount++;
        var inlet = new int[inletCount];
        var inletG = new double[inletCount];
        var outlet = new int[outletCount];
        var outletG = new double[outletCount];
        var rhs = new double[unknowns];
        for (int k = 0; k < inletCount; k++)
        {
            inlet[k] = k;
            inletG[k] = 2 * sigmaOfLabel[oriented[cell[k]]] * h;
            rhs[k] = inletG[k] * 1.0; // times the 1 V inlet potential
        }
        for (int k = 0; k < outletCount; k++)
        {
            int i = unknowns - outletCount + k;
            outlet[k] = i;
            outletG[k] = 2 * sigmaOfLabel[oriented[cell[i]]] * h;
        }
        var guess = new double[unknowns];
        for (int i = 0; i < unknowns; i++) guess[i] = 1.0 - (cell[i] / plane + 0.5) / nz;

        return new VoxelTransportProblem(fine, h, inlet, inletG, outlet, outletG, rhs, guess,
            (double)conducting / count, (double)unknowns / count, mixed ? null : bulk);
    }

    /// <summary>Currents (A, for the 1 V drop) through the inlet and the outlet face for potentials <paramref name="phi"/>.</summary>
    public (double Inlet, double Outlet) Currents(ReadOnlySpan<double> phi)
    {
        double inlet = 0, outlet = 0;
        for (int k = 0; k < InletUnknowns.Length; k++) inlet += InletConductance[k] * (1.0 - phi[InletUnknowns[k]]);
        for (int k = 0; k < OutletUnknowns.Length; k++) outlet += OutletConductance[k] * phi[OutletUnknowns[k]];
        return (inlet, outlet);
    }

    /// <summary>The effective conductivity, S/m, that carries <paramref name="current"/> A under the 1 V drop: I L / (A dV).</summary>
    public double EffectiveConductivity(double current) =>
        current * Fine.Nz / ((double)Fine.Nx * Fine.Ny * VoxelSize);

    /// <summary>The result record from the converged (or abandoned) potentials.</summary>
    public VoxelConductivityResult Result(ReadOnlySpan<double> phi, int iterations, double relativeResidual, bool converged,
        TimeSpan wallTime, string backEnd)
    {
        var (inletCurrent, outletCurrent) = Count == 0 ? (0.0, 0.0) : Currents(phi);
        double sigmaIn = EffectiveConductivity(inletCurrent), sigmaOut = EffectiveConductivity(outletCurrent);
        double larger = Math.Max(Math.Abs(sigmaIn), Math.Abs(sigmaOut));
        double mismatch = larger > 0 ? Math.Abs(sigmaIn - sigmaOut) / larger : 0;
        double sigma = 0.5 * (sigmaIn + sigmaOut);
        double? tau = Count == 0 || !(sigma > 0)
            ? double.PositiveInfinity
            : BulkConductivity is double bulk ? ConductingVolumeFraction * bulk / sigma : null;
        return new VoxelConductivityResult(sigma, sigmaIn, sigmaOut, mismatch, ConductingVolumeFraction, SpanningVolumeFraction,
            tau, Count, iterations, relativeResidual, converged, wallTime, backEnd);
    }

    /// <summary>Unknowns per parallel work item in the assembly.</summary>
    private const int AssemblyChunk = 16384;

    /// <summary>The voxel across face f (order -x, +x, -y, +y, -z, +z), or -1 beyond a wall or a Dirichlet face.</summary>
    internal static int NeighbourVoxel(int x, int y, int z, int face, int nx, int ny, int nz, bool periodic)
    {
        switch (face)
        {
            case 0: x = x > 0 ? x - 1 : periodic && nx > 1 ? nx - 1 : -1; if (x < 0) return -1; break;
            case 1: x = x < nx - 1 ? x + 1 : periodic && nx > 1 ? 0 : -1; if (x < 0) return -1; break;
            case 2: y = y > 0 ? y - 1 : periodic && ny > 1 ? ny - 1 : -1; if (y < 0) return -1; break;
            case 3: y = y < ny - 1 ? y + 1 : periodic && ny > 1 ? 0 : -1; if (y < 0) return -1; break;
            case 4: if (z == 0) return -1; z--; break;
            default: if (z == nz - 1) return -1; z++; break;
        }
        return x + nx * (y + ny * z);
    }

    /// <summary>Conducting voxels reachable through conducting faces from the inlet (z = 0) or outlet (z = nz - 1) layer.</summary>
    private static bool[] FloodFill(byte[] labels, double[] sigmaOfLabel, int nx, int ny, int nz, bool periodic, bool fromOutlet)
    {
        int plane = nx * ny, count = plane * nz;
        var reached = new bool[count];
        var queue = new int[count];
        int head = 0, tail = 0;
        int start = fromOutlet ? plane * (nz - 1) : 0;
        for (int v = start; v < start + plane; v++)
        {
            if (sigmaOfLabel[labels[v]] > 0)
            {
                reached[v] = true;
                queue[tail++] = v;
            }
        }
        while (head < tail)
        {
            int v = queue[head++];
            int x = v % nx, y = v / nx % ny, z = v / plane;
            for (int f = 0; f < ConductanceLevel.Faces; f++)
            {
                int w = NeighbourVoxel(x, y, z, f, nx, ny, nz, periodic);
                if (w >= 0 && !reached[w] && sigmaOfLabel[labels[w]] > 0)
                {
                    reached[w] = true;
                    queue[tail++] = w;
                }
            }
        }
        return reached;
    }
}
