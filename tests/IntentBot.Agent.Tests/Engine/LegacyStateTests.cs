using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Context.State;
using IntentBot.Shop;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>A conversation saved while the engine kept its bookkeeping in the slots goes on where it stopped.</summary>
public sealed class LegacyStateTests
{
    [Fact]
    public async Task A_Chinese_cancellation_waiting_for_its_yes_is_completed_in_Chinese()
    {
        var nlu = Scripted.NewScript().Reads("是的", Reading.Of("thanks", 0.5));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("c1001");
        await harness.Store.SaveTurnAsync(new ConversationState
        {
            ConversationId = chat.ConversationId,
            UserId = chat.UserId,
            ActiveDialog = "cancel_order",
            Slots = new Dictionary<string, string>
            {
                ["cancel_order.order_number"] = "W100002",
                ["cancel_order._await"] = "_confirm",
                ["_mem.language"] = "zh",
                ["_transcript"] = """["customer: 我想取消订单 W100002","bot: 确定要取消订单 W100002 吗？"]""",
            },
            TurnCount = 1,
            RecentIntents = ["cancel_order"],
        }, 0, null, 0);

        (await chat.SayAsync("是的")).Says("订单 W100002 已为您取消");
        Assert.Equal(OrderStatus.Cancelled, (await harness.Shop.GetOrderAsync("W100002"))!.Status);
        var state = await chat.StateAsync();
        Assert.DoesNotContain(state.Slots.Keys, key => key.StartsWith('_') || key.Contains("._", StringComparison.Ordinal));
        Assert.Equal("zh", state.Facts.Language);
        Assert.Equal(["customer: 我想取消订单 W100002", "bot: 确定要取消订单 W100002 吗？", "customer: 是的"], state.Transcript.Take(3));
    }
}
