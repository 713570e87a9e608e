using StackExchange.Redis;
using Xunit;

namespace IntentBot.Testing;

/// <summary>A real three-master Redis Cluster (with a replica each) for one test class.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartAsync(fsyncEveryWrite: false);
        Connection = await Cluster.ConnectionAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
