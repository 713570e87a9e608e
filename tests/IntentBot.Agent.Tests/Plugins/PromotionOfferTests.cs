using IntentBot.Agent.Plugins;
using IntentBot.Shop.Sample;

namespace IntentBot.Agent.Tests.Plugins;

/// <summary>A code is offered only when it applies to this customer and cart; check_code says why one does not.</summary>
public sealed class PromotionOfferTests
{
    private static PromotionsPlugin Plugin(out SampleShop shop)
    {
        var clock = new ManualClock(PluginKernel.Now);
        shop = SampleShop.Load(PluginKernel.SeedPath, clock);
        return new PromotionsPlugin(shop, shop, clock, shop);
    }

    [Fact]
    public async Task A_newsletter_code_is_offered_to_a_subscriber_only()
    {
        var plugin = Plugin(out _);
        Assert.Contains((await plugin.OfferAsync("c1001")).Data!, p => p.Code == "WELCOME10"); // Anna subscribes
        Assert.DoesNotContain((await plugin.OfferAsync("c1002")).Data!, p => p.Code == "WELCOME10");
        Assert.DoesNotContain((await plugin.OfferAsync(null)).Data!, p => p.Code == "WELCOME10");
    }

    [Fact]
    public async Task A_minimum_spend_code_is_offered_only_when_the_cart_reaches_it()
    {
        var plugin = Plugin(out _);
        Assert.DoesNotContain((await plugin.OfferAsync("c1002", category: "electronics", cartValue: 399m)).Data!, p => p.Code == "TECH50");
        Assert.DoesNotContain((await plugin.OfferAsync("c1002")).Data!, p => p.Code == "SAVE15");
        Assert.Contains((await plugin.OfferAsync("c1002", cartValue: 120m)).Data!, p => p.Code == "SAVE15");
    }

    [Fact]
    public async Task Check_code_says_why_a_code_does_not_apply()
    {
        var plugin = Plugin(out _);
        var newsletter = await plugin.CheckCodeAsync("WELCOME10", customerId: "c1002");
        Assert.Equal("newsletter_only", newsletter.Code);
        var spend = await plugin.CheckCodeAsync("SAVE15", cartValue: 60m, customerId: "c1001");
        Assert.Equal("min_spend", spend.Code);
        Assert.Contains("100", spend.Text, StringComparison.Ordinal);
        var scope = await plugin.CheckCodeAsync("BOOKWORM15", category: "electronics");
        Assert.Equal("not_applicable", scope.Code);
        Assert.True((await plugin.CheckCodeAsync("WELCOME10", customerId: "c1001")).Ok);
    }
}
