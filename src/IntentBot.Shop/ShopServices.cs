using IntentBot.Shop.Http;
using IntentBot.Shop.Sample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntentBot.Shop;

public static class ShopServices
{
    /// <summary>The named HttpClient for <see cref="HttpShopBackend"/>.</summary>
    public const string HttpClientName = "IntentBot.Shop";

    /// <summary>
    /// Registers the <c>Shop</c> options (validated at start-up, the sample seed folder included) and one shop
    /// object behind ICatalog, IOrderService, IPolicyService, IPromotionService and ICustomerDirectory:
    /// <see cref="SampleShop"/> (in memory, from Shop:SeedPath) or <see cref="HttpShopBackend"/> (Shop:BaseUrl).
    /// </summary>
    public static IServiceCollection AddIntentBotShop(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ShopOptions>()
            .BindConfiguration(ShopOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<ShopOptions>, SeedPathValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // One long-lived client whose pooled connections still get recycled, so DNS changes of the shop are
        // picked up: the backend is a singleton, so the factory's handler rotation would never reach it.
        services.AddHttpClient(HttpClientName, (sp, http) =>
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

        services.AddSingleton(sp => SampleShop.Load(
            SeedFolder(sp.GetRequiredService<IOptions<ShopOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new HttpShopBackend(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));

        services.AddSingleton<ICatalog>(Backend<ICatalog>);
        services.AddSingleton<IOrderService>(Backend<IOrderService>);
        services.AddSingleton<IPolicyService>(Backend<IPolicyService>);
        services.AddSingleton<IPromotionService>(Backend<IPromotionService>);
        services.AddSingleton<ICustomerDirectory>(Backend<ICustomerDirectory>);
        return services;
    }

    /// <summary>The sample shop's seed folder: Shop:SeedPath, relative to the content root.</summary>
    public static string SeedFolder(ShopOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(options.SeedPath, environment.ContentRootPath);

    /// <summary>Chosen when first resolved, from the final configuration (test overrides included).</summary>
    private static T Backend<T>(IServiceProvider sp) where T : class =>
        sp.GetRequiredService<IOptions<ShopOptions>>().Value.Backend == ShopBackend.Http
            ? (T)(object)sp.GetRequiredService<HttpShopBackend>()
            : (T)(object)sp.GetRequiredService<SampleShop>();

    /// <summary>Fails start-up when the sample shop's seed folder is missing, rather than on the first customer question.</summary>
    private sealed class SeedPathValidator(IHostEnvironment environment) : IValidateOptions<ShopOptions>
    {
        public ValidateOptionsResult Validate(string? name, ShopOptions options)
        {
            if (options.Backend != ShopBackend.Sample || string.IsNullOrWhiteSpace(options.SeedPath))
                return ValidateOptionsResult.Success;
            var path = SeedFolder(options, environment);
            return File.Exists(Path.Combine(path, "manifest.json"))
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Shop:SeedPath '{path}' has no manifest.json: point it at the sample shop's seed folder (data/shop).");
        }
    }
}
