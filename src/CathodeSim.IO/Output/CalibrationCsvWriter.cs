using System.Text;
using CathodeSim.Analysis.Calibration;

namespace CathodeSim.IO.Output;

/// <summary>Writes <c>&lt;name&gt;_fit.csv</c>: every observation with its uncertainty, the model at the start and at the estimate, and the normalised residual.</summary>
public static class CalibrationCsvWriter
{
    /// <summary>Writes <paramref name="path"/> atomically; returns the path.</summary>
    public static string Write(string path, CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder("observation,measured,uncertainty,simulated_start,simulated_fitted,normalised_residual\n");
        for (int i = 0; i < result.Observations.Count; i++)
        {
            var o = result.Observations[i];
            text.AppendJoin(',', CsvFields.Text(o.Label), CsvFields.Number(o.Measured), CsvFields.Number(o.Uncertainty), CsvFields.Number(result.InitialPredictions[i]),
                CsvFields.Number(result.Predictions[i]), CsvFields.Number(result.NormalisedResidual(i))).Append('\n');
        }
        AtomicFile.WriteText(path, text.ToString());
        return path;
    }
}
