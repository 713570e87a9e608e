using IntentBot.Nlu.Classification;
using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Manifest;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>
/// The rules that turn logits into a result (out-of-scope verdict, sentiment, top-k, categories), with logits made
/// up for each case: no ONNX session, so they hold for any model, and a broken rule cannot hide behind a model's
/// habits.
/// </summary>
public sealed class ResultFactoryTests
{
    /// <summary>The shipped manifest: its labels, temperatures and calibrated threshold, whatever the model.</summary>
    private static readonly ModelManifest Shipped = ManifestReader.Read(TestPaths.DefaultModel);

    private static string OutOfScopeLabel => Shipped.OutOfScope!.Label!;
    private static float Threshold => Shipped.OutOfScope!.ConfidenceThreshold;

    /// <summary>A small model: four intents, sentiment labels in an unusual order, threshold 0.5.</summary>
    private static ModelManifest Small(float intentTemperature = 1f, float sentimentTemperature = 1f, bool outOfScope = true) => new()
    {
        Heads = new HeadSet
        {
            Intent = new HeadSpec
            {
                Temperature = intentTemperature,
                Labels = [Label("track_order", "ORDER"), Label("get_refund", "REFUND"), Label("greeting", null), Label("out_of_scope", "OUT_OF_SCOPE")],
            },
            Sentiment = new HeadSpec { Temperature = sentimentTemperature, Labels = [Label("positive", null), Label("negative", null), Label("neutral", null)] },
        },
        OutOfScope = outOfScope ? new OutOfScopeSpec { Label = "out_of_scope", ConfidenceThreshold = 0.5f } : null,
    };

    private static LabelSpec Label(string name, string? category) => new() { Name = name, Category = category };

    /// <summary>Intent logits whose softmax at the head's temperature gives these probabilities; the rest of the
    /// mass spread evenly over the other labels.</summary>
    private static float[] IntentLogits(ModelManifest manifest, params (string Label, double P)[] probabilities)
    {
        var head = manifest.Heads!.Intent!;
        var given = probabilities.ToDictionary(p => p.Label, p => p.P);
        var rest = (1 - given.Values.Sum()) / (head.Labels!.Count - given.Count);
        return [.. head.Labels.Select(l => (float)(head.Temperature * Math.Log(given.GetValueOrDefault(l.Name!, rest))))];
    }

    private static float[] SentimentLogits(ModelManifest manifest, double negative, double neutral, double positive)
    {
        var head = manifest.Heads!.Sentiment!;
        return [.. head.Labels!.Select(l => (float)(head.Temperature * Math.Log(l.Name switch
        {
            "negative" => negative,
            "neutral" => neutral,
            _ => positive,
        })))];
    }

    private static ClassificationResult Create(ModelManifest manifest, float[] intentLogits, int topK = 3, bool readable = true) =>
        new ResultFactory(manifest).Create(new ModelOutputs(intentLogits, SentimentLogits(manifest, 0.2, 0.7, 0.1)), truncated: false, topK, readable);

    [Fact]
    public void Just_below_the_calibrated_threshold_the_best_in_scope_intent_is_out_of_scope()
    {
        var result = Create(Shipped, IntentLogits(Shipped, ("track_order", Threshold - 0.01)));
        Assert.Equal("track_order", result.Intent.Label);   // still the most probable label, and reported as such
        Assert.Equal(Threshold - 0.01, result.Intent.Confidence, 4);
        Assert.True(result.OutOfScope);
    }

    [Fact]
    public void Just_above_the_calibrated_threshold_it_is_in_scope()
    {
        var result = Create(Shipped, IntentLogits(Shipped, ("track_order", Threshold + 0.01)));
        Assert.Equal("track_order", result.Intent.Label);
        Assert.False(result.OutOfScope);
    }

    [Fact]
    public void The_out_of_scope_label_on_top_is_out_of_scope_however_sure_the_runner_up()
    {
        var result = Create(Shipped, IntentLogits(Shipped, (OutOfScopeLabel, 0.5), ("track_order", 0.45)));
        Assert.Equal(OutOfScopeLabel, result.Intent.Label);
        Assert.True(0.45 >= Threshold, "the runner-up must clear the threshold for this case to mean anything");
        Assert.True(result.OutOfScope);
    }

    [Fact]
    public void The_threshold_compares_the_best_in_scope_intent_not_the_out_of_scope_label()
    {
        // The out-of-scope label's own probability does not count as confidence in an in-scope intent.
        var manifest = Small();
        Assert.True(Create(manifest, IntentLogits(manifest, ("track_order", 0.49), ("out_of_scope", 0.48))).OutOfScope);
        Assert.False(Create(manifest, IntentLogits(manifest, ("track_order", 0.51), ("out_of_scope", 0.48))).OutOfScope);
    }

    [Fact]
    public void A_text_with_no_readable_token_is_out_of_scope_whatever_the_logits()
    {
        var result = Create(Shipped, IntentLogits(Shipped, ("track_order", 0.99)), readable: false);
        Assert.True(result.OutOfScope);
    }

    [Fact]
    public void A_model_without_an_out_of_scope_rule_never_rejects()
    {
        var manifest = Small(outOfScope: false);
        Assert.False(Create(manifest, IntentLogits(manifest, ("track_order", 0.3), ("out_of_scope", 0.35))).OutOfScope);
    }

    [Fact]
    public void Intent_probabilities_use_the_heads_temperature()
    {
        var manifest = Small(intentTemperature: 2f);
        float[] logits = [2f, 0f, 0f, -2f];
        var result = Create(manifest, logits, topK: 4);
        // softmax(logits / 2) = e^1, e^0, e^0, e^-1 over their sum
        var sum = Math.E + 2 + 1 / Math.E;
        Assert.Equal(Math.E / sum, result.Intents.Single(i => i.Label == "track_order").Confidence, 5);
        Assert.Equal(1 / Math.E / sum, result.Intents.Single(i => i.Label == "out_of_scope").Confidence, 5);
    }

    [Fact]
    public void Sentiment_scores_follow_the_manifests_label_order()
    {
        var manifest = Small();
        var result = new ResultFactory(manifest).Create(
            new ModelOutputs(IntentLogits(manifest, ("track_order", 0.9)), SentimentLogits(manifest, negative: 0.7, neutral: 0.2, positive: 0.1)), false, 3);
        Assert.Equal("negative", result.Sentiment.Label);
        Assert.Equal(0.7f, result.Sentiment.Confidence, 4);
        Assert.Equal(0.7f, result.Sentiment.Scores.Negative, 4);
        Assert.Equal(0.2f, result.Sentiment.Scores.Neutral, 4);
        Assert.Equal(0.1f, result.Sentiment.Scores.Positive, 4);
    }

    [Theory]
    [InlineData(0.6, 0.3, 0.1, "negative")]
    [InlineData(0.1, 0.6, 0.3, "neutral")]
    [InlineData(0.1, 0.3, 0.6, "positive")]
    public void The_sentiment_label_is_the_most_probable_and_the_scores_sum_to_one(double negative, double neutral, double positive, string label)
    {
        foreach (var manifest in new[] { Shipped, Small(sentimentTemperature: 0.5f) })
        {
            var result = new ResultFactory(manifest).Create(
                new ModelOutputs(IntentLogits(manifest, ("track_order", 0.9)), SentimentLogits(manifest, negative, neutral, positive)), false, 3);
            Assert.Equal(label, result.Sentiment.Label);
            var s = result.Sentiment.Scores;
            Assert.Equal(1f, s.Negative + s.Neutral + s.Positive, 4);
            Assert.Equal(new[] { s.Negative, s.Neutral, s.Positive }.Max(), result.Sentiment.Confidence);
        }
    }

    [Fact]
    public void Top_k_lists_the_most_probable_intents_first()
    {
        var result = Create(Shipped, IntentLogits(Shipped, ("get_refund", 0.5), ("track_order", 0.3), ("greeting", 0.1)), topK: 3);
        Assert.Equal(["get_refund", "track_order", "greeting"], result.Intents.Select(i => i.Label));
        Assert.Equal(result.Intents[0], result.Intent);
        Assert.True(result.Intents.Zip(result.Intents.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
    }

    [Theory]
    [InlineData(-3, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(1000, -1)]   // every label
    public void Top_k_is_clipped_to_between_one_and_every_label(int topK, int expected)
    {
        var labels = Shipped.Heads!.Intent!.Labels!.Count;
        var result = Create(Shipped, IntentLogits(Shipped, ("track_order", 0.6)), topK);
        Assert.Equal(expected == -1 ? labels : expected, result.Intents.Count);
        if (expected == -1)
        {
            Assert.Equal(labels, result.Intents.Select(i => i.Label).Distinct().Count());
            Assert.Equal(1f, result.Intents.Sum(i => i.Confidence), 3);
        }
    }

    [Fact]
    public void Each_intent_carries_its_category_from_the_manifest()
    {
        var result = Create(Shipped, IntentLogits(Shipped), topK: 1000);
        var categories = Shipped.Heads!.Intent!.Labels!.ToDictionary(l => l.Name!, l => l.Category ?? "");
        Assert.All(result.Intents, i => Assert.Equal(categories[i.Label], i.Category));
        Assert.Equal("ORDER", result.Intents.Single(i => i.Label == "track_order").Category);

        var small = Small();
        var withoutCategory = Create(small, IntentLogits(small, ("greeting", 0.9)));
        Assert.Equal("", withoutCategory.Intent.Category);
    }

    [Fact]
    public void Truncation_is_passed_through()
    {
        var manifest = Small();
        var outputs = new ModelOutputs(IntentLogits(manifest, ("track_order", 0.9)), SentimentLogits(manifest, 0.2, 0.7, 0.1));
        Assert.True(new ResultFactory(manifest).Create(outputs, truncated: true, 3).Truncated);
        Assert.False(new ResultFactory(manifest).Create(outputs, truncated: false, 3).Truncated);
    }
}
