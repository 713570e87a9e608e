using StackExchange.Redis;
using Xunit;

namespace IntentBot.Testing;

/// <summary>A real Sentinel deployment (master, replica, three sentinels) for one test class.</summary>
public sealed class RedisSentinelFixture : IAsyncLifetime
{
    public RedisSentinelGroup Group { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Group = await RedisSentinelGroup.StartAsync();
        Connection = await Group.ConnectionAsync();
    }

    public async Task DisposeAsync() => await Group.DisposeAsync();
}
