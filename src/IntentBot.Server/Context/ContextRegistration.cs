using IntentBot.Context;

namespace IntentBot.Server.Context;

/// <summary>The context library (stores, behaviour, live purchase intent) and the server's own part: its APIs and AOF rewrites after erasures.</summary>
public static class ContextRegistration
{
    public static WebApplicationBuilder AddContext(this WebApplicationBuilder builder)
    {
        builder.Services.AddIntentBotContext();
        builder.Services.AddSingleton<ErasureAofRewriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ErasureAofRewriter>());
        builder.Services.AddSingleton<PurchaseIntentEstimator>();
        return builder;
    }

    /// <summary>Behaviour events in, the live context out.</summary>
    public static WebApplication MapBehaviourApi(this WebApplication app)
    {
        app.MapEventsApi();
        app.MapContextApi();
        return app;
    }
}
