using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// What shoppers met when they played the bot with the shipped model: two orders in one message, a yes or no at an
/// address question, a Chinese shopper's address in Latin letters, a Chinese question about a refund's progress. The
/// readings are the model's of those messages (or near them), scripted.
/// </summary>
public sealed class ShopperPlayStories
{
    [Fact]
    public async Task Two_requests_about_two_orders_are_each_about_their_own_order()
    {
        var nlu = Scripted.NewScript()
            .Reads("track W100001 and cancel W100002", Reading.Of("cancel_order", 0.71).Or("track_order", 0.2))
            .Reads("track W100001", Reading.Of("track_order", 0.93))
            .Reads("cancel W100002", Reading.Of("cancel_order", 0.97))
            .Reads("yes", Reading.OffTopic(0.47));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("track W100001 and cancel W100002"))
            .Says("W100001", "shipped", "cancel W100002").DoesNotSay("W100001 cannot be cancelled");
        (await chat.SayAsync("yes")).Says("Shall I cancel order W100002?");
    }

    [Theory]
    [InlineData("no")]
    [InlineData("ok")]
    [InlineData("yes")]
    public async Task A_yes_or_no_at_the_country_question_is_not_a_country(string answer)
    {
        var nlu = Scripted.NewScript()
            .Reads("change address on W100002 to Lindenstr 5, 04109 Leipzig", Reading.Of("change_shipping_address", 0.99))
            .Reads(answer, Reading.OffTopic(0.6))
            .Reads("Germany", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("change address on W100002 to Lindenstr 5, 04109 Leipzig")).Says("Which country");
        (await chat.SayAsync(answer)).Says("country").DoesNotSay("Rest of the world", "ships within");
        (await chat.SayAsync("Germany")).Says("full name");
    }

    [Fact]
    public async Task A_country_code_in_capitals_is_still_that_country()
    {
        var nlu = Scripted.NewScript()
            .Reads("change address on W100002 to Lindenstr 5, 0150 Oslo", Reading.Of("change_shipping_address", 0.99))
            .Reads("NO", Reading.OffTopic(0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("change address on W100002 to Lindenstr 5, 0150 Oslo")).Says("Which country");
        (await chat.SayAsync("NO")).Says("ships within Germany");
    }

    [Fact]
    public async Task A_Chinese_shoppers_address_in_Latin_letters_keeps_the_conversation_in_Chinese()
    {
        var nlu = Scripted.NewScript()
            .Reads("我要改收货地址", Reading.Of("change_shipping_address", 0.95))
            .Reads("W100002", Reading.OffTopic(0.6))
            .Reads("Lindenstraße 5, 04109 Leipzig", Reading.OffTopic(0.8));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我要改收货地址");
        await chat.SayAsync("W100002");
        (await chat.SayAsync("Lindenstraße 5, 04109 Leipzig")).Says("哪个国家").DoesNotSay("Which country");
    }

    [Theory]
    [InlineData("退款到哪了 W100010")]
    [InlineData("W100010 的退款进度怎么样")]
    public async Task A_Chinese_question_about_a_refunds_progress_tracks_the_refund(string message)
    {
        var nlu = Scripted.NewScript().Reads(message, Reading.Of("get_refund", 0.88));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(message)).Says("W100010").DoesNotSay("不能退货");
        Assert.Equal("track_refund", (await chat.StateAsync()).RecentIntents[^1]);
    }
}
