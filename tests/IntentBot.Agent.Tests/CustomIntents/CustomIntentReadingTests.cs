namespace IntentBot.Agent.Tests.CustomIntents;

/// <summary>Custom intents learnt from ten examples read unseen paraphrases, and leave the built-in intents alone.</summary>
public sealed class CustomIntentReadingTests(ShopIntents shop) : IClassFixture<ShopIntents>
{
    [Theory]
    [InlineData("gift_wrapping")]
    [InlineData("loyalty_points")]
    [InlineData("bulk_orders")]
    public async Task At_least_90_percent_of_20_held_out_paraphrases_are_read_as_the_custom_intent(string intent)
    {
        var phrases = ShopIntents.HeldOut[intent];
        Assert.True(phrases.Length >= 20);
        var results = await shop.Classifier.ClassifyAsync(phrases);
        var misread = phrases.Zip(results).Where(p => p.Second.OutOfScope || p.Second.Intent.Label != intent)
            .Select(p => $"'{p.First}' → {(p.Second.OutOfScope ? "out of scope, " : "")}{p.Second.Intent.Label} {p.Second.Intent.Confidence:0.00}").ToList();
        Assert.True(misread.Count <= phrases.Length / 10, $"{misread.Count} of {phrases.Length} misread:\n" + string.Join("\n", misread));
    }

    [Theory]
    [InlineData("where is my order W100001", "track_order")]
    [InlineData("I want a refund for the broken blender", "get_refund")]
    [InlineData("how do I reset my password", "recover_password")]
    [InlineData("what time do you open on saturday", "opening_hours")]
    [InlineData("hi there", "greeting")]
    public async Task Built_in_intents_still_read_as_before(string text, string intent)
    {
        var result = (await shop.Classifier.ClassifyAsync([text]))[0];
        Assert.Equal(intent, result.Intent.Label);
        Assert.False(result.OutOfScope);
    }

    [Theory]
    [InlineData("what's the capital of Peru")]
    [InlineData("will it rain in Berlin tomorrow")]
    [InlineData("tell me a joke about penguins")]
    public async Task Out_of_scope_questions_stay_out_of_scope(string text)
    {
        var result = (await shop.Classifier.ClassifyAsync([text]))[0];
        Assert.True(result.OutOfScope, $"{text} → {result.Intent.Label} {result.Intent.Confidence:0.00}");
    }

    [Fact]
    public void The_model_lists_the_custom_intents_and_the_catalog_has_their_dialogs()
    {
        var labels = shop.Classifier.Model.Intents.ToDictionary(i => i.Name, i => i.Category);
        Assert.Equal("SHOPPING", labels["gift_wrapping"]);
        Assert.Equal("ACCOUNT", labels["loyalty_points"]);
        Assert.Equal(shop.Classifier.BaseClassifier.Model.Intents.Count + 3, labels.Count);
        Assert.NotNull(shop.Catalog.Find("bulk_orders"));
    }
}
