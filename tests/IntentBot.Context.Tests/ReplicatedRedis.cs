using IntentBot.Tests.Shared;
using StackExchange.Redis;

namespace IntentBot.Context.Tests;

/// <summary>A real three-master Redis Cluster (with a replica each) for one test class.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    internal RedisCluster Cluster { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await RedisCluster.StartAsync(fsyncEveryWrite: false);
        Connection = await Cluster.ConnectionAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>A real Sentinel deployment (master, replica, three sentinels) for one test class.</summary>
public sealed class RedisSentinelFixture : IAsyncLifetime
{
    internal RedisSentinelGroup Group { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Group = await RedisSentinelGroup.StartAsync();
        Connection = await Group.ConnectionAsync();
    }

    public async Task DisposeAsync() => await Group.DisposeAsync();
}
