using IntentBot.Cli.Evaluation;

namespace IntentBot.Cli.Tests.Evaluation;

public sealed class EvaluationMetricsTests
{
    private static LabelPair[] Pairs(params string[] goldArrowPredicted) =>
        goldArrowPredicted.Select(s => s.Split('>')).Select(p => new LabelPair(p[0], p[1])).ToArray();

    // Hand-computed: a row (gold a): a a b; b row: a b b; c row: b c.
    //   columns: a 3, b 4, c 1
    //   a: P 2/3 R 2/3 F1 2/3 · b: P 2/4 R 2/3 F1 4/7 · c: P 1/1 R 1/2 F1 2/3 · macro (2/3 + 4/7 + 2/3)/3 = 40/63
    private static readonly LabelPair[] Example = Pairs("a>a", "a>a", "a>b", "b>b", "b>a", "c>c", "c>b", "b>b");

    [Fact]
    public void Confusion_matrix_counts_gold_rows_against_predicted_columns()
    {
        var m = new ConfusionMatrix(Example);

        Assert.Equal(["a", "b", "c"], m.Labels);
        int[,] expected = { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 1, 1 } };
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(expected[i, j], m[i, j]);
        Assert.Equal(3, m.RowTotal(0));
        Assert.Equal(4, m.ColumnTotal(1));
        Assert.Equal(0, m["a", "nope"]);
    }

    [Fact]
    public void Precision_recall_f1_and_macro_f1_match_the_hand_computation()
    {
        var metrics = EvaluationMetrics.Compute(Example);

        Assert.Equal(8, metrics.Total);
        Assert.Equal(5, metrics.Correct);
        Assert.Equal(5.0 / 8, metrics.Accuracy, 12);

        var a = metrics.PerLabel.Single(l => l.Label == "a");
        var b = metrics.PerLabel.Single(l => l.Label == "b");
        var c = metrics.PerLabel.Single(l => l.Label == "c");
        Assert.Equal((2, 1, 1, 3), (a.TruePositives, a.FalsePositives, a.FalseNegatives, a.Support));
        Assert.Equal(2.0 / 3, a.Precision, 12);
        Assert.Equal(2.0 / 3, a.Recall, 12);
        Assert.Equal(2.0 / 3, a.F1, 12);
        Assert.Equal(0.5, b.Precision, 12);
        Assert.Equal(2.0 / 3, b.Recall, 12);
        Assert.Equal(4.0 / 7, b.F1, 12);
        Assert.Equal(1.0, c.Precision, 12);
        Assert.Equal(0.5, c.Recall, 12);
        Assert.Equal(2.0 / 3, c.F1, 12);
        Assert.Equal(40.0 / 63, metrics.MacroF1, 12);
    }

    [Fact]
    public void Per_label_rows_are_ordered_by_support_then_name()
    {
        var metrics = EvaluationMetrics.Compute(Example);
        Assert.Equal(["a", "b", "c"], metrics.PerLabel.Select(l => l.Label));
    }

    [Fact]
    public void A_label_only_ever_predicted_counts_in_macro_f1_with_zero()
    {
        var metrics = EvaluationMetrics.Compute(Pairs("a>a", "a>d"));

        var d = metrics.PerLabel.Single(l => l.Label == "d");
        Assert.Equal((0, 1, 0, 0), (d.TruePositives, d.FalsePositives, d.FalseNegatives, d.Support));
        Assert.Equal(0, d.Precision);
        Assert.Equal(0, d.Recall);
        Assert.Equal(0, d.F1);
        // a: P 1, R 1/2, F1 2/3; d: 0 → macro 1/3.
        Assert.Equal(1.0 / 3, metrics.MacroF1, 12);
        Assert.Equal("d", metrics.PerLabel[^1].Label);
    }

    [Fact]
    public void Confusions_are_most_frequent_first_with_stable_ties()
    {
        var confusions = new ConfusionMatrix(Pairs("c>b", "a>b", "b>a", "a>c", "a>c", "a>a")).Confusions();

        Assert.Equal(
            [new Confusion("a", "c", 2), new Confusion("a", "b", 1), new Confusion("b", "a", 1), new Confusion("c", "b", 1)],
            confusions);
    }

    [Fact]
    public void Alternatives_count_any_listed_label_as_correct()
    {
        var gold = GoldLabel.Parse(" track_order | track_refund ")!;

        Assert.Equal(["track_order", "track_refund"], gold.Acceptable);
        Assert.True(gold.Accepts("track_refund"));
        Assert.False(gold.Accepts("get_refund"));
        Assert.Equal(new LabelPair("track_refund", "track_refund"), LabelPair.Score(gold, "track_refund"));
        Assert.True(LabelPair.Score(gold, "track_refund").Correct);
        // A wrong answer is charged to the first listed label.
        Assert.Equal(new LabelPair("track_order", "get_refund"), LabelPair.Score(gold, "get_refund"));
        Assert.Equal("track_order|track_refund", gold.ToString());
    }

    [Fact]
    public void A_cell_without_any_label_parses_to_null()
    {
        Assert.Null(GoldLabel.Parse(""));
        Assert.Null(GoldLabel.Parse(" | "));
        Assert.Equal(["a"], GoldLabel.Parse("a|a")!.Acceptable);
    }

    [Fact]
    public void Alternatives_flow_into_the_metrics()
    {
        var rows = new[] { ("a|b", "b"), ("a|b", "c"), ("b", "b") }
            .Select(x => LabelPair.Score(GoldLabel.Parse(x.Item1)!, x.Item2)).ToArray();

        var metrics = EvaluationMetrics.Compute(rows);

        Assert.Equal(2, metrics.Correct);
        Assert.Equal(2, metrics.Matrix["b", "b"]);
        Assert.Equal(1, metrics.Matrix["a", "c"]);
        Assert.Equal(0, metrics.Matrix["a", "b"]);
    }

    [Fact]
    public void Out_of_scope_recall_and_false_rejections()
    {
        var metrics = EvaluationMetrics.Compute(Pairs("oos>oos", "oos>oos", "oos>a", "a>a", "a>oos", "b>b", "b>a", "a>a"));

        var oos = metrics.OutOfScope("oos")!;
        Assert.Equal((3, 2, 5, 1), (oos.OutOfScopeRows, oos.Caught, oos.InScopeRows, oos.FalselyRejected));
        Assert.Equal(2.0 / 3, oos.Recall, 12);
        Assert.Equal(0.2, oos.FalseRejectionRate, 12);
    }

    [Fact]
    public void Out_of_scope_metrics_need_out_of_scope_gold_rows()
    {
        var metrics = EvaluationMetrics.Compute(Pairs("a>oos", "a>a"));
        Assert.Null(metrics.OutOfScope("oos"));
        Assert.Null(metrics.OutOfScope(null));
    }
}
