namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The arithmetic of the C# back end on one <see cref="ConductanceLevel"/>, over index ranges. The ILGPU kernels do
/// the same operations in the same order per element, so the two back ends differ only in how dot products are summed.
/// </summary>
internal static class CpuConductanceKernels
{
    /// <summary>(A x)_i = d_i x_i - sum_f g_if x_nb(i,f), faces in the order -x, +x, -y, +y, -z, +z.</summary>
    public static double Apply(int[] neighbour, float[] conductance, double[] diagonal, double[] x, int i)
    {
        int o = ConductanceLevel.Faces * i;
        return diagonal[i] * x[i]
            - conductance[o] * x[neighbour[o]]
            - conductance[o + 1] * x[neighbour[o + 1]]
            - conductance[o + 2] * x[neighbour[o + 2]]
            - conductance[o + 3] * x[neighbour[o + 3]]
            - conductance[o + 4] * x[neighbour[o + 4]]
            - conductance[o + 5] * x[neighbour[o + 5]];
    }

    /// <summary>y = A x on [start, end); returns the partial x . y over the range.</summary>
    public static double ApplyAndDot(ConductanceLevel level, double[] x, double[] y, int start, int end)
    {
        int[] nb = level.Neighbour;
        float[] g = level.Conductance;
        double[] d = level.Diagonal;
        double dot = 0;
        for (int i = start; i < end; i++)
        {
            double ax = Apply(nb, g, d, x, i);
            y[i] = ax;
            dot += x[i] * ax;
        }
        return dot;
    }

    /// <summary>t = b - A x on [start, end).</summary>
    public static void Residual(ConductanceLevel level, double[] b, double[] x, double[] t, int start, int end)
    {
        int[] nb = level.Neighbour;
        float[] g = level.Conductance;
        double[] d = level.Diagonal;
        for (int i = start; i < end; i++) t[i] = b[i] - Apply(nb, g, d, x, i);
    }

    /// <summary>Coarse right-hand side bc_k = sum over the children i of k of (b - A x)_i, for coarse k on [start, end).</summary>
    public static void RestrictResidual(ConductanceLevel fine, ConductanceLevel coarse, double[] b, double[] x, double[] coarseB, int start, int end)
    {
        int[] nb = fine.Neighbour, childStart = coarse.ChildStart!, children = coarse.Children!;
        float[] g = fine.Conductance;
        double[] d = fine.Diagonal;
        for (int k = start; k < end; k++)
        {
            double sum = 0;
            for (int c = childStart[k]; c < childStart[k + 1]; c++)
            {
                int i = children[c];
                sum += b[i] - Apply(nb, g, d, x, i);
            }
            coarseB[k] = sum;
        }
    }

    /// <summary>x = w D^-1 b on [start, end): one damped Jacobi sweep from a zero start.</summary>
    public static void SmoothFromZero(double[] inverseDiagonal, double weight, double[] b, double[] x, int start, int end)
    {
        for (int i = start; i < end; i++) x[i] = weight * inverseDiagonal[i] * b[i];
    }

    /// <summary>x += w D^-1 t on [start, end): a damped Jacobi sweep given the residual t.</summary>
    public static void JacobiUpdate(double[] inverseDiagonal, double weight, double[] t, double[] x, int start, int end)
    {
        for (int i = start; i < end; i++) x[i] += weight * inverseDiagonal[i] * t[i];
    }

    /// <summary>x += P xc on [start, end): each unknown takes its aggregate's coarse correction.</summary>
    public static void Prolong(int[] parent, double[] coarseX, double[] x, int start, int end)
    {
        for (int i = start; i < end; i++) x[i] += coarseX[parent[i]];
    }
}
