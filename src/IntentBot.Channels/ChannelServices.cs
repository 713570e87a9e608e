using IntentBot.Channels.BotConnector;
using IntentBot.Channels.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Channels;

/// <summary>Both channels the bot is reached through: Bot Connector (/api/messages) and self-hosted Direct Line 3.0 (/v3/directline).</summary>
public static class ChannelServices
{
    /// <summary>Registers both channels. The bot itself (<see cref="Protocol.Bots.IBot"/>) comes from the agent's registration.</summary>
    public static IServiceCollection AddIntentBotChannels(this IServiceCollection services)
    {
        services.AddBotConnector();
        services.AddDirectLine();
        return services;
    }

    /// <summary>
    /// The channels' middleware (WebSockets, CORS) and routes. /api/messages is not behind the X-Api-Key filter or
    /// the per-IP rate limit: the Bot Framework cannot send our key, it authenticates with its own signed token,
    /// and it calls from a few shared addresses.
    /// </summary>
    public static WebApplication MapIntentBotChannels(this WebApplication app)
    {
        app.UseDirectLine();
        app.MapBotConnector();
        app.MapDirectLine();
        return app;
    }
}
