using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

public sealed class SmokeTests
{
    [Fact]
    public async Task Track_order_asks_for_the_number_then_shows_the_order()
    {
        var chat = AgentHarness.Create().Start();
        (await chat.SayAsync("where is my order")).Says("order number");
        var r = await chat.SayAsync("W100001"); Console.WriteLine("TEXT: " + r.Text); r.Says("W100001").ShowsCard("Order W100001");
    }
}
