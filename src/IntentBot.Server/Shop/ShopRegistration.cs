using IntentBot.Shop;
using IntentBot.Shop.Http;
using IntentBot.Shop.Sample;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Shop;

/// <summary>The shop backend seam: the sample shop by default, a real shop over HTTP when configured.</summary>
public static partial class ShopRegistration
{
    /// <summary>The named HttpClient for <see cref="HttpShopBackend"/>.</summary>
    public const string HttpClientName = "IntentBot.Shop";

    /// <summary>
    /// Registers the <c>Shop</c> options (validated at start-up, the sample seed folder included) and one shop
    /// object behind ICatalog, IOrderService, IPolicyService, IPromotionService and ICustomerDirectory:
    /// <see cref="SampleShop"/> (in memory, from Shop:SeedPath) or <see cref="HttpShopBackend"/> (Shop:BaseUrl).
    /// </summary>
    public static WebApplicationBuilder AddShop(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<ShopOptions>()
            .BindConfiguration(ShopOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<IValidateOptions<ShopOptions>, SeedPathValidator>();
        builder.Services.AddSingleton(TimeProvider.System);

        // One long-lived client whose pooled connections still get recycled, so DNS changes of the shop are
        // picked up: the backend is a singleton, so the factory's handler rotation would never reach it.
        builder.Services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<ShopOptions>>().Value;
                if (!string.IsNullOrWhiteSpace(options.BaseUrl) && options.BaseUrl is { } baseUrl)
                    http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                http.Timeout = options.Timeout;
                if (!string.IsNullOrEmpty(options.ApiKey))
                    http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
                http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        builder.Services.AddSingleton(sp => SampleShop.Load(
            SeedPathValidator.Resolve(sp.GetRequiredService<IOptions<ShopOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new HttpShopBackend(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));

        builder.Services.AddSingleton<ICatalog>(Backend<ICatalog>);
        builder.Services.AddSingleton<IOrderService>(Backend<IOrderService>);
        builder.Services.AddSingleton<IPolicyService>(Backend<IPolicyService>);
        builder.Services.AddSingleton<IPromotionService>(Backend<IPromotionService>);
        builder.Services.AddSingleton<ICustomerDirectory>(Backend<ICustomerDirectory>);
        return builder;
    }

    /// <summary>
    /// The sample shop's product pictures and logo (Shop:SeedPath/images/*.svg) at /shop-images/, the paths its
    /// products' imageUrl name; mapped only for the sample backend (a real shop serves its own pictures).
    /// </summary>
    public static WebApplication MapShopImages(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ShopOptions>>().Value;
        if (options.Backend != ShopBackend.Sample) return app;
        var folder = Path.Combine(SeedPathValidator.Resolve(options, app.Environment), "images");
        app.MapGet("/shop-images/{name}", (HttpContext context, string name) =>
            {
                // Only plain file names of the folder's own pictures: no paths, no other file types.
                if (!ImageName().IsMatch(name)) return Results.NotFound();
                var path = Path.Combine(folder, name);
                if (!File.Exists(path)) return Results.NotFound();
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return Results.File(path, "image/svg+xml", lastModified: File.GetLastWriteTimeUtc(path));
            })
            .ExcludeFromDescription();
        return app;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,80}\\.svg$")]
    private static partial System.Text.RegularExpressions.Regex ImageName();

    /// <summary>Chosen when first resolved, from the final configuration (test overrides included).</summary>
    private static T Backend<T>(IServiceProvider sp) where T : class =>
        sp.GetRequiredService<IOptions<ShopOptions>>().Value.Backend == ShopBackend.Http
            ? (T)(object)sp.GetRequiredService<HttpShopBackend>()
            : (T)(object)sp.GetRequiredService<SampleShop>();

    /// <summary>Fails start-up when the sample shop's seed folder is missing, rather than on the first customer question.</summary>
    private sealed class SeedPathValidator(IHostEnvironment environment) : IValidateOptions<ShopOptions>
    {
        public static string Resolve(ShopOptions options, IHostEnvironment environment) =>
            Path.GetFullPath(options.SeedPath, environment.ContentRootPath);

        public ValidateOptionsResult Validate(string? name, ShopOptions options)
        {
            if (options.Backend != ShopBackend.Sample || string.IsNullOrWhiteSpace(options.SeedPath))
                return ValidateOptionsResult.Success;
            var path = Resolve(options, environment);
            return File.Exists(Path.Combine(path, "manifest.json"))
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Shop:SeedPath '{path}' has no manifest.json: point it at the sample shop's seed folder (data/shop).");
        }
    }
}
