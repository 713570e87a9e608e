using IntentBot.Agent;
using IntentBot.Channels;
using IntentBot.Nlu.Hosting;
using IntentBot.Server.Channels;
using IntentBot.Server.Classification;
using IntentBot.Server.Context;
using IntentBot.Server.Desk;
using IntentBot.Server.Health;
using IntentBot.Server.Insights;
using IntentBot.Server.Logging;
using IntentBot.Server.OpenApi;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using IntentBot.Server.Shop;
using IntentBot.Server.Telemetry;
using IntentBot.Shop;

namespace IntentBot.Server;

/// <summary>
/// The whole app's registration and pipeline in one place, so Program.cs and the start-up tests build
/// exactly the same server.
/// </summary>
public static class IntentBotServices
{
    public static WebApplicationBuilder AddIntentBot(this WebApplicationBuilder builder)
    {
        builder.AddPiiMaskedLogging();
        builder.AddProblemHandling();
        builder.AddApiSecurity();
        builder.AddTelemetry();
        // Each library registers itself; the agent's dialogs load after the model host has started (registration order).
        builder.Services.AddIntentBotNlu();
        builder.AddContext();
        builder.Services.AddIntentBotShop();
        builder.Services.AddIntentBotAgent();
        builder.Services.AddIntentBotChannels();
        builder.AddWebChatPage();
        builder.AddDesk();
        builder.AddInsights();
        builder.Services.AddIntentBotOpenApi();
        return builder;
    }

    public static WebApplication MapIntentBot(this WebApplication app)
    {
        app.UseProblemHandling();
        app.UseApiSecurity();
        app.MapHealthApi();
        app.MapTelemetry();
        app.MapClassificationApi();
        app.MapUsersApi();
        app.MapBehaviourApi();
        app.MapIntentBotChannels();
        app.MapWebChatPage();
        app.MapShopImages();
        app.MapDesk();
        app.MapInsights();
        app.MapOpenApi();
        return app;
    }
}
