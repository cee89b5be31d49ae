namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// The weights with which one variable-step BDF step combines the last accepted points x_n, x_(n-1), x_(n-2): the
/// history a0 x_n + a1 x_(n-1) (x_n itself when a1 is 0) and the predictor, x_n for one point, x_n + w (x_n - x_(n-1))
/// for two, l0 x_n + l1 x_(n-1) + l2 x_(n-2) (Lagrange) for three. A resident history evaluates exactly these
/// expressions, in this order, per element, so that it reproduces the host's arithmetic bit for bit.
/// </summary>
/// <param name="Points">Accepted points available (1-3).</param>
/// <param name="HistoryNewest">a0.</param>
/// <param name="HistoryPrevious">a1 (0: the history is x_n).</param>
/// <param name="Predictor0">w for two points, l0 for three.</param>
/// <param name="Predictor1">l1 for three points.</param>
/// <param name="Predictor2">l2 for three points.</param>
public readonly record struct BdfStepWeights(int Points, double HistoryNewest, double HistoryPrevious, double Predictor0, double Predictor1, double Predictor2);
