using IntentBot.Agent.Dialogs;
using IntentBot.Nlu.CustomIntents;

namespace IntentBot.Agent.Tests.CustomIntents;

/// <summary>Custom intents learnt from ten examples read clear paraphrases, and leave the built-in intents alone.</summary>
public sealed class CustomIntentReadingTests(ShopIntents shop) : IClassFixture<ShopIntents>
{
    [Theory]
    [InlineData("do you do gift wrapping", "gift_wrapping")]
    [InlineData("could you wrap my order as a present", "gift_wrapping")]
    [InlineData("how many reward points have I got", "loyalty_points")]
    [InlineData("can you engrave a name on my ring", "engraving")]
    public Task Clear_paraphrases_are_read_as_the_custom_intent(string text, string intent)
        => ReadsAsAsync(text, intent);

    [Theory]
    [InlineData("I'd like to buy 3 lamps", "place_order")]
    [InlineData("how do I place an order on your website", "place_order")]
    [InlineData("what is the price of the blue jacket", "price_inquiry")]
    public Task Built_in_messages_near_an_overlapping_custom_intent_stay_built_in(string text, string intent)
        => ReadsAsAsync(text, intent);

    [Fact]
    public async Task The_overlap_of_bulk_orders_with_place_order_is_reported_with_the_examples_to_rephrase()
    {
        var bulk = CustomIntentDialogs.Declared(DialogLoader.LoadFolder(shop.Folder)).Single(i => i.Name == "bulk_orders");
        var fit = await new CustomIntentTrainer(shop.Classifier.BaseClassifier).FitAsync([bulk]);
        var overlap = Assert.Single(fit.Problems, p => p.Message.Contains("bulk_orders overlaps the built-in intent place_order", StringComparison.Ordinal));
        Assert.Equal("bulk_orders.yaml", overlap.Source);
        Assert.Contains("'I want to order 200 units for my company'", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("set overrides: place_order", overlap.Message, StringComparison.Ordinal);
        Assert.NotNull(fit.Head);
    }

    [Theory]
    [InlineData("where is my order W100001", "track_order")]
    [InlineData("I want a refund for the broken blender", "get_refund")]
    [InlineData("how do I reset my password", "recover_password")]
    [InlineData("what time do you open on saturday", "opening_hours")]
    [InlineData("hi there", "greeting")]
    public Task Built_in_intents_still_read_as_before(string text, string intent)
        => ReadsAsAsync(text, intent);

    [Theory]
    [InlineData("what's the capital of Peru")]
    [InlineData("will it rain in Berlin tomorrow")]
    [InlineData("tell me a joke about penguins")]
    public async Task Out_of_scope_questions_stay_out_of_scope(string text)
    {
        var result = (await shop.Classifier.ClassifyAsync([text]))[0];
        Assert.True(result.OutOfScope, $"{text} → {result.Intent.Label} {result.Intent.Confidence:0.00}");
    }

    private async Task ReadsAsAsync(string text, string intent)
    {
        var result = (await shop.Classifier.ClassifyAsync([text]))[0];
        Assert.Equal(intent, result.Intent.Label);
        Assert.False(result.OutOfScope);
    }

    [Fact]
    public void The_model_lists_the_custom_intents_and_the_catalog_has_their_dialogs()
    {
        var labels = shop.Classifier.Model.Intents.ToDictionary(i => i.Name, i => i.Category);
        Assert.Equal("SHOPPING", labels["gift_wrapping"]);
        Assert.Equal("ACCOUNT", labels["loyalty_points"]);
        Assert.Equal(shop.Classifier.BaseClassifier.Model.Intents.Count + 4, labels.Count);
        Assert.NotNull(shop.Catalog.Find("bulk_orders"));
    }
}
