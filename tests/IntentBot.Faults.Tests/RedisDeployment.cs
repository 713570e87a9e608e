using IntentBot.Context;
using IntentBot.Context.Redis;
using IntentBot.Context.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Faults.Tests;

/// <summary>
/// The Redis a fault test runs the bot on: one server (<see cref="AofRedis"/>) or a whole cluster
/// (<see cref="ClusterDeployment"/>). The same test body crashes either and reads back what survived.
/// </summary>
public interface IRedisDeployment : IAsyncDisposable
{
    string ConnectionString { get; }

    /// <summary>SIGKILL every Redis process at once.</summary>
    void Kill();

    /// <summary>Start every killed process again on its port and data, and wait until it serves.</summary>
    Task RestartAsync();

    /// <summary>The conversation state as the agent stored it, read through the product's own Redis store.</summary>
    Task<ConversationState?> ConversationAsync(string userId, string conversationId);
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

    public async Task<ConversationState?> ConversationAsync(string userId, string conversationId)
    {
        var store = new RedisConversationStore(await Cluster.ConnectionAsync(), Options.Create(new ContextOptions()));
        return (await store.GetConversationAsync(userId, conversationId))?.Value;
    }

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

    public async Task<ConversationState?> ConversationAsync(string userId, string conversationId)
    {
        var store = new RedisConversationStore(await Group.ConnectionAsync(), Options.Create(new ContextOptions()));
        return (await store.GetConversationAsync(userId, conversationId))?.Value;
    }

    public ValueTask DisposeAsync() => Group.DisposeAsync();
}
