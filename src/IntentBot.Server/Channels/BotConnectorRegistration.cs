namespace IntentBot.Server.Channels;

/// <summary>Bot Connector channel: POST /api/messages with JWT auth, replies through the v3 conversations API.</summary>
public static class BotConnectorRegistration
{
    public static WebApplicationBuilder AddBotConnectorChannel(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapBotConnectorChannel(this WebApplication app) => app;
}
