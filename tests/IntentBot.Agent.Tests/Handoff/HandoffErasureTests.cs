using IntentBot.Agent.Handoff;
using StackExchange.Redis;

namespace IntentBot.Agent.Tests.Handoff;

/// <summary>User erasure on both inboxes: the user's records go (by user id or by conversation), others stay.</summary>
public abstract class HandoffErasureContract
{
    protected abstract IHandoffInbox Inbox { get; }

    protected static HandoffRecord Record(string conversation, string user) =>
        new(conversation, user, "directline", "requested", "contact_human_agent", ["customer: I want a human " + user], DateTimeOffset.UtcNow);

    [Fact]
    public async Task Erasing_a_user_drops_their_handoffs_by_user_and_by_conversation_only()
    {
        var (user, other) = ("u-" + Guid.NewGuid().ToString("N"), "o-" + Guid.NewGuid().ToString("N"));
        var (byUser, byConversation, kept) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await Inbox.EnqueueAsync(Record(byUser, user));
        await Inbox.EnqueueAsync(Record(byConversation, "someone-the-record-does-not-name"));
        await Inbox.EnqueueAsync(Record(kept, other));

        await Inbox.EraseUserAsync(user, [byConversation]);
        await Inbox.EraseUserAsync(user, [byConversation]); // idempotent

        Assert.Null(await Inbox.FindOpenAsync(byUser));
        Assert.Null(await Inbox.FindOpenAsync(byConversation));
        Assert.NotNull(await Inbox.FindOpenAsync(kept));
        Assert.DoesNotContain(await Inbox.ListOpenAsync(), r => r.UserId == user);
    }
}

public sealed class InMemoryHandoffErasureTests : HandoffErasureContract
{
    protected override IHandoffInbox Inbox { get; } = new InMemoryHandoffInbox();
}

public sealed class RedisHandoffErasureTests(RedisServer redis) : HandoffErasureContract, IClassFixture<RedisServer>
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    protected override IHandoffInbox Inbox => new RedisHandoffInbox(redis.Connection, _prefix);

    [Fact]
    public async Task The_event_stream_keeps_no_entry_of_an_erased_user()
    {
        var user = "u-" + Guid.NewGuid().ToString("N");
        var conversation = Guid.NewGuid().ToString("N");
        await Inbox.EnqueueAsync(Record(conversation, user));
        await Inbox.EnqueueAsync(Record(conversation, user) with { Transcript = ["customer: hello? " + user] });
        await Inbox.EnqueueAsync(Record("kept", "other"));

        await Inbox.EraseUserAsync(user, []);

        var entries = await redis.Connection.GetDatabase().StreamRangeAsync($"{_prefix}:{{handoffs}}:events");
        var left = Assert.Single(entries);
        Assert.Equal("kept", (string?)left["conversationId"]);
        Assert.DoesNotContain(entries.SelectMany(e => e.Values), v => ((string?)v.Value)!.Contains(user, StringComparison.Ordinal));
    }
}

/// <summary>
/// Keys a version without the hash tag wrote (<c>{prefix}:handoffs:*</c>) are moved to the tagged names on first use,
/// merged into tagged ones that already exist, and leave nothing behind for erasure to miss.
/// </summary>
public sealed class RedisHandoffKeyMoveTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static string Json(HandoffRecord record) => System.Text.Json.JsonSerializer.Serialize(record, HandoffJsonContext.Default.HandoffRecord);

    [Fact]
    public async Task Untagged_keys_are_renamed_on_first_use()
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..8];
        var db = redis.Connection.GetDatabase();
        var old = new HandoffRecord("conv-old", "user-old", "directline", "requested", "contact_human_agent", ["customer: help"], DateTimeOffset.UtcNow);
        await db.HashSetAsync($"{prefix}:handoffs:open", "conv-old", Json(old));
        await db.StreamAddAsync($"{prefix}:handoffs:events", [new NameValueEntry("conversationId", "conv-old"), new NameValueEntry("record", Json(old))]);

        var inbox = new RedisHandoffInbox(redis.Connection, prefix);
        Assert.Equal("user-old", Assert.Single(await inbox.ListOpenAsync()).UserId);

        Assert.DoesNotContain(redis.AllKeys(), k => k.StartsWith(prefix + ":handoffs:", StringComparison.Ordinal));
        Assert.Single(await db.StreamRangeAsync($"{prefix}:{{handoffs}}:events"));
    }

    [Fact]
    public async Task Untagged_records_merge_into_an_existing_tagged_hash()
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..8];
        var db = redis.Connection.GetDatabase();
        var inbox = new RedisHandoffInbox(redis.Connection, prefix);
        await inbox.EnqueueAsync(new HandoffRecord("conv-new", "user-new", "directline", "requested", "contact_human_agent", [], DateTimeOffset.UtcNow));
        // An instance of the older version, still running during a rolling upgrade, wrote after the move.
        var old = new HandoffRecord("conv-old", "user-old", "directline", "requested", "contact_human_agent", [], DateTimeOffset.UtcNow);
        await db.HashSetAsync($"{prefix}:handoffs:open", "conv-old", Json(old));
        await db.StreamAddAsync($"{prefix}:handoffs:events", [new NameValueEntry("conversationId", "conv-old"), new NameValueEntry("record", Json(old))]);

        var restarted = new RedisHandoffInbox(redis.Connection, prefix);
        Assert.Equal(["conv-new", "conv-old"], (await restarted.ListOpenAsync()).Select(r => r.ConversationId).Order());

        Assert.DoesNotContain(redis.AllKeys(), k => k.StartsWith(prefix + ":handoffs:", StringComparison.Ordinal));
    }
}

/// <summary>The inbox contract on a real three-master Redis Cluster: the handoff's MULTI spans two keys of one slot.</summary>
public sealed class ClusterHandoffErasureTests : HandoffErasureContract, IAsyncLifetime
{
    private RedisCluster _cluster = null!;
    private ConnectionMultiplexer _connection = null!;

    // A generous bound: six Redis processes share the CI machine's cores, and the contract is about behaviour, not latency.
    protected override IHandoffInbox Inbox => new RedisHandoffInbox(_connection, "cl", TimeSpan.FromSeconds(15));

    public async Task InitializeAsync()
    {
        _cluster = await RedisCluster.StartAsync(fsyncEveryWrite: false);
        _connection = await _cluster.ConnectionAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
