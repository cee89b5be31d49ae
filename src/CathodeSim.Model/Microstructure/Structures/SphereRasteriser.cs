using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// Puts spheres onto a voxel grid: a voxel belongs to a sphere when its centre lies inside it. Each sphere visits only
/// the voxel rows its bounding box crosses, wrapped in x and y and cut at the z walls; the work is split into z-slabs,
/// each written by one thread, so no two threads write one voxel and the result does not depend on the schedule.
/// </summary>
internal static class SphereRasteriser
{
    private const int SlabLayers = 4;

    /// <summary>
    /// Labels every voxel with the sphere that claims it (-1: void). Where spheres overlap, NCM wins over electrolyte,
    /// then the smaller power distance d^2 - R^2 (the radical plane of two overlapping spheres, so that two pressed
    /// particles meet at a flat contact), then the lower index; this order is total, so the labels are reproducible.
    /// </summary>
    public static void Label(PackedSphere[] spheres, double scaleActive, double scaleElectrolyte, VoxelGrid grid, int[] ids)
    {
        var power = new float[grid.Count];
        Array.Fill(ids, -1);
        var slabs = Bucket(spheres, Math.Max(scaleActive, scaleElectrolyte), grid, null);
        double h = grid.VoxelSize;
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        Parallel.For(0, slabs.Count, slab =>
        {
            int k0 = slab * SlabLayers, k1 = Math.Min(nz, k0 + SlabLayers);
            for (int m = slabs.Start[slab]; m < slabs.Start[slab + 1]; m++)
            {
                int s = slabs.Items[m];
                var sphere = spheres[s];
                double r = sphere.Radius * (sphere.Phase == CompositePhase.Active ? scaleActive : scaleElectrolyte);
                int rank = Rank(sphere.Phase);
                var writer = new LabelWriter(spheres, ids, power, s, rank, sphere.X, r, h, nx, ny);
                ForEachRow(sphere.X, sphere.Y, sphere.Z, r, h, nx, ny, k0, k1, ref writer);
            }
        });
        for (int v = 0; v < ids.Length; v++)
            grid.Phases[v] = ids[v] < 0 ? (byte)CompositePhase.Void : (byte)spheres[ids[v]].Phase;
    }

    /// <summary>
    /// Sets <paramref name="mask"/>[v] = 1 (cleared first) for every voxel inside a sphere listed in
    /// <paramref name="slabs"/> with its radius times <paramref name="scale"/>, and returns how many of those voxels are
    /// not set in <paramref name="exclude"/> (all of them when it is null).
    /// </summary>
    public static long Cover(PackedSphere[] spheres, double scale, VoxelGrid grid, byte[] mask, SlabBuckets slabs, byte[]? exclude)
    {
        Array.Clear(mask);
        double h = grid.VoxelSize;
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        Parallel.For(0, slabs.Count, slab =>
        {
            int k0 = slab * SlabLayers, k1 = Math.Min(nz, k0 + SlabLayers);
            for (int m = slabs.Start[slab]; m < slabs.Start[slab + 1]; m++)
            {
                var sphere = spheres[slabs.Items[m]];
                var writer = new MaskWriter(mask, nx, ny);
                ForEachRow(sphere.X, sphere.Y, sphere.Z, sphere.Radius * scale, h, nx, ny, k0, k1, ref writer);
            }
        });
        long count = 0;
        if (exclude is null)
            foreach (byte b in mask) count += b;
        else
            for (int v = 0; v < mask.Length; v++) count += mask[v] & (exclude[v] ^ 1);
        return count;
    }

    /// <summary>The spheres of <paramref name="phase"/> (all when null) listed per z-slab they may reach at radius times <paramref name="maxScale"/>.</summary>
    public static SlabBuckets Bucket(PackedSphere[] spheres, double maxScale, VoxelGrid grid, CompositePhase? phase)
    {
        int count = (grid.Nz + SlabLayers - 1) / SlabLayers;
        var start = new int[count + 1];
        for (int pass = 0; pass < 2; pass++)
        {
            var fill = pass == 0 ? null : (int[])start.Clone();
            var items = pass == 0 ? null : new int[start[count]];
            for (int s = 0; s < spheres.Length; s++)
            {
                var sphere = spheres[s];
                if (phase is not null && sphere.Phase != phase) continue;
                if (!LayerRange(sphere.Z, sphere.Radius * maxScale, grid.VoxelSize, 0, grid.Nz, out int kLo, out int kHi)) continue;
                for (int slab = kLo / SlabLayers; slab <= kHi / SlabLayers; slab++)
                {
                    if (pass == 0) start[slab + 1]++;
                    else items![fill![slab]++] = s;
                }
            }
            if (pass == 0)
                for (int slab = 0; slab < count; slab++) start[slab + 1] += start[slab];
            else
                return new SlabBuckets(start, items!);
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>What to do with one x-run of voxels inside a sphere (a struct, so the run loop is inlined and allocates nothing).</summary>
    private interface IRowWriter
    {
        void Write(int k, int j, int iLo, int iHi, double dz2dy2);
    }

    private readonly struct MaskWriter(byte[] mask, int nx, int ny) : IRowWriter
    {
        public void Write(int k, int j, int iLo, int iHi, double dz2dy2)
        {
            int row = nx * (j + ny * k);
            int first = Wrap(iLo, nx);
            int length = iHi - iLo + 1;
            int head = Math.Min(length, nx - first);
            mask.AsSpan(row + first, head).Fill(1);
            if (length > head) mask.AsSpan(row, length - head).Fill(1);
        }
    }

    private readonly struct LabelWriter(PackedSphere[] spheres, int[] ids, float[] power, int sphere, int rank,
        double cx, double r, double h, int nx, int ny) : IRowWriter
    {
        public void Write(int k, int j, int iLo, int iHi, double dz2dy2)
        {
            int row = nx * (j + ny * k);
            for (int i = iLo; i <= iHi; i++)
            {
                double dx = (i + 0.5) * h - cx;
                float p = (float)(dx * dx + dz2dy2 - r * r);
                int v = row + Wrap(i, nx);
                int current = ids[v];
                if (current >= 0)
                {
                    int currentRank = Rank(spheres[current].Phase);
                    if (currentRank > rank) continue;
                    if (currentRank == rank && (p > power[v] || (p == power[v] && current < sphere))) continue;
                }
                ids[v] = sphere;
                power[v] = p;
            }
        }
    }

    /// <summary>Calls <paramref name="writer"/> for every x-run of voxel centres inside the sphere, in layers [k0, k1).</summary>
    private static void ForEachRow<TWriter>(double cx, double cy, double cz, double r, double h, int nx, int ny, int k0, int k1, ref TWriter writer)
        where TWriter : struct, IRowWriter
    {
        if (!LayerRange(cz, r, h, k0, k1, out int kLo, out int kHi)) return;
        for (int k = kLo; k <= kHi; k++)
        {
            double dz = (k + 0.5) * h - cz;
            double remZ = r * r - dz * dz;
            if (remZ < 0) continue;
            double halfY = Math.Sqrt(remZ);
            int jLo = (int)Math.Ceiling((cy - halfY) / h - 0.5), jHi = (int)Math.Floor((cy + halfY) / h - 0.5);
            if (jHi - jLo + 1 > ny) jHi = jLo + ny - 1;
            for (int j = jLo; j <= jHi; j++)
            {
                double dy = (j + 0.5) * h - cy;
                double remY = remZ - dy * dy;
                if (remY < 0) continue;
                double halfX = Math.Sqrt(remY);
                int iLo = (int)Math.Ceiling((cx - halfX) / h - 0.5), iHi = (int)Math.Floor((cx + halfX) / h - 0.5);
                if (iHi < iLo) continue;
                if (iHi - iLo + 1 > nx) iHi = iLo + nx - 1;
                writer.Write(k, Wrap(j, ny), iLo, iHi, dz * dz + dy * dy);
            }
        }
    }

    /// <summary>Layers whose voxel centres (k + 1/2) h lie within [z - r, z + r], clipped to [k0, k1).</summary>
    private static bool LayerRange(double z, double r, double h, int k0, int k1, out int kLo, out int kHi)
    {
        kLo = (int)Math.Max(k0, Math.Ceiling((z - r) / h - 0.5));
        kHi = (int)Math.Min(k1 - 1, Math.Floor((z + r) / h - 0.5));
        return kLo <= kHi;
    }

    private static int Rank(CompositePhase phase) => phase == CompositePhase.Active ? 2 : 1;

    private static int Wrap(int i, int n)
    {
        int m = i % n;
        return m < 0 ? m + n : m;
    }
}

/// <summary>Sphere indices per z-slab, in compressed rows: slab s holds Items[Start[s] .. Start[s + 1]).</summary>
internal sealed record SlabBuckets(int[] Start, int[] Items)
{
    public int Count => Start.Length - 1;
}
