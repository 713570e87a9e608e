using IntentBot.Nlu.CustomIntents;
using IntentBot.Nlu.Tests.Engine;

namespace IntentBot.Nlu.Tests.CustomIntents;

/// <summary>What a shop is told about its custom intents, and how a fitted head joins the base model's reading.</summary>
public sealed class CustomIntentTrainerTests(SharedEngine shared) : IClassFixture<SharedEngine>
{
    private static readonly string[] GiftWrapping =
    [
        "can you gift wrap my order", "do you offer gift wrapping", "I'd like this wrapped as a present",
        "is gift wrap available at checkout", "can you add a gift message and wrapping paper", "please wrap it as a birthday present",
        "can the parcel come gift wrapped with a ribbon", "do you have christmas wrapping paper for presents",
    ];

    private static readonly string[] StoreHours =
    [
        "what time does the Leeds store open", "is the Manchester shop open on sunday", "when does your high street branch close today",
        "are your stores open on bank holidays", "what are the opening times of the York shop", "is the city centre store open late on thursdays",
    ];

    private CustomIntentTrainer Trainer => new(shared.Engine);

    [Fact]
    public async Task Too_few_examples_are_an_error_that_says_how_many_are_needed()
    {
        var fit = await Trainer.FitAsync([new CustomIntent("gift_wrapping", "SHOPPING", GiftWrapping[..3], Source: "gift_wrapping.yaml")]);
        Assert.Null(fit.Head);
        var error = Assert.Single(fit.Problems, p => p.IsError);
        Assert.Equal("gift_wrapping.yaml: examples: gift_wrapping has 3 different examples, it needs at least 5 (10 or more read best): add phrases customers would write", error.ToString());
        var thrown = Assert.Throws<CustomIntentException>(fit.HeadOrThrow);
        Assert.Contains("gift_wrapping.yaml: examples: gift_wrapping has 3", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_example_counts_once_with_a_warning()
    {
        var examples = GiftWrapping[..4].Append("  Do you offer GIFT wrapping ").ToArray();
        var fit = await Trainer.FitAsync([new CustomIntent("gift_wrapping", "SHOPPING", examples, Source: "gift_wrapping.yaml")]);
        Assert.Contains(fit.Problems, p => !p.IsError && p.Message == "examples[4]: 'Do you offer GIFT wrapping' repeats examples[1]; it counts once");
        Assert.Contains(fit.Problems, p => p.IsError && p.Message.Contains("has 4 different examples", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_phrase_in_two_intents_a_built_in_name_and_an_unknown_override_are_errors()
    {
        var fit = await Trainer.FitAsync(
        [
            new CustomIntent("gift_wrapping", "SHOPPING", GiftWrapping, Source: "gift_wrapping.yaml"),
            new CustomIntent("present_wrapping", "SHOPPING", [.. GiftWrapping[5..], "do you offer gift wrapping", "wrap my gift", "gift wrap it"], Source: "present_wrapping.yaml"),
            new CustomIntent("track_order", "ORDER", StoreHours, Source: "track_order.yaml"),
            new CustomIntent("store_hours", "CONTACT", StoreHours, Overrides: "opening_times", Source: "store_hours.yaml"),
        ]);
        var errors = fit.Problems.Where(p => p.IsError).Select(p => p.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("present_wrapping.yaml: examples[0]: 'please wrap it as a birthday present' is also an example of gift_wrapping (gift_wrapping.yaml)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("track_order.yaml: examples: 'track_order' is a built-in intent", StringComparison.Ordinal) && e.Contains("overrides: track_order", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("store_hours.yaml: overrides: 'opening_times' is not a built-in intent", StringComparison.Ordinal));
        Assert.Null(fit.Head);
    }

    [Fact]
    public async Task An_example_the_base_model_reads_confidently_as_a_built_in_intent_is_named_as_an_overlap_with_that_intent()
    {
        var fit = await Trainer.FitAsync([new CustomIntent("gift_wrapping", "SHOPPING", [.. GiftWrapping, "where is my order W100001"], Source: "gift_wrapping.yaml")]);
        Assert.NotNull(fit.Head);
        var overlap = Assert.Single(fit.Problems, p => p.Message.Contains("overlaps the built-in intent track_order", StringComparison.Ordinal));
        Assert.False(overlap.IsError);
        Assert.Equal("gift_wrapping.yaml", overlap.Source);
        Assert.StartsWith("examples: gift_wrapping overlaps the built-in intent track_order: the model already reads 1 of its 9 examples as track_order ('where is my order W100001' ", overlap.Message, StringComparison.Ordinal);
        Assert.EndsWith("rephrase them to say what only gift_wrapping is about, or set overrides: track_order to give every track_order message to gift_wrapping", overlap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_reads_as_a_built_in_intent_stays_with_it_although_an_example_says_the_same()
    {
        var fit = await Trainer.FitAsync([new CustomIntent("gift_wrapping", "SHOPPING", [.. GiftWrapping, "where is my order W100001"], Source: "gift_wrapping.yaml")]);
        var classifier = new CustomIntentClassifier(shared.Engine, 3);
        classifier.Use(fit.HeadOrThrow());
        var results = await classifier.ClassifyAsync(["where is my parcel, it has not arrived", "do you offer gift wrapping for presents"]);
        Assert.Equal("track_order", results[0].Intent.Label);
        Assert.Equal("gift_wrapping", results[1].Intent.Label);
    }

    [Fact]
    public async Task Two_custom_intents_that_say_the_same_thing_are_reported_as_overlapping()
    {
        string[] presents = ["can you wrap it as a gift for me", "I want my order gift wrapped", "please wrap this present", "gift wrap please", "could you wrap the parcel as a present"];
        var fit = await Trainer.FitAsync(
        [
            new CustomIntent("gift_wrapping", "SHOPPING", GiftWrapping, Source: "gift_wrapping.yaml"),
            new CustomIntent("present_wrapping", "SHOPPING", presents, Source: "present_wrapping.yaml"),
        ]);
        Assert.NotNull(fit.Head);
        Assert.Contains(fit.Problems, p => !p.IsError && p.Message.Contains("overlaps with", StringComparison.Ordinal));
        Assert.Contains(fit.CrossValidation, p => p.Expected != CustomIntentFit.BuiltIn && p.Predicted != p.Expected);
    }

    [Fact]
    public async Task A_custom_intent_that_overrides_a_built_in_one_takes_its_messages_and_its_place_in_the_labels()
    {
        var fit = await Trainer.FitAsync([new CustomIntent("store_hours", "CONTACT", StoreHours, Overrides: "opening_hours", Source: "store_hours.yaml")]);
        var classifier = new CustomIntentClassifier(shared.Engine, 3);
        classifier.Use(fit.HeadOrThrow());
        Assert.DoesNotContain(classifier.Model.Intents, i => i.Name == "opening_hours");
        Assert.Contains(classifier.Model.Intents, i => i.Name == "store_hours" && i.Category == "CONTACT");

        var results = await classifier.ClassifyAsync(["what time do you open on saturday", "is the Leeds store open on sunday", "where is my order W100001"]);
        Assert.Equal("store_hours", results[0].Intent.Label);
        Assert.Equal("store_hours", results[1].Intent.Label);
        Assert.Equal("track_order", results[2].Intent.Label);
        Assert.All(results, r => Assert.DoesNotContain(r.Intents, i => i.Label == "opening_hours"));
    }

    [Fact]
    public async Task Without_custom_intents_the_classifier_is_the_base_model_exactly()
    {
        var classifier = new CustomIntentClassifier(shared.Engine, 3);
        string[] texts = ["where is my parcel", "what's the capital of Peru", "🙂"];
        var plain = await shared.Engine.ClassifyAsync(texts, 5);
        var wrapped = await classifier.ClassifyAsync(texts, 5);
        Assert.Same(shared.Engine.Model, classifier.Model);
        // Equal up to float rounding: a concurrent test's texts may share the batch and change its padded length,
        // which moves the last digits of the attention sums (the labels, their order and the verdict do not move).
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(plain[i].Intents.Select(s => s.Label), wrapped[i].Intents.Select(s => s.Label));
            Assert.All(plain[i].Intents.Zip(wrapped[i].Intents), p => Assert.Equal(p.First.Confidence, p.Second.Confidence, 5));
            Assert.Equal(plain[i].OutOfScope, wrapped[i].OutOfScope);
        }
    }

    [Fact]
    public async Task With_custom_intents_scores_stay_one_distribution_and_an_unreadable_text_stays_out_of_scope()
    {
        var fit = await Trainer.FitAsync([new CustomIntent("gift_wrapping", "SHOPPING", GiftWrapping, Source: "gift_wrapping.yaml")]);
        var classifier = new CustomIntentClassifier(shared.Engine, 3);
        classifier.Use(fit.HeadOrThrow());
        var all = classifier.Model.Intents.Count;
        var results = await classifier.ClassifyAsync(["do you do present wrapping", "\u0001\u0002"], all);
        Assert.Equal(1.0, results[0].Intents.Sum(i => (double)i.Confidence), 3);
        Assert.Equal("gift_wrapping", results[0].Intent.Label);
        Assert.True(results[1].OutOfScope);
        Assert.Equal(3, (await classifier.ClassifyAsync(["hello"]))[0].Intents.Count);
    }
}
