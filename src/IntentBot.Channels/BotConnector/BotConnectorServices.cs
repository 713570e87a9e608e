using IntentBot.Channels.Auth;
using IntentBot.Channels.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using IntentBot.Context.Storage;

namespace IntentBot.Channels.BotConnector;

public static class BotConnectorServices
{
    /// <summary>
    /// Registers the Bot Connector channel: options (validated at start-up), inbound token validation, the
    /// outbound token and connector clients, deduplication and the turn queue. The bot itself (IBot) comes
    /// from the agent's registration.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<BotConnectorOptions>()
            .BindConfiguration(BotConnectorOptions.SectionName)
            .ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);

        // Our own per-attempt timeouts apply; the client-wide one is only a backstop.
        foreach (var name in new[] { ChannelTokenValidator.HttpClientName, ConnectorTokenProvider.HttpClientName, ConnectorClient.HttpClientName })
            services.AddHttpClient(name, client => client.Timeout = TimeSpan.FromMinutes(5));

        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<ReplyDelivery>();
        // Shared through Redis when the server runs on Redis (several instances), else in memory.
        services.AddStateStorage();
        services.TryAddSingleton<IActivityDeduplicator>(sp => sp.Store<IActivityDeduplicator>(
            () => ActivatorUtilities.CreateInstance<InMemoryActivityDeduplicator>(sp),
            redis => ActivatorUtilities.CreateInstance<RedisActivityDeduplicator>(sp, redis)));
        services.AddSingleton<TurnRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnRunner>());
        services.AddHostedService<BotConnectorStartupLog>();
        services.AddKeyedSingleton(TurnRateLimiter.BotConnector, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<BotConnectorOptions>>().Value;
            return new TurnRateLimiter(o.TurnsPerMinute, o.TurnBurst);
        });
        services.AddSingleton<BotConnectorEndpoint>();
        return services;
    }

    public static RouteHandlerBuilder MapBotConnector(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(BotConnectorEndpoint.Route, (HttpContext context, BotConnectorEndpoint endpoint) => endpoint.HandleAsync(context))
            .WithName("BotConnectorMessages")
            .WithSummary("Bot Connector channel endpoint (Azure Bot Service, Teams)")
            .ExcludeFromDescription();
}

/// <summary>Says at start-up, loudly when it matters, whether /api/messages checks who is calling.</summary>
internal sealed class BotConnectorStartupLog(IOptions<BotConnectorOptions> options, ILogger<BotConnectorStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.AuthenticationEnabled)
        {
            logger.LogWarning("Bot Connector is in LOCAL MODE: BotConnector:AppId is not set, so {Route} accepts activities WITHOUT " +
                "authentication and replies are sent without a token. Set BotConnector:AppId and AppPassword for Azure Bot Service / Teams.",
                BotConnectorEndpoint.Route);
        }
        else
        {
            logger.LogInformation("Bot Connector authentication is on for app {AppId} ({Tenancy}); issuers {Issuers}; keys from {MetadataUrl}",
                o.AppId, string.IsNullOrWhiteSpace(o.AppTenantId) ? "multi-tenant" : "single-tenant " + o.AppTenantId,
                string.Join(", ", o.EffectiveIssuers), o.OpenIdMetadataUrl);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
