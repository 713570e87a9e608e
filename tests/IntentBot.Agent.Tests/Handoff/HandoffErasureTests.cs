using IntentBot.Agent.Handoff;
using IntentBot.Context.Tests;
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

        var entries = await redis.Connection.GetDatabase().StreamRangeAsync($"{_prefix}:handoffs:events");
        var left = Assert.Single(entries);
        Assert.Equal("kept", (string?)left["conversationId"]);
        Assert.DoesNotContain(entries.SelectMany(e => e.Values), v => ((string?)v.Value)!.Contains(user, StringComparison.Ordinal));
    }
}
