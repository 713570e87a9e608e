namespace IntentBot.Server.Channels;

/// <summary>Bot Connector (/api/messages), Direct Line 3.0 (/v3/directline) and the Web Chat page.</summary>
public static class ChannelsRegistration
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.AddBotConnectorChannel();
        builder.AddDirectLineChannel();
        return builder;
    }

    public static WebApplication MapChannels(this WebApplication app)
    {
        app.MapBotConnectorChannel();
        app.MapDirectLineChannel();
        return app;
    }
}
