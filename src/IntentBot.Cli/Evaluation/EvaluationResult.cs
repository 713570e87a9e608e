using IntentBot.Nlu;
using IntentBot.Nlu.Classification;

namespace IntentBot.Cli.Evaluation;

/// <summary>A labelled row from the data file. <paramref name="Row"/> counts data records from 1; <paramref name="Line"/> is where it starts in the file.</summary>
public sealed record EvaluationInput(int Row, int Line, string Text, GoldLabel Gold);

/// <summary>A row after classification.</summary>
/// <param name="Confidence">The model's probability for the predicted label.</param>
public sealed record EvaluatedRow(EvaluationInput Input, string Predicted, double Confidence, ClassificationResult Result)
{
    public bool Correct => Input.Gold.Accepts(Predicted);
    public LabelPair Pair => LabelPair.Score(Input.Gold, Predicted);
}

/// <summary>Everything one `intentbot eval` produced, shared by the text, HTML and JSONL writers.</summary>
public sealed record EvaluationResult(
    EvaluationTask Task,
    ModelInfo Model,
    string DataPath,
    string TextColumn,
    string LabelColumn,
    IReadOnlyList<EvaluatedRow> Rows,
    int SkippedEmptyText,
    int SkippedNoLabel,
    IReadOnlyList<(string Label, int Rows)> UnknownGoldLabels,
    EvaluationMetrics Metrics)
{
    public int Skipped => SkippedEmptyText + SkippedNoLabel;

    public string TaskName => Task == EvaluationTask.Intent ? "intent" : "sentiment";

    /// <summary>Only for the intent task, and only when some gold rows are out of scope.</summary>
    public OutOfScopeMetrics? OutOfScope => Task == EvaluationTask.Intent ? Metrics.OutOfScope(Model.OutOfScopeLabel) : null;

    /// <summary>Wrong predictions the model was surest about: the ones most worth a human look.</summary>
    public IReadOnlyList<EvaluatedRow> WorstErrors(int count) =>
        Rows.Where(r => !r.Correct).OrderByDescending(r => r.Confidence).ThenBy(r => r.Input.Row).Take(count).ToArray();
}
