namespace IntentBot.Cli.Evaluation;

/// <summary>One scored row as the metrics see it: the effective gold label, the prediction, and whether it was accepted.</summary>
public readonly record struct LabelPair(string Gold, string Predicted)
{
    public bool Correct => string.Equals(Gold, Predicted, StringComparison.Ordinal);

    /// <summary>Scores a prediction against a possibly multi-answer gold cell.</summary>
    public static LabelPair Score(GoldLabel gold, string predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        return new LabelPair(gold.EffectiveFor(predicted), predicted);
    }
}

public sealed record LabelMetrics(string Label, int TruePositives, int FalsePositives, int FalseNegatives, int Support)
{
    // Undefined ratios (no predictions of, or no gold rows for, a label) count as 0, as scikit-learn's
    // zero_division=0 does, so numbers here match what the training notebooks report.
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public int Predicted => TruePositives + FalsePositives;

    internal static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}

public sealed record Confusion(string Gold, string Predicted, int Count);

/// <summary>Counts of gold (rows) against predicted (columns) labels, over every label seen on either side.</summary>
public sealed class ConfusionMatrix
{
    private readonly Dictionary<string, int> _index;
    private readonly int[,] _counts;

    public ConfusionMatrix(IReadOnlyList<LabelPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Labels = pairs.SelectMany(p => new[] { p.Gold, p.Predicted }).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
        _index = Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        _counts = new int[Labels.Count, Labels.Count];
        foreach (var p in pairs) _counts[_index[p.Gold], _index[p.Predicted]]++;
    }

    /// <summary>Every label that occurs as gold or as prediction, in ordinal order.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int this[int gold, int predicted] => _counts[gold, predicted];

    public int this[string gold, string predicted] =>
        _index.TryGetValue(gold, out var g) && _index.TryGetValue(predicted, out var p) ? _counts[g, p] : 0;

    public int IndexOf(string label) => _index.TryGetValue(label, out var i) ? i : -1;

    public int RowTotal(int gold)
    {
        var sum = 0;
        for (var j = 0; j < Labels.Count; j++) sum += _counts[gold, j];
        return sum;
    }

    public int ColumnTotal(int predicted)
    {
        var sum = 0;
        for (var i = 0; i < Labels.Count; i++) sum += _counts[i, predicted];
        return sum;
    }

    /// <summary>Off-diagonal cells, most frequent first (ties by gold then predicted label, for a stable report).</summary>
    public IReadOnlyList<Confusion> Confusions()
    {
        var list = new List<Confusion>();
        for (var i = 0; i < Labels.Count; i++)
            for (var j = 0; j < Labels.Count; j++)
                if (i != j && _counts[i, j] > 0) list.Add(new Confusion(Labels[i], Labels[j], _counts[i, j]));
        return list.OrderByDescending(c => c.Count)
            .ThenBy(c => c.Gold, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal).ToArray();
    }
}

/// <summary>Out-of-scope detection quality: how many real out-of-scope rows were caught, how many in-scope rows were wrongly turned away.</summary>
public sealed record OutOfScopeMetrics(string Label, int OutOfScopeRows, int Caught, int InScopeRows, int FalselyRejected)
{
    public double Recall => LabelMetrics.Ratio(Caught, OutOfScopeRows);
    public double FalseRejectionRate => LabelMetrics.Ratio(FalselyRejected, InScopeRows);
}

/// <summary>Accuracy, per-label precision/recall/F1, macro-F1 and the confusion matrix of a set of scored rows.</summary>
public sealed class EvaluationMetrics
{
    private EvaluationMetrics(int total, int correct, ConfusionMatrix matrix, IReadOnlyList<LabelMetrics> perLabel)
    {
        Total = total;
        Correct = correct;
        Matrix = matrix;
        PerLabel = perLabel;
    }

    public int Total { get; }
    public int Correct { get; }
    public double Accuracy => LabelMetrics.Ratio(Correct, Total);
    public ConfusionMatrix Matrix { get; }

    /// <summary>One entry per label seen as gold or prediction, by support (descending) then name.</summary>
    public IReadOnlyList<LabelMetrics> PerLabel { get; }

    /// <summary>
    /// Mean F1 over every label that appears as gold or as prediction: a label the model invents counts
    /// (with F1 0), because spurious predictions are a real cost to the user.
    /// </summary>
    public double MacroF1 => PerLabel.Count == 0 ? 0 : PerLabel.Average(m => m.F1);

    public static EvaluationMetrics Compute(IReadOnlyList<LabelPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var matrix = new ConfusionMatrix(pairs);
        var perLabel = new List<LabelMetrics>(matrix.Labels.Count);
        for (var i = 0; i < matrix.Labels.Count; i++)
        {
            var tp = matrix[i, i];
            var support = matrix.RowTotal(i);
            var predicted = matrix.ColumnTotal(i);
            perLabel.Add(new LabelMetrics(matrix.Labels[i], tp, predicted - tp, support - tp, support));
        }
        var ordered = perLabel.OrderByDescending(m => m.Support).ThenBy(m => m.Label, StringComparer.Ordinal).ToArray();
        return new EvaluationMetrics(pairs.Count, pairs.Count(p => p.Correct), matrix, ordered);
    }

    /// <summary>Null when no gold row is out of scope: a recall over zero rows would only mislead.</summary>
    public OutOfScopeMetrics? OutOfScope(string? outOfScopeLabel)
    {
        if (outOfScopeLabel is null) return null;
        var oos = Matrix.IndexOf(outOfScopeLabel);
        if (oos < 0) return null;
        var oosRows = Matrix.RowTotal(oos);
        if (oosRows == 0) return null;
        var inScopeRows = Total - oosRows;
        var falselyRejected = Matrix.ColumnTotal(oos) - Matrix[oos, oos];
        return new OutOfScopeMetrics(outOfScopeLabel, oosRows, Matrix[oos, oos], inScopeRows, falselyRejected);
    }
}
