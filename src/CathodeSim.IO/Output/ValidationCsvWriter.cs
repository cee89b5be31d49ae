using System.Text;
using CathodeSim.Analysis.Validation;

namespace CathodeSim.IO.Output;

/// <summary>Writes <c>validation.csv</c>: every compared value of every case, one row each.</summary>
public static class ValidationCsvWriter
{
    /// <summary>Writes <paramref name="path"/> atomically; returns the path.</summary>
    public static string Write(string path, IReadOnlyList<ValidationOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = new StringBuilder("case,point,quantity,role,measured,simulated,relative_error,unit,tolerance,within\n");
        foreach (var o in outcomes)
            foreach (var v in o.Values)
                text.AppendJoin(',', CsvFields.Text(o.Name), CsvFields.Text(v.Label), CsvFields.Text(v.Quantity), v.Role == DataRole.Fitted ? "fitted" : "predicted",
                    CsvFields.Number(v.Measured), CsvFields.Number(v.Simulated), CsvFields.Number(v.RelativeError), CsvFields.Text(v.Unit),
                    CsvFields.Text(v.Tolerance ?? ""), v.Within is null ? "" : v.Within.Value ? "yes" : "no").Append('\n');
        AtomicFile.WriteText(path, text.ToString());
        return path;
    }
}
