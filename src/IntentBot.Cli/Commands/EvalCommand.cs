using IntentBot.Cli.Evaluation;
using IntentBot.Nlu;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Cli.Commands;

/// <summary>
/// `intentbot eval`: measures the model on the user's own labelled CSV and prints accuracy, per-label
/// metrics and confusions; optionally writes per-row predictions (JSONL) and an HTML report.
/// </summary>
public static class EvalCommand
{
    public static async Task<int> RunAsync(Options options, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        if (options.Positional.Count > 0)
            throw new UsageException($"eval takes no positional arguments (got '{options.Positional[0]}'); use --data FILE.csv.");

        // Every usage problem is reported before the model loads, which takes seconds.
        var dataPath = options.Require("--data");
        var textColumn = options.Require("--text-column");
        var labelColumn = options.Require("--label-column");
        var task = Evaluator.ParseTask(options.Require("--task"));
        var predictionsPath = options.Get("--predictions");
        var reportPath = options.Get("--report");

        var table = CsvReader.ReadFile(dataPath);
        table.ColumnIndex(textColumn, dataPath);
        table.ColumnIndex(labelColumn, dataPath);

        EvaluationResult result;
        await using (var engine = NluEngine.Load(options.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance))
        {
            // The shop's custom intents are read as the server reads them, so their labels can be evaluated too.
            var (classifier, _) = await CustomIntentsFromDialogs.LoadAsync(options, engine);
            result = await Evaluator.RunAsync(classifier, table, dataPath, textColumn, labelColumn, task);
        }

        if (predictionsPath is not null) PredictionWriter.Write(result, predictionsPath);
        if (reportPath is not null) HtmlReport.Write(result, reportPath);
        await stdout.WriteAsync(EvaluationReport.Render(result, reportPath, predictionsPath));
        return 0;
    }
}
