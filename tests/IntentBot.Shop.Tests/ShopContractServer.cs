using System.Text.Json;
using IntentBot.Shop.Http;
using IntentBot.Shop.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntentBot.Shop.Tests;

/// <summary>
/// A fake shop peer on loopback implementing the REST contract of docs/shop-backend.md over a
/// <see cref="SampleShop"/>, so <see cref="HttpShopBackend"/> (the code under test) talks real HTTP.
/// It checks the X-Api-Key header and can be told to answer slowly or to fail.
/// </summary>
internal sealed class ShopContractServer : IAsyncDisposable
{
    public const string ApiKey = "test-shop-key";

    private readonly WebApplication _app;

    private ShopContractServer(WebApplication app, SampleShop shop)
    {
        _app = app;
        Shop = shop;
    }

    public SampleShop Shop { get; }

    public Uri BaseUrl => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/intentbot/");

    /// <summary>How long every answer is held back (to provoke client timeouts).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, every request answers this status with a problem body.</summary>
    public int? FailWith { get; set; }

    public List<string> Requests { get; } = [];

    public static async Task<ShopContractServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ShopContractServer(app, SampleData.Shop());
        server.Map(app);
        await app.StartAsync();
        return server;
    }

    public HttpShopBackend Client(TimeSpan? timeout = null, string? apiKey = ApiKey)
    {
        var http = new HttpClient { BaseAddress = BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new HttpShopBackend(http);
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            lock (Requests) Requests.Add($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
            if (context.Request.Headers["X-Api-Key"] != ApiKey)
            {
                await Problem(context, 401, "Missing or wrong X-Api-Key.");
                return;
            }

            if (FailWith is { } status)
            {
                await Problem(context, status, "The shop is having a bad day.");
                return;
            }

            await next(context);
        });

        var api = app.MapGroup("/api/intentbot");
        var shop = Shop;
        api.MapGet("/products/search", (string? q, string? category, decimal? minPrice, decimal? maxPrice, bool? inStockOnly, int? limit, CancellationToken ct) =>
            Json(shop.SearchAsync(new ProductQuery(q, category, minPrice, maxPrice, inStockOnly ?? false, limit ?? 10), ct)));
        api.MapGet("/products/{id}", (string id, CancellationToken ct) => JsonOr404(shop.GetProductAsync(id, ct)));
        api.MapGet("/products/{id}/availability", (string id, CancellationToken ct) => JsonOr404(shop.GetAvailabilityAsync(id, ct)));
        api.MapGet("/products/{id}/related", async (string id, int? limit, CancellationToken ct) =>
            await shop.GetProductAsync(id, ct) is null ? Results.NotFound() : await Json(shop.GetRelatedAsync(id, limit ?? 5, ct)));
        api.MapGet("/categories", (CancellationToken ct) => Json(shop.GetCategoriesAsync(ct)));

        api.MapGet("/orders/{number}", (string number, CancellationToken ct) => JsonOr404(shop.GetOrderAsync(number, ct)));
        api.MapGet("/customers/{id}/orders", async (string id, CancellationToken ct) =>
            await shop.GetByIdAsync(id, ct) is null ? Results.NotFound() : await Json(shop.GetOrdersForCustomerAsync(id, ct)));
        api.MapGet("/orders/{number}/cancellation", (string number, CancellationToken ct) => Json(shop.QuoteCancellationAsync(number, ct)));
        api.MapPost("/orders/{number}/cancellation", async (string number, HttpRequest request, CancellationToken ct) =>
            await Json(shop.CancelOrderAsync(number, (await Body<HttpShopBackend.ReasonRequest>(request, ct))?.Reason, ct)));
        api.MapPut("/orders/{number}/shipping-address", async (string number, HttpRequest request, CancellationToken ct) =>
            await Body<Address>(request, ct) is { } address ? await Json(shop.ChangeShippingAddressAsync(number, address, ct)) : Results.BadRequest());
        api.MapGet("/orders/{number}/invoice", (string number, CancellationToken ct) => Json(shop.GetInvoiceAsync(number, ct)));
        api.MapGet("/orders/{number}/return-eligibility", (string number, CancellationToken ct) => Json(shop.CheckReturnEligibilityAsync(number, ct)));
        api.MapPost("/orders/{number}/returns", async (string number, HttpRequest request, CancellationToken ct) =>
            await Json(shop.StartReturnAsync(number, (await Body<HttpShopBackend.ReasonRequest>(request, ct))?.Reason ?? "", ct)));
        api.MapGet("/orders/{number}/refund", (string number, CancellationToken ct) => Json(shop.GetRefundStatusAsync(number, ct)));

        api.MapGet("/policies", (CancellationToken ct) => Json(shop.GetPoliciesAsync(ct)));
        api.MapGet("/policies/shipping-options", (string? country, CancellationToken ct) => Json(shop.GetShippingOptionsAsync(country, ct)));
        api.MapGet("/promotions/active", (string? productId, string? category, decimal? cartValue, CancellationToken ct) =>
            Json(shop.GetActivePromotionsAsync(new PromotionQuery(productId, category, cartValue), ct)));
        api.MapGet("/promotions/{code}", (string code, CancellationToken ct) => JsonOr404(shop.GetByCodeAsync(code, ct)));
        api.MapGet("/customers/{id}", (string id, CancellationToken ct) => JsonOr404(shop.GetByIdAsync(id, ct)));
        api.MapGet("/customers", (string? email, CancellationToken ct) => JsonOr404(shop.GetByEmailAsync(email ?? "", ct)));
    }

    private static async Task<IResult> Json<T>(Task<T> value) => Results.Json(await value, ShopJson.Options);

    private static async Task<IResult> JsonOr404<T>(Task<T?> value) where T : class =>
        await value is { } v ? Results.Json(v, ShopJson.Options) : Results.Problem(statusCode: 404, title: "Not found");

    private static async Task<T?> Body<T>(HttpRequest request, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync<T>(request.Body, ShopJson.Options, ct);

    private static Task Problem(HttpContext context, int status, string title) =>
        Results.Problem(statusCode: status, title: title).ExecuteAsync(context);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
