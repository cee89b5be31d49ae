namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The multigrid hierarchy of a voxel conductance network: each coarser level aggregates 2 x 2 x 2 cells of the level
/// below, with piecewise-constant prolongation P and the Galerkin operator P^T A P, down to a level small enough for a
/// dense Cholesky factorisation.
/// </summary>
/// <remarks>
/// <para>Why this coarsening: for a cell-centred finite-volume graph Laplacian, P^T A P over aligned 2 x 2 x 2
/// aggregates is again a seven-point conductance network on the coarse grid. Its face conductance is the sum of the fine
/// faces between the two aggregates and its diagonal the sum of the aggregate's Dirichlet couplings and outgoing faces.
/// So every level has the same data layout and the same kernels, insulating voxels need no special treatment (an
/// aggregate holds only the unknowns that exist), and the coarse operator is exact in the energy sense: no geometric
/// rediscretisation of a coefficient that jumps between 0 and sigma. The operator stays symmetric positive definite
/// because P has full column rank.</para>
/// <para>Odd sizes: the last aggregate along an axis of odd length holds one layer; periodic wraps map onto the coarse
/// wrap. Coarsening stops at <see cref="CoarsestUnknowns"/> unknowns or when a level no longer shrinks.</para>
/// <para>Everything is built by gathering over each coarse unknown's children in ascending order, so the sums, and with
/// them the whole solve, are the same run to run whatever the thread count.</para>
/// </remarks>
internal sealed class AggregationHierarchy
{
    /// <summary>Coarsening stops once a level has at most this many unknowns (its dense factor is then cheap).</summary>
    public const int CoarsestUnknowns = 512;

    private AggregationHierarchy(IReadOnlyList<ConductanceLevel> levels, double[] coarsestFactor)
    {
        Levels = levels;
        CoarsestFactor = coarsestFactor;
    }

    /// <summary>Finest (the problem's own) first.</summary>
    public IReadOnlyList<ConductanceLevel> Levels { get; }

    /// <summary>Lower Cholesky factor L (A = L L^T) of the coarsest level, dense row-major n x n.</summary>
    public double[] CoarsestFactor { get; }

    public ConductanceLevel Coarsest => Levels[^1];

    public static AggregationHierarchy Build(ConductanceLevel fine)
    {
        var levels = new List<ConductanceLevel> { fine };
        var level = fine;
        while (level.Count > CoarsestUnknowns && (level.Nx > 1 || level.Ny > 1 || level.Nz > 1))
        {
            var coarse = Coarsen(level);
            if (coarse.Count >= level.Count) break;
            levels.Add(coarse);
            level = coarse;
        }
        level.Parent = null; // set when a last coarsening was tried and dropped for not shrinking
        return new AggregationHierarchy(levels, DenseCholesky.Factor(Dense(level), level.Count));
    }

    /// <summary>Bytes held by all levels and the dense factor.</summary>
    public long Bytes => Levels.Sum(l => l.Bytes) + 8L * CoarsestFactor.Length;

    private static ConductanceLevel Coarsen(ConductanceLevel fine)
    {
        int fx = fine.Nx, fy = fine.Ny, fplane = fx * fine.Ny;
        int cx = (fine.Nx + 1) / 2, cy = (fine.Ny + 1) / 2, cz = (fine.Nz + 1) / 2;
        int cells = cx * cy * cz;
        int n = fine.Count;

        var aggregateOf = new int[n];
        var occupied = new int[cells];
        for (int i = 0; i < n; i++)
        {
            int v = fine.Cell[i];
            int x = v % fx, y = v / fx % fy, z = v / fplane;
            int c = x / 2 + cx * (y / 2 + cy * (z / 2));
            aggregateOf[i] = c;
            occupied[c]++;
        }
        int coarseCount = 0;
        for (int c = 0; c < cells; c++) if (occupied[c] > 0) coarseCount++;
        var cell = new int[coarseCount];
        var childStart = new int[coarseCount + 1];
        var coarseOf = new int[cells];
        for (int c = 0, k = 0; c < cells; c++)
        {
            if (occupied[c] == 0)
            {
                coarseOf[c] = -1;
                continue;
            }
            cell[k] = c;
            coarseOf[c] = k;
            childStart[k + 1] = childStart[k] + occupied[c];
            k++;
        }
        var parent = new int[n];
        var children = new int[n];
        var fill = new int[coarseCount];
        for (int i = 0; i < n; i++)
        {
            int k = coarseOf[aggregateOf[i]];
            parent[i] = k;
            children[childStart[k] + fill[k]++] = i;
        }

        var coarse = new ConductanceLevel(cx, cy, cz, cell) { ChildStart = childStart, Children = children };
        fine.Parent = parent;
        const int chunk = 4096;
        Parallel.For(0, (coarseCount + chunk - 1) / chunk, part =>
        {
            int end = Math.Min(coarseCount, (part + 1) * chunk);
            for (int k = part * chunk; k < end; k++) GatherAggregate(fine, coarse, k);
        });
        coarse.InvertDiagonal();
        return coarse;
    }

    /// <summary>Row k of P^T A P: fine faces that leave the aggregate add to the coarse face of the same direction.</summary>
    private static void GatherAggregate(ConductanceLevel fine, ConductanceLevel coarse, int k)
    {
        const int faces = ConductanceLevel.Faces;
        int[] parent = fine.Parent!;
        Span<double> g = stackalloc double[faces];
        Span<int> neighbour = stackalloc int[faces];
        g.Clear();
        neighbour.Fill(k);
        // The row sum (the aggregate's coupling to the Dirichlet faces) is carried apart from the faces, and the diagonal
        // rebuilt from the rounded coarse faces, so that no coarse row sum can turn negative through rounding.
        double dirichlet = 0;
        for (int c = coarse.ChildStart![k]; c < coarse.ChildStart[k + 1]; c++)
        {
            int i = coarse.Children![c];
            dirichlet += fine.Diagonal[i];
            for (int f = 0; f < faces; f++)
            {
                double gf = fine.Conductance[faces * i + f];
                if (gf == 0) continue;
                dirichlet -= gf;
                int j = parent[fine.Neighbour[faces * i + f]];
                if (j != k)
                {
                    g[f] += gf;
                    neighbour[f] = j;
                }
            }
        }
        double diagonal = Math.Max(dirichlet, 0);
        for (int f = 0; f < faces; f++)
        {
            float rounded = (float)g[f];
            coarse.Conductance[faces * k + f] = rounded;
            coarse.Neighbour[faces * k + f] = neighbour[f];
            diagonal += rounded;
        }
        coarse.Diagonal[k] = diagonal;
    }

    /// <summary>The level's operator as a dense row-major matrix.</summary>
    private static double[] Dense(ConductanceLevel level)
    {
        int n = level.Count;
        var a = new double[(long)n * n];
        for (int i = 0; i < n; i++)
        {
            a[(long)i * n + i] += level.Diagonal[i];
            for (int f = 0; f < ConductanceLevel.Faces; f++)
            {
                double g = level.Conductance[ConductanceLevel.Faces * i + f];
                if (g != 0) a[(long)i * n + level.Neighbour[ConductanceLevel.Faces * i + f]] -= g;
            }
        }
        return a;
    }
}
