using IntentBot.Context;
using IntentBot.Context.Redis;
using IntentBot.Context.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Faults.Tests;

/// <summary>
/// The Redis a fault test runs the bot on: one server (<see cref="StandaloneDeployment"/>) or a whole cluster
/// (<see cref="ClusterDeployment"/>). The same test body crashes either and reads back what survived.
/// </summary>
public interface IRedisDeployment : IAsyncDisposable
{
    /// <summary>What the servers get: short timeouts so an outage answers quickly instead of hanging.</summary>
    string ConnectionString { get; }

    /// <summary>SIGKILL every Redis process at once.</summary>
    void Kill();

    /// <summary>Start every killed process again on its port and data, and wait until it serves.</summary>
    Task RestartAsync();

    /// <summary>The test's own connection, to read back what the servers stored.</summary>
    Task<IConnectionMultiplexer> ConnectionAsync();

    /// <summary>The conversation state as the agent stored it, read through the product's own Redis store.</summary>
    async Task<ConversationState?> ConversationAsync(string userId, string conversationId)
    {
        var store = new RedisConversationStore(await ConnectionAsync(), Options.Create(new ContextOptions()));
        return (await store.GetConversationAsync(userId, conversationId))?.Value;
    }
}

/// <summary>
/// One redis-server with AOF fsynced on every write, on a fixed port: <see cref="Kill"/> sends SIGKILL (no shutdown,
/// no final save), <see cref="RestartAsync"/> brings it back on the same port and directory, where it replays the
/// append-only file.
/// </summary>
public sealed class StandaloneDeployment : IRedisDeployment
{
    private readonly RedisNode _node;
    private ConnectionMultiplexer? _connection;

    private StandaloneDeployment(RedisNode node) => _node = node;

    public static StandaloneDeployment Start() => new(RedisNode.StartStandalone(appendOnly: true));

    public string ConnectionString => _node.ConnectionString("abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1");

    public void Kill() => _node.Kill();

    public Task RestartAsync()
    {
        _node.Start();
        return Task.CompletedTask;
    }

    public async Task<IConnectionMultiplexer> ConnectionAsync() =>
        _connection ??= await ConnectionMultiplexer.ConnectAsync(_node.ConnectionString("abortConnect=false,connectTimeout=2000"));

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _node.Dispose();
    }
}

/// <summary>A real three-master Redis Cluster (a replica each, AOF fsync always) as a fault test's Redis.</summary>
public sealed class ClusterDeployment : IRedisDeployment
{
    private ClusterDeployment(RedisCluster cluster) => Cluster = cluster;

    internal RedisCluster Cluster { get; }

    public static async Task<ClusterDeployment> StartAsync() => new(await RedisCluster.StartAsync());

    public string ConnectionString => Cluster.ConnectionString;

    public void Kill() => Cluster.KillAll();

    public Task RestartAsync() => Cluster.StartAllAsync();

    public async Task<IConnectionMultiplexer> ConnectionAsync() => await Cluster.ConnectionAsync();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

/// <summary>A real Sentinel deployment (master, replica, three sentinels) as a fault test's Redis.</summary>
public sealed class SentinelDeployment : IRedisDeployment
{
    private SentinelDeployment(RedisSentinelGroup group) => Group = group;

    internal RedisSentinelGroup Group { get; }

    public static async Task<SentinelDeployment> StartAsync() => new(await RedisSentinelGroup.StartAsync());

    public string ConnectionString => Group.ConnectionString;

    public void Kill() => throw new NotSupportedException("The sentinel tests kill one master at a time (KillMasterAsync).");

    public Task RestartAsync() => throw new NotSupportedException("The sentinel tests restart one node at a time.");

    public async Task<IConnectionMultiplexer> ConnectionAsync() => await Group.ConnectionAsync();

    public ValueTask DisposeAsync() => Group.DisposeAsync();
}
