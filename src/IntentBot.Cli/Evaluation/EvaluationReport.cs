using System.Globalization;
using System.Text;

namespace IntentBot.Cli.Evaluation;

/// <summary>The console summary of an evaluation: headline numbers, per-label table, confusions, a compact matrix.</summary>
public static class EvaluationReport
{
    /// <summary>Above this many labels a console matrix no longer fits a terminal; the HTML heatmap takes over.</summary>
    public const int MaxMatrixLabels = 15;
    public const int TopConfusions = 10;
    private const int MaxUnknownListed = 20;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(EvaluationResult result, string? reportPath = null, string? predictionsPath = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        var m = result.Metrics;

        sb.Append(C, $"IntentBot evaluation — {result.TaskName}").AppendLine();
        sb.AppendLine();
        Field(sb, "model", $"{result.Model.Name} {result.Model.Version} ({result.Model.ExecutionProvider})");
        Field(sb, "data", $"{result.DataPath}  (text: {result.TextColumn}, label: {result.LabelColumn})");
        Field(sb, "rows", $"{result.Rows.Count} evaluated, {result.Skipped} skipped{SkipReasons(result)}");
        Field(sb, "accuracy", string.Create(C, $"{m.Accuracy:0.0000}  ({m.Correct} of {m.Total} correct)"));
        Field(sb, "macro-F1", string.Create(C, $"{m.MacroF1:0.0000}  (over {m.PerLabel.Count} labels seen in gold or predictions)"));
        if (result.OutOfScope is { } oos)
        {
            Field(sb, "OOS recall", string.Create(C, $"{oos.Recall:0.0000}  ({oos.Caught} of {oos.OutOfScopeRows} '{oos.Label}' rows caught)"));
            Field(sb, "false reject", string.Create(C, $"{oos.FalseRejectionRate:0.0000}  ({oos.FalselyRejected} of {oos.InScopeRows} in-scope rows called '{oos.Label}')"));
        }
        if (reportPath is not null) Field(sb, "report", reportPath);
        if (predictionsPath is not null) Field(sb, "predictions", predictionsPath);

        if (result.UnknownGoldLabels.Count > 0)
        {
            sb.AppendLine();
            var listed = string.Join(", ", result.UnknownGoldLabels.Take(MaxUnknownListed).Select(u => string.Create(C, $"{u.Label} ({u.Rows})")));
            var more = result.UnknownGoldLabels.Count > MaxUnknownListed ? $", and {result.UnknownGoldLabels.Count - MaxUnknownListed} more" : "";
            sb.Append(C, $"warning: {result.UnknownGoldLabels.Count} gold label(s) are not known to the model, so those rows can never be right: {listed}{more}").AppendLine();
            sb.Append(C, $"         the model's {result.TaskName} labels are: {string.Join(", ", KnownLabels(result))}").AppendLine();
        }

        sb.AppendLine();
        AppendPerLabel(sb, m);
        sb.AppendLine();
        AppendConfusions(sb, m.Matrix.Confusions());
        sb.AppendLine();
        AppendMatrix(sb, m.Matrix, reportPath);
        return sb.ToString();
    }

    private static IEnumerable<string> KnownLabels(EvaluationResult result) =>
        result.Task == EvaluationTask.Intent ? result.Model.Intents.Select(i => i.Name) : result.Model.Sentiments;

    private static string SkipReasons(EvaluationResult r)
    {
        var parts = new List<string>();
        if (r.SkippedEmptyText > 0) parts.Add(string.Create(C, $"{r.SkippedEmptyText} with an empty text"));
        if (r.SkippedNoLabel > 0) parts.Add(string.Create(C, $"{r.SkippedNoLabel} without a label"));
        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
    }

    private static void Field(StringBuilder sb, string name, string value) =>
        sb.Append("  ").Append(name.PadRight(13)).Append(value).AppendLine();

    private static void AppendPerLabel(StringBuilder sb, EvaluationMetrics m)
    {
        sb.AppendLine("Per label (by support)");
        var width = Math.Max(5, m.PerLabel.Max(l => l.Label.Length));
        sb.Append("  ").Append("label".PadRight(width)).AppendLine("  precision  recall     F1  support  predicted");
        foreach (var l in m.PerLabel)
            sb.Append("  ").Append(l.Label.PadRight(width))
              .Append(C, $"  {l.Precision,9:0.000}  {l.Recall,6:0.000}  {l.F1,5:0.000}  {l.Support,7}  {l.Predicted,9}").AppendLine();
    }

    private static void AppendConfusions(StringBuilder sb, IReadOnlyList<Confusion> confusions)
    {
        if (confusions.Count == 0)
        {
            sb.AppendLine("No confusions: every row was predicted correctly.");
            return;
        }
        sb.Append(C, $"Most frequent confusions (gold → predicted){(confusions.Count > TopConfusions ? string.Create(C, $", top {TopConfusions} of {confusions.Count}") : "")}").AppendLine();
        var top = confusions.Take(TopConfusions).ToArray();
        var countWidth = top.Max(c => c.Count.ToString(C).Length);
        var goldWidth = top.Max(c => c.Gold.Length);
        foreach (var c in top)
            sb.Append("  ").Append(c.Count.ToString(C).PadLeft(countWidth)).Append("  ")
              .Append(c.Gold.PadRight(goldWidth)).Append(" → ").Append(c.Predicted).AppendLine();
    }

    private static void AppendMatrix(StringBuilder sb, ConfusionMatrix matrix, string? reportPath)
    {
        var n = matrix.Labels.Count;
        if (n > MaxMatrixLabels)
        {
            var where = reportPath is null ? "run again with --report FILE.html for the full heatmap" : $"the full heatmap is in {reportPath}";
            sb.Append(C, $"Confusion matrix: {n} labels are too many for the console; {where}.").AppendLine();
            return;
        }

        // Columns are headed by row numbers rather than names so that the matrix stays narrow.
        sb.AppendLine("Confusion matrix (rows: gold, columns: predicted, numbered as the rows; · = 0)");
        var cell = Math.Max(n.ToString(C).Length, Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(0, n).Select(j => matrix[i, j])).Max().ToString(C).Length) + 1;
        var numberWidth = n.ToString(C).Length;
        var labelWidth = matrix.Labels.Max(l => l.Length);
        var prefix = 2 + numberWidth + 1 + labelWidth + 1;
        sb.Append(' ', prefix);
        for (var j = 0; j < n; j++) sb.Append((j + 1).ToString(C).PadLeft(cell));
        sb.AppendLine();
        for (var i = 0; i < n; i++)
        {
            sb.Append("  ").Append((i + 1).ToString(C).PadLeft(numberWidth)).Append(' ').Append(matrix.Labels[i].PadRight(labelWidth)).Append(' ');
            for (var j = 0; j < n; j++)
                sb.Append((matrix[i, j] == 0 ? "·" : matrix[i, j].ToString(C)).PadLeft(cell));
            sb.AppendLine();
        }
    }
}
