using System.Text.Json;
using IntentBot.Channels.DirectLine;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>The same contract for both transcript stores: ids from positions, watermarks, wake-ups, expiry.</summary>
public abstract class TranscriptStoreContractTests
{
    protected static readonly IOptions<DirectLineOptions> Options = Microsoft.Extensions.Options.Options.Create(new DirectLineOptions());

    protected abstract ITranscriptStore Store { get; }

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = "ignored",
        Text = text,
        From = new ChannelAccount { Id = "u", Role = RoleTypes.User },
        ChannelData = JsonDocument.Parse("""{"clientActivityID":"c1","nested":{"keep":[1,2,{}]}}""").RootElement,
        ExtensionData = new Dictionary<string, JsonElement> { ["vendorField"] = JsonDocument.Parse("[]").RootElement },
    };

    [Fact]
    public async Task A_conversation_is_created_once()
    {
        var id = DirectLineConversations.NewConversationId();
        Assert.False(await Store.ExistsAsync(id, default));
        Assert.True(await Store.CreateAsync(id, default));
        Assert.False(await Store.CreateAsync(id, default));
        Assert.True(await Store.ExistsAsync(id, default));
    }

    [Fact]
    public async Task Erasing_a_user_drops_the_conversations_given_and_every_one_naming_them_only()
    {
        var user = "erase-" + Guid.NewGuid().ToString("N");
        var (chatted, welcomed, given, other) = (DirectLineConversations.NewConversationId(), DirectLineConversations.NewConversationId(),
            DirectLineConversations.NewConversationId(), DirectLineConversations.NewConversationId());
        foreach (var id in new[] { chatted, welcomed, given, other }) await Store.CreateAsync(id, default);
        var said = Message("mine");
        said.From = new ChannelAccount { Id = user, Role = RoleTypes.User };
        await Store.AppendAsync(chatted, [said], default);
        // A welcome names the user only as its recipient.
        await Store.AppendAsync(welcomed, [new Activity { Type = ActivityTypes.Message, Text = "hi", From = new ChannelAccount { Id = "bot", Role = RoleTypes.Bot },
            Recipient = new ChannelAccount { Id = user, Role = RoleTypes.User } }], default);
        await Store.AppendAsync(other, [Message("someone else's")], default);

        await Store.EraseUserAsync(user, [given], default);
        await Store.EraseUserAsync(user, [given], default); // idempotent

        Assert.False(await Store.ExistsAsync(chatted, default));
        Assert.False(await Store.ExistsAsync(welcomed, default));
        Assert.False(await Store.ExistsAsync(given, default));
        Assert.Null(await Store.ReadAsync(chatted, 0, 100, default));
        Assert.Equal("someone else's", Assert.Single((await Store.ReadAsync(other, 0, 100, default))!.Activities).Text);
    }

    [Fact]
    public async Task Appends_get_sequential_ids_and_read_back_intact_from_any_watermark()
    {
        var id = DirectLineConversations.NewConversationId();
        await Store.CreateAsync(id, default);
        var first = await Store.AppendAsync(id, [Message("a")], default);
        var next = await Store.AppendAsync(id, [Message("b"), Message("c")], default);
        Assert.Equal($"{id}|0000001", first[0].Id);
        Assert.Equal(new[] { $"{id}|0000002", $"{id}|0000003" }, next.Select(a => a.Id!).ToArray());

        var all = (await Store.ReadAsync(id, 0, 100, default))!;
        Assert.Equal(new[] { "a", "b", "c" }, all.Activities.Select(a => a.Text!).ToArray());
        Assert.Equal(3, all.Watermark);
        Assert.Equal("c1", all.Activities[0].ChannelData!.Value.GetProperty("clientActivityID").GetString());
        Assert.Equal(3, all.Activities[0].ChannelData!.Value.GetProperty("nested").GetProperty("keep").GetArrayLength());
        Assert.True(all.Activities[0].ExtensionData!.ContainsKey("vendorField"));

        var later = (await Store.ReadAsync(id, 1, 1, default))!;
        Assert.Equal("b", Assert.Single(later.Activities).Text);
        Assert.Equal(2, later.Watermark);
        var none = (await Store.ReadAsync(id, 3, 100, default))!;
        Assert.Empty(none.Activities);
        Assert.Equal(3, none.Watermark);
    }

    [Fact]
    public async Task Unknown_conversations_read_as_null_and_refuse_appends()
    {
        var id = DirectLineConversations.NewConversationId();
        Assert.Null(await Store.ReadAsync(id, 0, 10, default));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => Store.AppendAsync(id, [Message("x")], default));
        Assert.False(await Store.ExistsAsync(id, default));
    }

    [Fact]
    public async Task A_waiter_wakes_on_the_next_append()
    {
        var id = DirectLineConversations.NewConversationId();
        await Store.CreateAsync(id, default);
        var waiting = Store.WaitForAppendAsync(id, 0, CancellationToken.None);
        await Store.AppendAsync(id, [Message("wake")], default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_waiter_already_behind_returns_at_once_and_one_with_nothing_new_waits_until_cancelled()
    {
        var id = DirectLineConversations.NewConversationId();
        await Store.CreateAsync(id, default);
        await Store.AppendAsync(id, [Message("a")], default);
        await Store.WaitForAppendAsync(id, 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        using var cancel = new CancellationTokenSource();
        var waiting = Store.WaitForAppendAsync(id, 1, cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}

public sealed class InMemoryTranscriptStoreTests : TranscriptStoreContractTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);
    private readonly InMemoryTranscriptStore _store;

    public InMemoryTranscriptStoreTests() => _store = new InMemoryTranscriptStore(Options, _clock);

    protected override ITranscriptStore Store => _store;

    [Fact]
    public async Task An_idle_conversation_expires_after_the_retention()
    {
        var id = DirectLineConversations.NewConversationId();
        await _store.CreateAsync(id, default);
        _clock.Advance(Options.Value.TranscriptRetention - TimeSpan.FromMinutes(1));
        await _store.AppendAsync(id, [new Activity { Type = "message", Text = "keeps it alive" }], default);
        _clock.Advance(Options.Value.TranscriptRetention - TimeSpan.FromMinutes(1));
        Assert.True(await _store.ExistsAsync(id, default));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await _store.ExistsAsync(id, default));
        Assert.Null(await _store.ReadAsync(id, 0, 10, default));
    }
}

public sealed class RedisTranscriptStoreTests : TranscriptStoreContractTests, IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisServer _redis;
    private readonly RedisTranscriptStore _store;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    public RedisTranscriptStoreTests(RedisServer redis)
    {
        _redis = redis;
        _store = new RedisTranscriptStore(redis.Connection, _prefix, Options);
    }

    protected override ITranscriptStore Store => _store;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Both_keys_of_a_conversation_expire_with_the_retention_and_share_a_cluster_slot()
    {
        var id = DirectLineConversations.NewConversationId();
        await _store.CreateAsync(id, default);
        await _store.AppendAsync(id, [new Activity { Type = "message", Text = "x" }], default);
        var db = _redis.Connection.GetDatabase();
        var keys = new[] { $"{_prefix}:dl:{{c:{id}}}:conv", $"{_prefix}:dl:{{c:{id}}}:log" };
        foreach (var key in keys)
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), Options.Value.TranscriptRetention);
        }
        Assert.Equal(_redis.Connection.HashSlot(keys[0]), _redis.Connection.HashSlot(keys[1]));
    }

    [Fact]
    public async Task An_append_through_one_connection_wakes_a_waiter_on_another()
    {
        // Two instances of the app = two multiplexers on one Redis.
        await using var other = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        using var instanceB = new RedisTranscriptStore(other, _prefix, Options);
        var id = DirectLineConversations.NewConversationId();
        await _store.CreateAsync(id, default);
        var waiting = instanceB.WaitForAppendAsync(id, 0, CancellationToken.None);
        await _store.AppendAsync(id, [new Activity { Type = "message", Text = "from A" }], default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("from A", Assert.Single((await instanceB.ReadAsync(id, 0, 10, default))!.Activities).Text);
    }
}
