using IntentBot.Shop;
using IntentBot.Shop.Http;
using IntentBot.Shop.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Tests.Shop;

/// <summary>The Shop section picks the backend and bad settings stop start-up (only the shop's registration, no model).</summary>
public sealed class ShopRegistrationTests
{
    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = IntentBotFactory.RepoRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddIntentBotShop();
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Default_is_the_sample_shop_behind_every_interface()
    {
        await using var app = await StartAsync([]);
        var shop = app.Services.GetRequiredService<SampleShop>();
        Assert.Same(shop, app.Services.GetRequiredService<ICatalog>());
        Assert.Same(shop, app.Services.GetRequiredService<IOrderService>());
        Assert.Same(shop, app.Services.GetRequiredService<IPolicyService>());
        Assert.Same(shop, app.Services.GetRequiredService<IPromotionService>());
        Assert.Same(shop, app.Services.GetRequiredService<ICustomerDirectory>());
        Assert.Equal(OrderStatus.Shipped, (await shop.GetOrderAsync("W100001"))!.Status);
    }

    [Fact]
    public async Task Http_backend_uses_the_configured_base_url()
    {
        await using var app = await StartAsync(new() { ["Shop:Backend"] = "Http", ["Shop:BaseUrl"] = "http://127.0.0.1:9/shop-api", ["Shop:Timeout"] = "00:00:02" });
        var orders = app.Services.GetRequiredService<IOrderService>();
        Assert.IsType<HttpShopBackend>(orders);

        // Port 9 (discard) has no listener on loopback: a clear error naming the call, not a hang or a null.
        var ex = await Assert.ThrowsAsync<ShopUnavailableException>(() => orders.GetOrderAsync("W100001"));
        Assert.Contains("orders/W100001", ex.Message);
    }

    [Theory]
    [InlineData("Shop:Backend", "Http", "BaseUrl")]
    [InlineData("Shop:Timeout", "00:05:00", "Timeout")]
    [InlineData("Shop:SeedPath", "data/missing-shop", "SeedPath")]
    public async Task Invalid_shop_settings_stop_start_up(string key, string value, string mention)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));
        Assert.Contains(mention, ex.Message);
    }
}
