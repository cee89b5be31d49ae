namespace CathodeSim.Analysis.Validation;

/// <summary>"Quantity within tolerance on at least a share of the rows", judged separately on fitted and predicted rows.</summary>
public static class ShareCriterion
{
    /// <summary>
    /// One criterion per role present among <paramref name="values"/> of <paramref name="quantity"/>: at least
    /// <paramref name="share"/> of them within their tolerance (a failed simulation counts as outside).
    /// </summary>
    public static IEnumerable<CriterionResult> Judge(IReadOnlyList<ComparedValue> values, string quantity, double tolerance, double share)
    {
        foreach (var role in new[] { DataRole.Fitted, DataRole.Predicted })
        {
            var rows = values.Where(v => v.Quantity == quantity && v.Role == role).ToList();
            if (rows.Count == 0) continue;
            int within = rows.Count(v => v.Within == true);
            int needed = (int)Math.Ceiling(share * rows.Count - 1e-9);
            string what = role == DataRole.Fitted ? "fitted" : "predicted";
            string description = share >= 1
                ? $"{quantity} within +/-{tolerance * 100:0.#} % on every {what} row"
                : $"{quantity} within +/-{tolerance * 100:0.#} % on at least {share * 100:0.#} % of {what} rows";
            string found = $"{within} of {rows.Count} rows ({100.0 * within / rows.Count:0} %)" + (within >= needed ? "" : $"; {needed - within} more needed");
            yield return new CriterionResult(description, within >= needed, found);
        }
    }
}
