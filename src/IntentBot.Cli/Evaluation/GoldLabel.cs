namespace IntentBot.Cli.Evaluation;

/// <summary>
/// A gold cell such as "track_order|track_refund": every listed label is an acceptable answer, because
/// some utterances are genuinely ambiguous and penalising either reading would understate the model.
/// </summary>
public sealed record GoldLabel(IReadOnlyList<string> Acceptable)
{
    public const char Separator = '|';

    /// <summary>The label that stands for the row in per-label metrics when the prediction is none of the acceptable ones.</summary>
    public string Primary => Acceptable[0];

    /// <summary>Null for a cell with no label at all (e.g. "", " | ").</summary>
    public static GoldLabel? Parse(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var labels = cell.Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
        return labels.Length == 0 ? null : new GoldLabel(labels);
    }

    public bool Accepts(string predicted) => Acceptable.Contains(predicted, StringComparer.Ordinal);

    /// <summary>
    /// The gold label used for the confusion matrix: the prediction itself when it is acceptable (so a
    /// correct answer lands on the diagonal), otherwise the first listed label.
    /// </summary>
    public string EffectiveFor(string predicted) => Accepts(predicted) ? predicted : Primary;

    public override string ToString() => string.Join(Separator, Acceptable);
}
