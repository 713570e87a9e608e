using System.Globalization;
using System.Net;
using System.Text;

namespace IntentBot.Cli.Evaluation;

/// <summary>
/// A single self-contained HTML page (inline CSS, no scripts, no external resources) that can be mailed
/// or attached to a ticket: summary, per-label table, confusion heatmap and the worst errors.
/// </summary>
public static class HtmlReport
{
    public const int WorstErrorCount = 20;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(EvaluationResult result, string path)
    {
        using var stream = OutputFile.Create(path, "--report");
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write(Render(result, DateTimeOffset.UtcNow));
    }

    public static string Render(EvaluationResult result, DateTimeOffset generatedUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Metrics;
        var sb = new StringBuilder();
        var title = $"IntentBot evaluation — {result.TaskName} — {Path.GetFileName(result.DataPath)}";
        sb.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        sb.Append("<title>").Append(E(title)).AppendLine("</title>");
        sb.AppendLine(Css);
        sb.AppendLine("</head>");
        sb.AppendLine("<body>");
        sb.Append("<h1>").Append(E(title)).AppendLine("</h1>");
        sb.Append(C, $"<p class=\"meta\">Model {E(result.Model.Name)} {E(result.Model.Version)} ({E(result.Model.ExecutionProvider)}) · data {E(result.DataPath)} (text column “{E(result.TextColumn)}”, label column “{E(result.LabelColumn)}”) · generated {generatedUtc:yyyy-MM-dd HH:mm} UTC</p>").AppendLine();

        AppendSummary(sb, result);
        AppendPerLabel(sb, m);
        AppendHeatmap(sb, m.Matrix);
        AppendConfusions(sb, m.Matrix.Confusions());
        AppendWorstErrors(sb, result);

        sb.AppendLine("</body>");
        sb.AppendLine("</html>");
        return sb.ToString();
    }

    private static void AppendSummary(StringBuilder sb, EvaluationResult r)
    {
        var m = r.Metrics;
        sb.AppendLine("<h2>Summary</h2>");
        sb.AppendLine("<div class=\"cards\">");
        Card(sb, "Accuracy", Pct(m.Accuracy), string.Create(C, $"{m.Correct} of {m.Total} correct"));
        Card(sb, "Macro-F1", string.Create(C, $"{m.MacroF1:0.000}"), string.Create(C, $"over {m.PerLabel.Count} labels"));
        Card(sb, "Rows", r.Rows.Count.ToString(C), string.Create(C, $"evaluated; {r.Skipped} skipped ({r.SkippedEmptyText} empty text, {r.SkippedNoLabel} no label)"));
        if (r.OutOfScope is { } oos)
        {
            Card(sb, "Out-of-scope recall", Pct(oos.Recall), string.Create(C, $"{oos.Caught} of {oos.OutOfScopeRows} caught"));
            Card(sb, "False rejections", Pct(oos.FalseRejectionRate), string.Create(C, $"{oos.FalselyRejected} of {oos.InScopeRows} in-scope rows"));
        }
        sb.AppendLine("</div>");
        if (r.UnknownGoldLabels.Count > 0)
        {
            sb.Append("<p class=\"warning\">Gold labels not known to the model (these rows can never be right): ");
            sb.Append(string.Join(", ", r.UnknownGoldLabels.Select(u => string.Create(C, $"<code>{E(u.Label)}</code> ({u.Rows})"))));
            sb.AppendLine("</p>");
        }
    }

    private static void Card(StringBuilder sb, string name, string value, string note) =>
        sb.Append("<div class=\"card\"><div class=\"name\">").Append(E(name)).Append("</div><div class=\"value\">")
          .Append(E(value)).Append("</div><div class=\"note\">").Append(E(note)).AppendLine("</div></div>");

    private static void AppendPerLabel(StringBuilder sb, EvaluationMetrics m)
    {
        sb.AppendLine("<h2>Per label</h2>");
        sb.AppendLine("<table class=\"metrics\">");
        sb.AppendLine("<thead><tr><th>Label</th><th>Precision</th><th>Recall</th><th>F1</th><th>Support</th><th>Predicted</th></tr></thead>");
        sb.AppendLine("<tbody>");
        foreach (var l in m.PerLabel)
        {
            sb.Append(C, $"<tr><th scope=\"row\">{E(l.Label)}</th>");
            sb.Append(C, $"<td>{l.Precision:0.000}</td><td>{l.Recall:0.000}</td>");
            sb.Append(C, $"<td><span class=\"bar\" style=\"--v:{l.F1 * 100:0.#}%\"></span>{l.F1:0.000}</td>");
            sb.Append(C, $"<td>{l.Support}</td><td>{l.Predicted}</td></tr>").AppendLine();
        }
        sb.AppendLine("</tbody></table>");
    }

    private static void AppendHeatmap(StringBuilder sb, ConfusionMatrix matrix)
    {
        var n = matrix.Labels.Count;
        sb.AppendLine("<h2>Confusion matrix</h2>");
        sb.AppendLine("<p class=\"meta\">Rows are gold labels, columns predicted labels. Shading is the share of the row (the gold label's rows); the diagonal (correct) is green, errors red.</p>");
        sb.AppendLine("<div class=\"scroll\"><table class=\"heatmap\">");
        sb.Append("<thead><tr><th class=\"corner\">gold ↓ / predicted →</th>");
        foreach (var label in matrix.Labels) sb.Append("<th class=\"col\"><span>").Append(E(label)).Append("</span></th>");
        sb.AppendLine("<th class=\"col\"><span>total</span></th></tr></thead>");
        sb.AppendLine("<tbody>");
        for (var i = 0; i < n; i++)
        {
            var rowTotal = matrix.RowTotal(i);
            sb.Append("<tr><th scope=\"row\">").Append(E(matrix.Labels[i])).Append("</th>");
            for (var j = 0; j < n; j++)
            {
                var count = matrix[i, j];
                var share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                var kind = i == j ? "diag" : "off";
                var tip = string.Create(C, $"{matrix.Labels[i]} → {matrix.Labels[j]}: {count} ({share:0.#%} of the row)");
                // Alpha carries the row-normalised value so the colour reads the same for rare and common labels.
                var style = count == 0 ? "" : string.Create(C, $" style=\"--a:{0.12 + 0.88 * share:0.###}\"");
                var extra = count == 0 ? " zero" : share > 0.55 ? " strong" : "";
                sb.Append(C, $"<td class=\"{kind}{extra}\"{style}{(count == 0 ? "" : $" title=\"{E(tip)}\"")}>{(count == 0 ? "" : count.ToString(C))}</td>");
            }
            sb.Append(C, $"<td class=\"total\">{rowTotal}</td></tr>").AppendLine();
        }
        sb.AppendLine("</tbody></table></div>");
    }

    private static void AppendConfusions(StringBuilder sb, IReadOnlyList<Confusion> confusions)
    {
        sb.AppendLine("<h2>Most frequent confusions</h2>");
        if (confusions.Count == 0)
        {
            sb.AppendLine("<p>None: every row was predicted correctly.</p>");
            return;
        }
        sb.AppendLine("<table class=\"list\"><thead><tr><th>Count</th><th>Gold</th><th>Predicted</th></tr></thead><tbody>");
        foreach (var c in confusions.Take(EvaluationReport.TopConfusions))
            sb.Append(C, $"<tr><td>{c.Count}</td><td>{E(c.Gold)}</td><td>{E(c.Predicted)}</td></tr>").AppendLine();
        sb.AppendLine("</tbody></table>");
    }

    private static void AppendWorstErrors(StringBuilder sb, EvaluationResult r)
    {
        var worst = r.WorstErrors(WorstErrorCount);
        sb.Append(C, $"<h2>Worst errors</h2>").AppendLine();
        if (worst.Count == 0)
        {
            sb.AppendLine("<p>No errors.</p>");
            return;
        }
        sb.AppendLine("<p class=\"meta\">The wrong predictions the model was most confident about: often mislabelled data, or a real gap in the model.</p>");
        sb.AppendLine("<table class=\"list errors\"><thead><tr><th>Row</th><th>Text</th><th>Gold</th><th>Predicted</th><th>Confidence</th></tr></thead><tbody>");
        foreach (var row in worst)
            sb.Append(C, $"<tr><td>{row.Input.Row}</td><td class=\"text\">{E(row.Input.Text)}</td><td>{E(row.Input.Gold.ToString())}</td><td>{E(row.Predicted)}</td><td>{row.Confidence:0.000}</td></tr>").AppendLine();
        sb.AppendLine("</tbody></table>");
    }

    private static string Pct(double value) => value.ToString("0.0%", C);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        <style>
        :root { color-scheme: light; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
        h1 { font-size: 1.5rem; margin-bottom: .25rem; }
        h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
        .meta { color: var(--muted); }
        .warning { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; border-radius: 6px; }
        .cards { display: flex; flex-wrap: wrap; gap: .75rem; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .9rem; min-width: 150px; }
        .card .name { color: var(--muted); font-size: .85rem; }
        .card .value { font-size: 1.6rem; font-weight: 600; }
        .card .note { color: var(--muted); font-size: .8rem; }
        table { border-collapse: collapse; }
        th, td { padding: .25rem .5rem; }
        table.metrics th, table.metrics td, table.list th, table.list td { border-bottom: 1px solid var(--line); }
        table.metrics td { text-align: right; font-variant-numeric: tabular-nums; }
        table.metrics tbody th, table.heatmap tbody th { text-align: left; font-weight: 500; white-space: nowrap; }
        .bar { display: inline-block; width: 60px; height: .6rem; margin-right: .5rem; background: linear-gradient(90deg, #2da44e var(--v), #eaeef2 var(--v)); border-radius: 3px; }
        .scroll { overflow-x: auto; }
        table.heatmap td { width: 2.1rem; height: 2.1rem; text-align: center; font-size: .8rem; border: 1px solid #eaeef2; font-variant-numeric: tabular-nums; }
        table.heatmap td.diag { background: rgba(26, 127, 55, var(--a, 0)); outline: 1px solid #1a7f37; outline-offset: -1px; font-weight: 600; }
        table.heatmap td.off { background: rgba(207, 34, 46, var(--a, 0)); }
        table.heatmap td.zero { color: transparent; }
        table.heatmap td.strong { color: #fff; }
        table.heatmap td.diag.zero { background: #f6f8fa; }
        table.heatmap td.total { color: var(--muted); border: none; }
        table.heatmap th.col { vertical-align: bottom; padding: .25rem 0; }
        table.heatmap th.col span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; }
        table.heatmap th.corner { text-align: left; vertical-align: bottom; color: var(--muted); font-weight: 400; font-size: .8rem; }
        table.list td.text { max-width: 520px; overflow-wrap: anywhere; }
        code { background: #f6f8fa; padding: 0 .25rem; border-radius: 4px; }
        </style>
        """;
}
