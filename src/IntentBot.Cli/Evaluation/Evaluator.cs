using IntentBot.Nlu;
using IntentBot.Nlu.Classification;

namespace IntentBot.Cli.Evaluation;

public enum EvaluationTask
{
    Intent,
    Sentiment,
}

/// <summary>Turns a CSV table into labelled rows and runs them through a classifier.</summary>
public static class Evaluator
{
    // Large enough to keep the micro-batcher's batches full, small enough to stay far below its queue capacity.
    public const int ChunkSize = 256;

    public static EvaluationTask ParseTask(string value) => value.Trim().ToLowerInvariant() switch
    {
        "intent" => EvaluationTask.Intent,
        "sentiment" => EvaluationTask.Sentiment,
        _ => throw new UsageException($"--task must be 'intent' or 'sentiment', got '{value}'."),
    };

    public static async Task<EvaluationResult> RunAsync(
        ITextClassifier classifier, CsvTable table, string dataPath, string textColumn, string labelColumn,
        EvaluationTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(table);
        var textIndex = table.ColumnIndex(textColumn, dataPath);
        var labelIndex = table.ColumnIndex(labelColumn, dataPath);

        var inputs = new List<EvaluationInput>(table.Records.Count);
        int skippedText = 0, skippedLabel = 0;
        foreach (var record in table.Records)
        {
            var text = record[textIndex];
            if (string.IsNullOrWhiteSpace(text)) { skippedText++; continue; }
            var gold = GoldLabel.Parse(record[labelIndex]);
            if (gold is null) { skippedLabel++; continue; }
            inputs.Add(new EvaluationInput(record.Number, record.Line, text, gold));
        }
        if (inputs.Count == 0)
            throw new UsageException($"{dataPath} has no rows to evaluate ({table.Records.Count} data rows: {skippedText} with an empty text, {skippedLabel} without a label).");

        var model = classifier.Model;
        // Every intent's probability is requested so each row can report the probability of whatever
        // label it ended up predicting, including the out-of-scope label after a threshold rejection.
        var topK = Math.Max(1, model.Intents.Count);
        var rows = new List<EvaluatedRow>(inputs.Count);
        foreach (var chunk in inputs.Chunk(ChunkSize))
        {
            var results = await classifier.ClassifyAsync(chunk.Select(i => i.Text).ToArray(), topK, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (predicted, confidence) = Predict(results[i], task, model);
                rows.Add(new EvaluatedRow(chunk[i], predicted, confidence, results[i]));
            }
        }

        var metrics = EvaluationMetrics.Compute(rows.Select(r => r.Pair).ToArray());
        return new EvaluationResult(task, model, dataPath, textColumn, labelColumn, rows, skippedText, skippedLabel,
            UnknownLabels(inputs, task, model), metrics);
    }

    /// <summary>The label a row is scored on: for intents, the out-of-scope verdict overrides the top intent, as it does in the bot.</summary>
    public static (string Label, double Confidence) Predict(ClassificationResult result, EvaluationTask task, ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(model);
        if (task == EvaluationTask.Sentiment) return (result.Sentiment.Label, result.Sentiment.Confidence);

        var label = result.OutOfScope && model.OutOfScopeLabel is { } oos ? oos : result.Intent.Label;
        var score = result.Intents.FirstOrDefault(s => string.Equals(s.Label, label, StringComparison.Ordinal));
        return (label, score?.Confidence ?? 0);
    }

    private static (string Label, int Rows)[] UnknownLabels(List<EvaluationInput> inputs, EvaluationTask task, ModelInfo model)
    {
        var known = task == EvaluationTask.Intent
            ? model.Intents.Select(i => i.Name).Append(model.OutOfScopeLabel ?? "").ToHashSet(StringComparer.Ordinal)
            : model.Sentiments.ToHashSet(StringComparer.Ordinal);
        return inputs.SelectMany(i => i.Gold.Acceptable).Where(l => !known.Contains(l))
            .GroupBy(l => l, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToArray();
    }
}
