using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// Counts the voxel faces between phases (each face once, through the +x, +y and +z neighbour; periodic in x and y) in
/// parallel over z-layers, and turns them into specific areas with the Cauchy-Crofton factor 2/3
/// (see <see cref="SpecificInterfaceAreas"/>).
/// </summary>
internal static class InterfaceFaces
{
    private const int ActiveElectrolyte = 0, ActiveActive = 1, ActiveVoid = 2, ElectrolyteVoid = 3, Kinds = 4;

    public static SpecificInterfaceAreas Count(VoxelGrid grid, int[]? particleIds)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz, plane = nx * ny;
        byte[] phases = grid.Phases;
        var perLayer = new long[nz * Kinds];
        Parallel.For(0, nz, z =>
        {
            long ae = 0, aa = 0, av = 0, ev = 0;
            for (int y = 0; y < ny; y++)
            {
                int row = nx * (y + ny * z);
                int nextRow = nx * ((y == ny - 1 ? 0 : y + 1) + ny * z);
                for (int x = 0; x < nx; x++)
                {
                    int v = row + x;
                    Face(v, x == nx - 1 ? row : v + 1);
                    Face(v, nextRow + x);
                    if (z < nz - 1) Face(v, v + plane);
                }
            }
            perLayer[z * Kinds + ActiveElectrolyte] = ae;
            perLayer[z * Kinds + ActiveActive] = aa;
            perLayer[z * Kinds + ActiveVoid] = av;
            perLayer[z * Kinds + ElectrolyteVoid] = ev;

            void Face(int a, int b)
            {
                byte pa = phases[a], pb = phases[b];
                if (pa == pb)
                {
                    if (pa == (byte)CompositePhase.Active && particleIds is not null && particleIds[a] != particleIds[b]) aa++;
                    return;
                }
                int sum = pa + pb;
                // Labels 0, 1, 2 of distinct phases: the sum names the pair.
                if (sum == 3) ae++;
                else if (sum == 1) av++;
                else ev++;
            }
        });
        var total = new long[Kinds];
        for (int z = 0; z < nz; z++)
            for (int k = 0; k < Kinds; k++) total[k] += perLayer[z * Kinds + k];
        // Face area h^2 over box volume N h^3, times the Cauchy-Crofton 2/3.
        double perFace = 2.0 / 3.0 / (grid.Count * grid.VoxelSize);
        return new SpecificInterfaceAreas(total[ActiveElectrolyte] * perFace, particleIds is not null ? total[ActiveActive] * perFace : null,
            total[ActiveVoid] * perFace, total[ElectrolyteVoid] * perFace);
    }
}
