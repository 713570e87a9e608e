using IntentBot.Nlu.Classification;
using IntentBot.Nlu.CustomIntents;

namespace IntentBot.Nlu.Tests.CustomIntents;

/// <summary>The rule that lets a custom intent take a message, on hand-made three-dimensional embeddings (no model).</summary>
public sealed class NearestExamplesTests
{
    private const string OutOfScope = "out_of_scope";

    // The custom intent's examples lie around the x axis, place_order's phrases on y, out of scope on z.
    private static readonly float[][] Examples = [Unit(1, 0, 0), Unit(0.8f, 0.6f, 0)];
    private static readonly NearestExamples Anchors = new([Examples],
        new Dictionary<string, float[][]> { ["place_order"] = [Unit(0, 1, 0)], [OutOfScope] = [Unit(0, 0, 1)] }, OutOfScope);

    [Fact]
    public void The_reach_is_the_median_similarity_of_an_example_to_its_nearest_other_example() =>
        Assert.Equal(0.8f, Anchors.Reach[0], 3);

    [Fact]
    public void A_message_nearer_to_the_examples_than_to_the_built_in_phrases_may_be_taken() =>
        Assert.True(Anchors.Prefers(Unit(0.6f, 0.8f, 0), 0, "place_order"));

    [Fact]
    public void A_message_nearer_to_the_built_in_phrases_stays_with_the_built_in_intent() =>
        Assert.False(Anchors.Prefers(Unit(0.1f, 1, 0), 0, "place_order"));

    [Fact]
    public void An_out_of_scope_message_must_also_lie_within_the_examples_reach()
    {
        var nearerToExamplesButOutsideReach = Unit(0.75f, 0, 0.66f);
        Assert.False(Anchors.Prefers(nearerToExamplesButOutsideReach, 0, OutOfScope));
        Assert.True(Anchors.Prefers(nearerToExamplesButOutsideReach, 0, "place_order"));
        Assert.True(Anchors.Prefers(Unit(0.95f, 0.1f, 0.3f), 0, OutOfScope));
    }

    [Fact]
    public void A_label_the_background_does_not_describe_never_holds_a_message_back() =>
        Assert.True(Anchors.Prefers(Unit(0.2f, 0.2f, 0.9f), 0, "gift_cards"));

    [Fact]
    public void The_head_keeps_the_base_reading_exactly_where_its_regression_reaches_too_far()
    {
        // Fitted without any place_order phrase in its background, the regression reads the whole x-y quarter as the
        // custom intent, place_order's phrases included: only the nearest-example rule keeps them where they were.
        float[][] rows = [.. Examples, Unit(0, 0, 1), Unit(-1, 0, 0)];
        var regression = SoftmaxRegression.Fit(rows, [0, 0, 1, 1], 2, [0.5f, 0.5f, 0.5f, 0.5f], iterations: 300);
        var model = new ModelInfo("toy", "1", "Cpu", [new IntentLabel("place_order", "ORDER"), new IntentLabel("greeting", "SMALL_TALK"), new IntentLabel(OutOfScope, "OOS")],
            ["neutral"], OutOfScope, 0.35f, 128, null) { EmbeddingDimensions = 3 };
        var head = new CustomIntentHead(model, [new CustomIntent("bulk_orders", "ORDER", ["a", "b"])], regression, 1f, Anchors);

        Assert.True(regression.Predict(Unit(0.3f, 1, 0))[0] > 0.5f);
        var taken = head.Apply(Base(Unit(0.3f, 1, 0), placeOrder: 0.99f), 3);
        Assert.Equal("place_order", taken.Intent.Label);
        Assert.Equal(0.99f, taken.Intent.Confidence);
        Assert.False(taken.OutOfScope);

        var nearExamples = head.Apply(Base(Unit(0.9f, 0.44f, 0), placeOrder: 0.99f), 3);
        Assert.Equal("bulk_orders", nearExamples.Intent.Label);
        Assert.False(nearExamples.OutOfScope);
    }

    [Fact]
    public void A_message_clearly_nearer_to_the_examples_than_to_an_in_scope_reading_is_the_custom_intents()
    {
        Assert.Equal(0, Anchors.Clearly(Unit(0.6f, 0.8f, 0), "place_order"));
        Assert.Null(Anchors.Clearly(Unit(0.3f, 1, 0), "place_order"));
        Assert.Null(Anchors.Clearly(Unit(0.1f, 0.1f, 1), "place_order"));
        Assert.Equal(0, Anchors.Clearly(Unit(1, 0.1f, 0), OutOfScope));
    }

    [Fact]
    public void The_head_gives_a_clearly_nearer_message_the_base_labels_probability_unless_the_intent_overlaps_that_label()
    {
        // The regression learnt (0.6, 0.8, 0) as background, yet it is clearly nearer to the examples than to place_order's phrase.
        var message = Unit(0.6f, 0.8f, 0);
        float[][] rows = [.. Examples, Unit(0, 1, 0), message, Unit(0, 0, 1), Unit(-1, 0, 0)];
        var regression = SoftmaxRegression.Fit(rows, [0, 0, 1, 1, 1, 1], 2, [0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.25f], iterations: 300);
        var model = new ModelInfo("toy", "1", "Cpu", [new IntentLabel("place_order", "ORDER"), new IntentLabel(OutOfScope, "OOS")], ["neutral"], OutOfScope, 0.35f, 128, null)
        { EmbeddingDimensions = 3 };
        CustomIntent[] intents = [new("bulk_orders", "ORDER", ["a", "b"])];
        Assert.True(regression.Predict(message)[0] < 0.5f);

        var taken = new CustomIntentHead(model, intents, regression, 1f, Anchors).Apply(Base(message, placeOrder: 0.9f), 3);
        Assert.Equal("bulk_orders", taken.Intent.Label);
        Assert.Equal(regression.Predict(message)[0] + regression.Predict(message)[1] * 0.9f, taken.Intent.Confidence, 4);
        Assert.False(taken.OutOfScope);
        Assert.DoesNotContain(taken.Intents, s => s.Label == "place_order");

        var overlapping = new CustomIntentHead(model, intents, regression, 1f, Anchors, overlaps: new HashSet<(int, string)> { (0, "place_order") });
        Assert.Equal("place_order", overlapping.Apply(Base(message, placeOrder: 0.9f), 3).Intent.Label);
    }

    [Fact]
    public void A_rejected_message_leaves_out_of_scope_only_where_the_base_model_doubts_its_rejection()
    {
        // The regression learnt (0.6, 0, 0.8) as background; it is clearly nearer to the examples than to the out-of-scope phrase.
        var message = Unit(0.8f, 0, 0.6f);
        float[][] rows = [.. Examples, Unit(0, 1, 0), message, Unit(0, 0, 1), Unit(-1, 0, 0)];
        var regression = SoftmaxRegression.Fit(rows, [0, 0, 1, 1, 1, 1], 2, [0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.25f], iterations: 300);
        var model = new ModelInfo("toy", "1", "Cpu", [new IntentLabel("place_order", "ORDER"), new IntentLabel("greeting", "SMALL_TALK"), new IntentLabel(OutOfScope, "OOS")],
            ["neutral"], OutOfScope, 0.35f, 128, null) { EmbeddingDimensions = 3 };
        var head = new CustomIntentHead(model, [new CustomIntent("bulk_orders", "ORDER", ["a", "b"])], regression, 1f, Anchors);
        Assert.True(regression.Predict(message)[0] < 0.5f);

        var doubted = head.Apply(Rejected(message, outOfScope: 0.45f), 3);
        Assert.Equal("bulk_orders", doubted.Intent.Label);
        Assert.False(doubted.OutOfScope);

        var sure = head.Apply(Rejected(message, outOfScope: 0.9f), 3);
        Assert.True(sure.OutOfScope);
        Assert.NotEqual("bulk_orders", sure.Intent.Label);
    }

    private static ClassificationResult Rejected(float[] embedding, float outOfScope)
    {
        // Out of scope leads, the rest shared by two labels: rejected because out of scope is the most probable label.
        IntentScore[] scores = [new(OutOfScope, "OOS", outOfScope), new("place_order", "ORDER", (1 - outOfScope) / 2), new("greeting", "SMALL_TALK", (1 - outOfScope) / 2)];
        return new ClassificationResult(scores[0], scores, true, new SentimentResult("neutral", 1, new SentimentScores(0, 1, 0)), false) { Embedding = embedding };
    }

    private static ClassificationResult Base(float[] embedding, float placeOrder)
    {
        IntentScore[] scores = [new("place_order", "ORDER", placeOrder), new(OutOfScope, "OOS", 1 - placeOrder)];
        return new ClassificationResult(scores[0], scores, false, new SentimentResult("neutral", 1, new SentimentScores(0, 1, 0)), false) { Embedding = embedding };
    }

    private static float[] Unit(float x, float y, float z)
    {
        var length = MathF.Sqrt(x * x + y * y + z * z);
        return [x / length, y / length, z / length];
    }
}
