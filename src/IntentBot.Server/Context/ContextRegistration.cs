using IntentBot.Context;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using StackExchange.Redis;

namespace IntentBot.Server.Context;

public static class ContextRegistration
{
    /// <summary>
    /// Registers the context store: Redis when <c>ConnectionStrings:Redis</c> is set, else the embedded
    /// in-memory store (the local default, single instance). The Redis connection never blocks start-up
    /// (abortConnect=false): the server starts, state calls answer 503 until Redis is reachable, and the
    /// client reconnects by itself.
    /// </summary>
    public static WebApplicationBuilder AddContextStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<ContextOptions>()
            .BindConfiguration(ContextOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ErasureAofRewriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ErasureAofRewriter>());

        // Chosen when first resolved, from the final configuration (environment, test overrides included).
        // The multiplexer is its own singleton so the container disposes it; it exists only with Redis.
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(RedisConnectionString(sp)!);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddSingleton<IConversationStore>(sp => string.IsNullOrWhiteSpace(RedisConnectionString(sp))
            ? ActivatorUtilities.CreateInstance<InMemoryConversationStore>(sp)
            : ActivatorUtilities.CreateInstance<RedisConversationStore>(sp, sp.GetRequiredService<IConnectionMultiplexer>()));
        return builder;
    }

    private static string? RedisConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Redis");
}
