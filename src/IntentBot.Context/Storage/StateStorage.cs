using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace IntentBot.Context.Storage;

/// <summary>
/// Where every store keeps its state: Redis when <c>ConnectionStrings:Redis</c> is set (shared by every
/// instance), else embedded in this process (the local default, one instance). Decided once, when the app's
/// services are first built, and handed to each store's registration through <see cref="StateStorageServices.Store{TStore}"/>.
/// </summary>
public sealed record StateStorage(string? RedisConnectionString)
{
    public const string ConnectionStringName = "Redis";

    public bool UsesRedis => !string.IsNullOrWhiteSpace(RedisConnectionString);

    /// <summary>Read from the final configuration (environment and test overrides included), not the one registration saw.</summary>
    public static StateStorage From(IConfiguration configuration) => new(configuration.GetConnectionString(ConnectionStringName));
}

public static class StateStorageServices
{
    /// <summary>
    /// Registers the decision and, for Redis, the one multiplexer every store shares (its own singleton, so the
    /// container disposes it). The connection never blocks start-up (abortConnect=false): the server starts, state
    /// calls answer 503 until Redis is reachable, and the client reconnects by itself. Every library that
    /// registers a store calls this; the first registration wins, so a host (or a test) may bring its own multiplexer.
    /// </summary>
    public static IServiceCollection AddStateStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => StateStorage.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var storage = sp.GetRequiredService<StateStorage>();
            if (!storage.UsesRedis) throw new InvalidOperationException("No Redis is configured (ConnectionStrings:Redis): the stores are embedded.");
            var options = ConfigurationOptions.Parse(storage.RedisConnectionString!);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }

    /// <summary>The store the storage decision asks for: <paramref name="redis"/> on the shared multiplexer, else <paramref name="embedded"/>.</summary>
    public static TStore Store<TStore>(this IServiceProvider services, Func<TStore> embedded, Func<IConnectionMultiplexer, TStore> redis) =>
        services.GetRequiredService<StateStorage>().UsesRedis ? redis(services.GetRequiredService<IConnectionMultiplexer>()) : embedded();
}
