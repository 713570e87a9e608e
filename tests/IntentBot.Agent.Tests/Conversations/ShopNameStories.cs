using IntentBot.Agent.Telemetry;
using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// The shop's own brand and product-line names, which a model never saw: a product question naming them is
/// answered from the catalog, and the names never pull a general question into the shop.
/// </summary>
/// <remarks>
/// Which questions a model puts out of scope differs from model to model, so the model's verdicts are scripted
/// here: the first reading out of scope, the second one (the message without the names the catalog knows) as
/// given. What is real is the catalog search that finds the names and the text that is read again.
/// ProductQuestionCoverage measures what the shipped model makes of 102 such questions.
/// </remarks>
public sealed class ShopNameStories
{
    [Theory]
    [InlineData("does the Ridgeline tent fit 3 people", "does the tent fit 3 people", "Tent")]
    [InlineData("is the Ferro pan induction compatible", "is the pan induction compatible", "Ferro")]
    [InlineData("is the Meeple House game good for 2 players", "is the game good for 2 players", "Meeple House")]
    [InlineData("what age is the Brickly castle for", "what age is the castle for", "Brickly")]
    [InlineData("is the Lumen Zen 4 TV a smart tv", "is the 4 TV a smart tv", "Lumen")]
    public async Task A_product_question_naming_the_shops_own_line_is_answered_from_the_catalog(string message, string withoutNames, string product)
    {
        var nlu = NewScript().Reads(message, Reading.OffTopic(0.6)).Reads(withoutNames, Reading.Of("product_inquiry", 0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(message)).ShowsCard(product).DoesNotSay("I'm the shop's assistant");
        Assert.Equal("product_inquiry", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Equal([message, withoutNames], nlu.Classified);
    }

    [Theory]
    [InlineData("what is the highest Summit in Europe", "what is the highest in Europe")]
    [InlineData("how do I grow a Lotus flower", "how do I grow a flower")]
    [InlineData("what's a good recipe with Saffron", "what's a good recipe with")]
    [InlineData("what is the capital of Nova Scotia", "what is the capital of Scotia")]
    public async Task A_general_question_using_a_word_of_the_catalog_stays_out_of_scope(string message, string withoutNames)
    {
        var nlu = NewScript().Reads(message, Reading.OffTopic(0.9)).Reads(withoutNames, Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(message)).Says("I'm the shop's assistant");
        Assert.Equal("out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Equal([message, withoutNames], nlu.Classified);
    }

    private static ScriptedClassifier FerroQuestion() => NewScript()
        .Reads("is the Ferro pan induction compatible", Reading.OffTopic(0.6))
        .Reads("is the pan induction compatible", Reading.Of("product_inquiry", 0.99));

    [Fact]
    public async Task Without_the_catalog_the_models_verdict_stands_and_the_turn_still_answers()
    {
        // The second reading cannot search: the shop's HTTP backend does not answer.
        var nlu = FerroQuestion();
        var chat = AgentHarness.Create(classifier: nlu, products: UnreachableShop.Create()).Start("c1001");
        (await chat.SayAsync("is the Ferro pan induction compatible")).Says("I'm the shop's assistant");
        Assert.Equal("out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Single(nlu.Classified);
    }

    [Fact]
    public async Task A_catalog_that_fails_in_any_way_leaves_the_verdict_and_the_turn_answers()
    {
        var nlu = FerroQuestion();
        var chat = AgentHarness.Create(classifier: nlu, products: new BrokenCatalog()).Start("c1001");
        (await chat.SayAsync("is the Ferro pan induction compatible")).Says("I'm the shop's assistant");
        Assert.Equal("out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Single(nlu.Classified);
    }

    /// <summary>A shop backend that answers nonsense: the agent must not depend on it for an enrichment.</summary>
    private sealed class BrokenCatalog : Shop.ICatalog
    {
        public Task<Shop.ProductSearchResult> SearchAsync(Shop.ProductQuery query, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The backend's reply had no items.");
        public Task<Shop.Product?> GetProductAsync(string idOrSku, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Shop.Category>> GetCategoriesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<Shop.Availability?> GetAvailabilityAsync(string idOrSku, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Shop.Product>> GetRelatedAsync(string idOrSku, int limit = 5, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Each_second_reading_is_counted_by_its_outcome()
    {
        using var readings = MeterCapture.Start(AgentTelemetry.Name, "intentbot.bot.shop_name_readings");

        var nlu = FerroQuestion()
            .Reads("who painted the Milano cathedral", Reading.OffTopic(0.9))
            .Reads("who painted the cathedral", Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("is the Ferro pan induction compatible");
        await chat.SayAsync("who painted the Milano cathedral");

        // The Ferro question was read again and kept in scope; the cathedral question's verdict stood.
        Assert.Equal(["in_scope", "out_of_scope"], readings.TagValues("intentbot.bot.shop_name_readings", AgentTelemetry.OutcomeTag));
        Assert.All(readings.Of("intentbot.bot.shop_name_readings"), m => Assert.Equal(1, m.Value));
        Assert.Contains("who painted the cathedral", nlu.Classified);
    }
}
