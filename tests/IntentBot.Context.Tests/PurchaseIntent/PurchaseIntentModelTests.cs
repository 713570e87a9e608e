using System.Text.Json;
using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Context.Tests.PurchaseIntent;

public sealed class PurchaseIntentModelTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    private readonly PurchaseIntentModel _model = fixture.Model;

    internal static readonly PurchaseIntentFeatures Bounce = new()
    {
        ProductRelated = 1, BounceRates = 0.2, ExitRates = 0.2, Month = "May",
    };

    internal static readonly PurchaseIntentFeatures EngagedShopper = new()
    {
        Administrative = 3, Administrative_Duration = 120, ProductRelated = 40, ProductRelated_Duration = 1800,
        BounceRates = 0.005, ExitRates = 0.015, PageValues = 35, Month = "Nov",
    };

    [Fact]
    public void The_shipped_model_loads_with_its_manifest()
    {
        Assert.Equal("purchase-intent", _model.Manifest.Name);
        Assert.InRange(_model.Threshold, 0.01, 0.99);
        Assert.True(_model.MediumCutoff < _model.HighCutoff);
        Assert.Equal(_model.Threshold, _model.HighCutoff);
    }

    [Fact]
    public void Many_product_pages_with_page_value_score_far_above_a_bounce()
    {
        var bounce = _model.Estimate(Bounce);
        var engaged = _model.Estimate(EngagedShopper);
        Assert.True(engaged.Probability > bounce.Probability + 0.3, $"engaged {engaged.Probability:F3} vs bounce {bounce.Probability:F3}");
        Assert.Equal(PurchaseIntentLevel.High, engaged.Level);
        Assert.Equal(PurchaseIntentLevel.Low, bounce.Level);
    }

    [Fact]
    public void Page_value_is_the_top_factor_of_a_session_that_has_one()
    {
        var estimate = _model.Estimate(EngagedShopper, topFactors: 3);
        Assert.Equal(3, estimate.TopFactors.Count);
        var top = estimate.TopFactors[0];
        Assert.Equal("PageValues", top.Feature);
        Assert.Equal("35", top.Value);
        Assert.Equal("0", top.Baseline); // the training median: most sessions have no page value
        Assert.True(top.Contribution > 0.2, $"contribution {top.Contribution:F3}");
        Assert.True(estimate.TopFactors.Zip(estimate.TopFactors.Skip(1)).All(p => Math.Abs(p.First.Contribution) >= Math.Abs(p.Second.Contribution)));
    }

    [Fact]
    public void A_factor_equals_the_probability_change_when_that_feature_is_reset_to_its_baseline()
    {
        var estimate = _model.Estimate(EngagedShopper, topFactors: 17);
        var pageValues = estimate.TopFactors.Single(f => f.Feature == "PageValues");
        var reset = _model.Probability(EngagedShopper with { PageValues = 0 });
        Assert.Equal(estimate.Probability - reset, pageValues.Contribution, 6);
        Assert.DoesNotContain(estimate.TopFactors, f => f.Feature == "Weekend"); // already at its baseline: no effect
    }

    [Fact]
    public void Onnx_runtime_reproduces_the_python_model_on_the_golden_rows()
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(PurchaseIntentPaths.GoldenFile));
        var rows = golden.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.True(rows.Length >= 5);
        var sessions = rows.Select(r => GoldenFeatures(r.GetProperty("features"))).ToArray();
        var batch = _model.Probabilities(sessions);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = rows[i].GetProperty("probability").GetDouble();
            var name = rows[i].GetProperty("name").GetString();
            Assert.True(Math.Abs(batch[i] - expected) < 1e-5, $"{name}: ONNX Runtime {batch[i]:R}, Python {expected:R}");
            Assert.Equal(batch[i], _model.Probability(sessions[i])); // one at a time = in a batch
        }
    }

    [Fact]
    public void Probabilities_stay_in_the_unit_interval_even_for_extreme_sessions()
    {
        PurchaseIntentFeatures[] extremes =
        [
            new(),
            Bounce,
            EngagedShopper with { PageValues = 1e6, ProductRelated = 1e5, ProductRelated_Duration = 1e7 },
            new() { Administrative = double.NaN, BounceRates = double.NaN, ExitRates = double.NaN, PageValues = double.NaN, Month = "Jan" },
            Bounce with { Administrative_Duration = -1, ProductRelated_Duration = -1, VisitorType = "Other", Weekend = true },
        ];
        foreach (var p in _model.Probabilities(extremes)) Assert.InRange(p, 0.0, 1.0);
    }

    [Fact]
    public void Unknown_values_are_scored_as_the_training_median()
    {
        var median = _model.Manifest.Imputation!["ExitRates"];
        Assert.Equal(_model.Probability(EngagedShopper with { ExitRates = median }), _model.Probability(EngagedShopper with { ExitRates = double.NaN }));
    }

    [Fact]
    public void Concurrent_callers_get_the_same_answers_as_one_caller()
    {
        var sessions = Enumerable.Range(0, 64)
            .Select(i => EngagedShopper with { PageValues = i, ProductRelated = 1 + i % 20, ExitRates = 0.01 + i * 0.002 })
            .ToArray();
        var sequential = sessions.Select(_model.Probability).ToArray();
        var parallel = new double[sessions.Length];
        Parallel.For(0, sessions.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i % sessions.Length] = _model.Probability(sessions[i % sessions.Length]));
        Assert.Equal(sequential, parallel);
    }

    [Theory]
    [InlineData("Jun", "Month 'Jun' is not a month name")]
    [InlineData("", "Month '' is not a month name")]
    public void A_misspelt_month_is_rejected(string month, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => _model.Probability(Bounce with { Month = month }));
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public void Unknown_visitor_types_and_infinite_values_are_rejected()
    {
        Assert.Contains("VisitorType 'Guest'", Assert.Throws<ArgumentException>(() => _model.Probability(Bounce with { VisitorType = "Guest" })).Message);
        Assert.Contains("PageValues is infinite", Assert.Throws<ArgumentException>(() => _model.Probability(Bounce with { PageValues = double.PositiveInfinity })).Message);
    }

    [Fact]
    public void Levels_follow_the_manifest_cut_offs()
    {
        Assert.Equal(PurchaseIntentLevel.Low, _model.LevelOf(_model.MediumCutoff - 1e-9));
        Assert.Equal(PurchaseIntentLevel.Medium, _model.LevelOf(_model.MediumCutoff));
        Assert.Equal(PurchaseIntentLevel.Medium, _model.LevelOf(_model.HighCutoff - 1e-9));
        Assert.Equal(PurchaseIntentLevel.High, _model.LevelOf(_model.HighCutoff));
    }

    internal static PurchaseIntentFeatures GoldenFeatures(JsonElement f)
    {
        double N(string name) => f.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : f.GetProperty(name).GetDouble();
        return new PurchaseIntentFeatures
        {
            Administrative = N("Administrative"),
            Administrative_Duration = N("Administrative_Duration"),
            Informational = N("Informational"),
            Informational_Duration = N("Informational_Duration"),
            ProductRelated = N("ProductRelated"),
            ProductRelated_Duration = N("ProductRelated_Duration"),
            BounceRates = N("BounceRates"),
            ExitRates = N("ExitRates"),
            PageValues = N("PageValues"),
            SpecialDay = N("SpecialDay"),
            Month = f.GetProperty("Month").GetString()!,
            OperatingSystems = (int)N("OperatingSystems"),
            Browser = (int)N("Browser"),
            Region = (int)N("Region"),
            TrafficType = (int)N("TrafficType"),
            VisitorType = f.GetProperty("VisitorType").GetString()!,
            Weekend = f.GetProperty("Weekend").GetBoolean(),
        };
    }
}
