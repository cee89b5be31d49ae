namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// Interface areas per box volume, m^2/m^3, from counting voxel faces between the two phases (periodic in x and y; the
/// box faces at z = 0 and z = Nz - 1 are not interfaces). A voxelised surface has a staircase area that, averaged over
/// isotropic orientations, is 3/2 times the smooth area (Cauchy-Crofton: a face-counted area sums |n_x| + |n_y| + |n_z|,
/// whose mean over the sphere is 3/2); every value here is the face area times 2/3, which is unbiased for isotropic
/// interfaces and between 2/3 (a plane parallel to a voxel face) and 2/sqrt 3 = 1.15 (a plane normal to a cube
/// diagonal) of the true area for a plane interface.
/// </summary>
/// <param name="ActiveElectrolyte">NCM | electrolyte: where ions enter the NCM.</param>
/// <param name="ActiveActive">
/// NCM | NCM contact between different particles (faces whose two voxels have different particle ids); null when the
/// grid came without particle ids.
/// </param>
/// <param name="ActiveVoid">NCM | void: NCM surface that reacts with nothing.</param>
/// <param name="ElectrolyteVoid">Electrolyte | void.</param>
public sealed record SpecificInterfaceAreas(double ActiveElectrolyte, double? ActiveActive, double ActiveVoid, double ElectrolyteVoid);
