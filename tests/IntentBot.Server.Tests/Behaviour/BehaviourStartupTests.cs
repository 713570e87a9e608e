using IntentBot.Context.PurchaseIntent;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Tests.Behaviour;

/// <summary>Bad behaviour or purchase-intent configuration stops start-up with a message saying what is wrong.</summary>
public sealed class BehaviourStartupTests
{
    private static Task StartAsync(string key, string value) => StartUp.StartAndStopAsync(key, value);

    [Theory]
    [InlineData("Behaviour:MaxEventsPerBatch", "0", "MaxEventsPerBatch")]
    [InlineData("Behaviour:EventRetention", "00:00:01", "EventRetention")]
    [InlineData("Behaviour:RecentProducts", "-1", "RecentProducts")]
    [InlineData("Behaviour:GlobalStreamMaxLength", "-5", "GlobalStreamMaxLength")]
    [InlineData("PurchaseIntent:TopFactors", "99", "TopFactors")]
    public async Task Invalid_options_stop_start_up(string key, string value, string mention)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(key, value));
        Assert.Contains(mention, ex.Message);
    }

    [Fact]
    public async Task A_missing_purchase_intent_model_stops_start_up()
    {
        var ex = await Assert.ThrowsAsync<PurchaseIntentModelException>(() => StartAsync("PurchaseIntent:ModelPath", "models/no-such-purchase-model"));
        Assert.Contains("no-such-purchase-model", ex.Message);
    }
}
