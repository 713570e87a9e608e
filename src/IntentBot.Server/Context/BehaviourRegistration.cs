using IntentBot.Context;
using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;
using IntentBot.Context.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Server.Context;

/// <summary>Behaviour events, aggregates and the live context API (issue 4).</summary>
public static class BehaviourRegistration
{
    /// <summary>
    /// Registers the behaviour store next to the conversation store, chosen the same way (Redis when
    /// <c>ConnectionStrings:Redis</c> is set, sharing its multiplexer; else embedded), and the
    /// purchase-intent estimate the context API reports.
    /// </summary>
    public static WebApplicationBuilder AddBehaviourEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<BehaviourOptions>()
            .BindConfiguration(BehaviourOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddOptionsWithValidateOnStart<LiveSessionMappingOptions>()
            .BindConfiguration(LiveSessionMappingOptions.SectionName)
            .ValidateDataAnnotations();

        builder.Services.AddSingleton<IBehaviourStore>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IConfiguration>().GetConnectionString("Redis"))
            ? ActivatorUtilities.CreateInstance<InMemoryBehaviourStore>(sp)
            : ActivatorUtilities.CreateInstance<RedisBehaviourStore>(sp, sp.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddSingleton(sp => new LiveSessionFeatureMapper(sp.GetRequiredService<IOptions<LiveSessionMappingOptions>>().Value));
        builder.Services.AddSingleton<PurchaseIntentEstimator>();
        return builder;
    }

    public static WebApplication MapBehaviourApi(this WebApplication app)
    {
        app.MapEventsApi();
        app.MapContextApi();
        return app;
    }
}
