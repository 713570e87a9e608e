namespace IntentBot.Shop.Tests;

/// <summary>The HTTP client against a loopback shop that implements docs/shop-backend.md.</summary>
public sealed class HttpShopBackendTests : IAsyncLifetime
{
    private ShopContractServer _server = null!;

    public async Task InitializeAsync() => _server = await ShopContractServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reads_orders_products_customers_policies_and_promotions()
    {
        var client = _server.Client();

        var order = await client.GetOrderAsync("W100001");
        Assert.Equal(OrderStatus.Shipped, order!.Status);
        Assert.Equal(await _server.Shop.GetOrderAsync("W100001"), order, OrderComparer);

        var search = await client.SearchAsync(new ProductQuery("wireless headphones", MaxPrice: 300m, InStockOnly: true, Limit: 3));
        Assert.Equal((await _server.Shop.SearchAsync(new ProductQuery("wireless headphones", MaxPrice: 300m, InStockOnly: true, Limit: 3))).Items.Select(i => i.Product.Id),
            search.Items.Select(i => i.Product.Id));
        Assert.Equal("P1001", (await client.GetProductAsync("P1001"))!.Id);
        Assert.Equal(StockLevel.OutOfStock, (await client.GetAvailabilityAsync("P1002"))!.Level);
        Assert.NotEmpty(await client.GetRelatedAsync("P1001", 3));
        Assert.Equal(9, (await client.GetCategoriesAsync()).Count);
        Assert.Equal("c1001", (await client.GetByEmailAsync("Anna.Schmidt@example.com"))!.Id);
        Assert.Contains(await client.GetOrdersForCustomerAsync("c1001"), o => o.Number == "W100003");
        Assert.Equal(30, (await client.GetPoliciesAsync()).Refund.WindowDays);
        Assert.All(await client.GetShippingOptionsAsync("FR"), o => Assert.Equal("eu", o.RegionId));
        Assert.Contains(await client.GetActivePromotionsAsync(new PromotionQuery(Category: "shoes")), p => p.Code == "SUMMER20");
        Assert.Equal(DiscountKind.Amount, (await client.GetByCodeAsync("tech50"))!.Kind);
        Assert.Contains(_server.Requests, r => r.StartsWith("GET /api/intentbot/products/search?q=wireless%20headphones", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outcomes_travel_both_ways_and_changes_happen_on_the_shop()
    {
        var client = _server.Client();

        var quote = await client.QuoteCancellationAsync("W100002");
        Assert.True(quote.Succeeded);
        Assert.Equal(5.00m, quote.Fee);

        var refused = await client.ChangeShippingAddressAsync("W100001", new Address("Anna Schmidt", "Gartenweg 5", null, "Berlin", "10115", "DE"));
        Assert.False(refused.Succeeded);
        Assert.Equal(OutcomeCode.NotAllowedInStatus, refused.Code);

        var cancelled = await client.CancelOrderAsync("W100007", "Found it cheaper");
        Assert.True(cancelled.Succeeded);
        Assert.Equal(OrderStatus.Cancelled, (await _server.Shop.GetOrderAsync("W100007"))!.Status);
        Assert.Equal("Found it cheaper", (await _server.Shop.GetOrderAsync("W100007"))!.Cancellation!.Reason);

        var outside = await client.StartReturnAsync("W100004", "Broken");
        Assert.Equal(OutcomeCode.OutsideWindow, outside.Code);
        Assert.NotNull(outside.WindowEndsOn);

        var started = await client.StartReturnAsync("W100003", "Wrong size");
        Assert.True(started.Succeeded);
        Assert.Equal(RefundStatus.Pending, (await client.GetRefundStatusAsync("W100003")).Refund!.Status);

        var invoice = await client.GetInvoiceAsync("W100003");
        Assert.StartsWith("INV-", invoice.Invoice!.InvoiceNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_things_are_null_or_not_found_outcomes()
    {
        var client = _server.Client();

        Assert.Null(await client.GetOrderAsync("W999999"));
        Assert.Null(await client.GetProductAsync("P9999"));
        Assert.Null(await client.GetByIdAsync("c9999"));
        Assert.Null(await client.GetByCodeAsync("NOPE"));
        Assert.Empty(await client.GetRelatedAsync("P9999"));
        Assert.Equal(OutcomeCode.NotFound, (await client.CancelOrderAsync("W999999", null)).Code);
        Assert.Equal(OutcomeCode.NotFound, (await client.GetRefundStatusAsync("W999999")).Code);
    }

    [Fact]
    public async Task A_slow_shop_times_out_with_a_clear_error()
    {
        _server.Delay = TimeSpan.FromSeconds(30);
        var client = _server.Client(timeout: TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<ShopUnavailableException>(() => client.GetOrderAsync("W100001"));

        Assert.Contains("did not answer GET orders/W100001 within 0.3 s", ex.Message);
    }

    [Fact]
    public async Task Server_errors_and_a_wrong_key_are_clear_errors_not_nulls()
    {
        _server.FailWith = 503;
        var ex = await Assert.ThrowsAsync<ShopUnavailableException>(() => _server.Client().GetOrderAsync("W100001"));
        Assert.Contains("503", ex.Message);

        _server.FailWith = null;
        var unauthorised = await Assert.ThrowsAsync<ShopUnavailableException>(() => _server.Client(apiKey: "wrong").GetPoliciesAsync());
        Assert.Contains("401", unauthorised.Message);
    }

    [Fact]
    public async Task An_unreachable_shop_is_a_clear_error()
    {
        var baseUrl = _server.BaseUrl;
        await _server.DisposeAsync();
        var client = new Http.HttpShopBackend(new HttpClient { BaseAddress = baseUrl });

        var ex = await Assert.ThrowsAsync<ShopUnavailableException>(() => client.GetOrderAsync("W100001"));

        Assert.Contains("could not be reached", ex.Message);
        _server = await ShopContractServer.StartAsync();
    }

    /// <summary>Records holding lists compare by reference; compare the JSON instead.</summary>
    private static readonly IEqualityComparer<Order?> OrderComparer = EqualityComparer<Order?>.Create(
        (a, b) => System.Text.Json.JsonSerializer.Serialize(a, ShopJson.Options) == System.Text.Json.JsonSerializer.Serialize(b, ShopJson.Options));
}
