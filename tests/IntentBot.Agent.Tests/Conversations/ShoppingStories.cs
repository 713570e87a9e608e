using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Products, prices, recommendations, delivery, and purchase intent at work.</summary>
public sealed class ShoppingStories
{
    [Fact]
    public async Task Product_inquiry_shows_product_cards()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("is the Stormshell rain jacket waterproof")).Says("Stormshell").ShowsCard("Stormshell").ShowsCard("AdaptiveCard");
    }

    [Fact]
    public async Task Price_inquiry_gives_the_price()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("how much does the Sonora QuietPro cost")).Says("QuietPro", "249.99").ShowsCard("QuietPro");
    }

    [Fact]
    public async Task Price_inquiry_without_a_product_asks_which()
    {
        // The answer names a product, so a model may well read it as a product question: not sure enough to interrupt.
        var nlu = Scripted.NewScript()
            .Reads("what's the price", Reading.Of("price_inquiry", 0.95))
            .Reads("the Barista Co Milano espresso machine", Reading.Of("product_inquiry", 0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("what's the price")).Says("Which product");
        (await chat.SayAsync("the Barista Co Milano espresso machine")).Says("399");
    }

    [Fact]
    public async Task Recommendation_returns_product_cards()
    {
        var chat = AgentHarness.Create().Start("c1001");
        var reply = await chat.SayAsync("can you recommend headphones");
        reply.Says("top picks");
        Assert.True(reply.Cards.Count >= 2, $"expected several product cards, got {reply.Cards.Count}");
        Assert.Equal("carousel", reply.Messages.First(m => m.Attachments is not null).AttachmentLayout);
    }

    [Fact]
    public async Task Recommendation_uses_what_the_customer_viewed_and_searched()
    {
        var nlu = Scripted.NewScript()
            .Reads("what would you recommend", Reading.Of("recommendation", 0.95))
            .Reads("something for my kitchen", Reading.Of("product_inquiry", 0.6));
        var signals = new RecordedSignals(new CustomerSignals(null, ["espresso machine"], []));
        var chat = AgentHarness.Create(signals: signals, classifier: nlu).Start("c1001");
        (await chat.SayAsync("what would you recommend")).Says("What are you looking for");
        (await chat.SayAsync("something for my kitchen")).ShowsCard("Espresso").Says("top picks");

        // The same request from a customer with no history finds other things.
        var stranger = AgentHarness.Create(classifier: nlu).Start("c1002");
        await stranger.SayAsync("what would you recommend");
        var plain = await stranger.SayAsync("something for my kitchen");
        Assert.DoesNotContain(plain.Cards, c => c.GetRawText().Contains("Espresso", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hesitating_likely_buyer_is_offered_a_promotion_once()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("is the Stormshell rain jacket waterproof")).DoesNotSay("code");
        (await chat.SayAsync("can you recommend headphones")).DoesNotSay("Good news");
        // Two shopping questions: purchase intent is high; asking the price is hesitation.
        (await chat.SayAsync("how much does the Sonora QuietPro cost")).Says("249.99", "Good news", "QUIET25");
        (await chat.SayAsync("how long does shipping take")).Says("business days").DoesNotSay("save with code");
    }

    [Fact]
    public async Task Behaviour_store_purchase_intent_triggers_the_offer_on_delivery_questions()
    {
        var signals = new RecordedSignals(new CustomerSignals(0.9, [], []));
        // c1013 subscribes and has not ordered yet, so the first-order welcome code is theirs to use.
        var chat = AgentHarness.Create(signals: signals).Start("c1013");
        (await chat.SayAsync("what shipping methods are available")).Says("save with code", "WELCOME10");
        Assert.Single(signals.Turns);
        Assert.Equal("delivery_options", signals.Turns[0].Intent);
    }

    [Fact]
    public async Task Delivery_period_and_options_are_answered_without_an_offer_for_a_browser()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("how long does shipping take")).Says("business days").DoesNotSay("code");
        (await chat.SayAsync("what delivery options do you have")).Says("Delivery to").DoesNotSay("code");
    }

    [Fact]
    public async Task Newsletter_is_explained()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("I want to subscribe to the newsletter")).Says("newsletter");
    }
}

/// <summary>A behaviour context with fixed signals that records the chat turns it is told about.</summary>
internal sealed class RecordedSignals(CustomerSignals signals) : ICustomerSignals
{
    public List<ChatTurnSignal> Turns { get; } = [];

    public Task<CustomerSignals> GetAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(signals);

    public Task RecordChatTurnAsync(ChatTurnSignal turn, CancellationToken cancellationToken)
    {
        lock (Turns) Turns.Add(turn);
        return Task.CompletedTask;
    }
}
