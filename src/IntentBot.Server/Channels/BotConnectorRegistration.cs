using IntentBot.Channels.BotConnector;

namespace IntentBot.Server.Channels;

/// <summary>Bot Connector channel: POST /api/messages with JWT auth, replies through the v3 conversations API.</summary>
public static class BotConnectorRegistration
{
    public static WebApplicationBuilder AddBotConnectorChannel(this WebApplicationBuilder builder)
    {
        builder.Services.AddBotConnector();
        return builder;
    }

    /// <summary>
    /// Not behind the X-Api-Key filter or the per-IP rate limit: the Bot Framework cannot send our key, it
    /// authenticates with its own signed token, and it calls from a few shared addresses.
    /// </summary>
    public static WebApplication MapBotConnectorChannel(this WebApplication app)
    {
        app.MapBotConnector();
        return app;
    }
}
