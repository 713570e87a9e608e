using IntentBot.Context.State;
using IntentBot.Context.Storage;

namespace IntentBot.Context.Tests;

/// <summary>
/// The behaviour every <see cref="IConversationStore"/> must have. Each implementation's test class
/// derives from this and supplies a store; the same facts run against both.
/// </summary>
public abstract class ConversationStoreContract
{
    protected abstract IConversationStore Store { get; }

    /// <summary>Ids unique to each test, so tests sharing one server never see each other's data.</summary>
    protected static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";

    protected static ConversationState Conversation(string user, string conversation, int turn = 1) => new()
    {
        ConversationId = conversation,
        UserId = user,
        ActiveDialog = "track_order",
        Slots = new Dictionary<string, string> { ["orderNumber"] = "W123456" },
        TurnCount = turn,
        RecentIntents = ["greeting", "track_order"],
        LastSentiment = "neutral",
        UpdatedUtc = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Missing_state_reads_as_null()
    {
        Assert.Null(await Store.GetConversationAsync(NewId("u"), NewId("c")));
        Assert.Null(await Store.GetProfileAsync(NewId("u")));
    }

    [Fact]
    public async Task A_saved_turn_reads_back_equal_with_its_version()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        var state = Conversation(user, conv);
        var profile = new UserProfile { UserId = user, Name = "Ada", Email = "ada@example.com", Locale = "en-GB" };

        var result = await Store.SaveTurnAsync(state, 0, profile, 0);
        Assert.True(result.Saved);
        Assert.Equal(1, result.ConversationVersion);
        Assert.Equal(1, result.ProfileVersion);

        var read = await Store.GetConversationAsync(user, conv);
        Assert.NotNull(read);
        Assert.Equal(1, read.Version);
        Assert.Equal(state.ActiveDialog, read.Value.ActiveDialog);
        Assert.Equal(state.Slots, read.Value.Slots);
        Assert.Equal(state.RecentIntents, read.Value.RecentIntents);
        Assert.Equal(state.UpdatedUtc, read.Value.UpdatedUtc);
        Assert.Equal(profile, (await Store.GetProfileAsync(user))!.Value);
    }

    [Fact]
    public async Task The_engines_bookkeeping_reads_back_in_its_typed_fields()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        var state = Conversation(user, conv) with
        {
            Progress = new Dictionary<string, DialogProgress>
            {
                ["track_order"] = new() { Asked = DialogQuestion.Slot, AskedSlot = "order_number", Tries = 2, SkippedSlots = ["note"] },
            },
            Facts = new ConversationFacts { Language = "zh", BudgetMax = 49.5m, Verified = new Dictionary<string, string> { ["W100002"] = "c1001" } },
            Transcript = ["customer: 我的订单在哪里", "bot: 请告诉我订单号"],
            Searched = ["Ferro pan"],
            PromotionOffered = true,
        };
        await Store.SaveTurnAsync(state, 0, null, 0);

        var read = (await Store.GetConversationAsync(user, conv))!.Value;
        var progress = read.Progress["track_order"];
        Assert.Equal((DialogQuestion.Slot, "order_number", 2), (progress.Asked, progress.AskedSlot, progress.Tries));
        Assert.Equal(["note"], progress.SkippedSlots);
        Assert.Equal(("zh", 49.5m), (read.Facts.Language, read.Facts.BudgetMax));
        Assert.Equal("c1001", read.Facts.Verified["W100002"]);
        Assert.Equal(state.Transcript, read.Transcript);
        Assert.Equal(state.Searched, read.Searched);
        Assert.True(read.PromotionOffered);
    }

    [Fact]
    public async Task Versions_advance_with_each_turn_and_profile_is_optional()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        Assert.True((await Store.SaveTurnAsync(Conversation(user, conv, 1), 0, null, 0)).Saved);
        var second = await Store.SaveTurnAsync(Conversation(user, conv, 2), 1, null, 0);
        Assert.True(second.Saved);
        Assert.Equal(2, second.ConversationVersion);
        Assert.Null(await Store.GetProfileAsync(user));
        Assert.Equal(2, (await Store.GetConversationAsync(user, conv))!.Value.TurnCount);
    }

    [Fact]
    public async Task A_stale_conversation_version_is_refused_and_changes_nothing()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        await Store.SaveTurnAsync(Conversation(user, conv, 1), 0, null, 0);
        await Store.SaveTurnAsync(Conversation(user, conv, 2), 1, null, 0);

        var stale = await Store.SaveTurnAsync(Conversation(user, conv, 99), 1, new UserProfile { UserId = user, Name = "x" }, 0);
        Assert.False(stale.Saved);
        Assert.Equal("conversation", stale.Conflict);
        Assert.Equal(2, stale.ConversationVersion);
        Assert.Equal(2, (await Store.GetConversationAsync(user, conv))!.Value.TurnCount);
        Assert.Null(await Store.GetProfileAsync(user)); // the profile in the refused save was not written either
    }

    [Fact]
    public async Task A_stale_profile_version_is_refused_and_changes_nothing()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        await Store.SaveTurnAsync(Conversation(user, conv, 1), 0, new UserProfile { UserId = user, Name = "first" }, 0);

        var stale = await Store.SaveTurnAsync(Conversation(user, conv, 2), 1, new UserProfile { UserId = user, Name = "second" }, 0);
        Assert.False(stale.Saved);
        Assert.Equal("profile", stale.Conflict);
        Assert.Equal(1, (await Store.GetConversationAsync(user, conv))!.Version);
        Assert.Equal("first", (await Store.GetProfileAsync(user))!.Value.Name);
    }

    [Fact]
    public async Task Racing_turns_never_silently_overwrite_each_other()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        await Store.SaveTurnAsync(Conversation(user, conv, 0), 0, null, 0);

        // 16 writers each add one turn, retrying on conflict: every increment must survive.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var current = (await Store.GetConversationAsync(user, conv))!;
                var next = current.Value with { TurnCount = current.Value.TurnCount + 1 };
                if ((await Store.SaveTurnAsync(next, current.Version, null, 0)).Saved) return;
            }
        })));

        var final = (await Store.GetConversationAsync(user, conv))!;
        Assert.Equal(16, final.Value.TurnCount);
        Assert.Equal(17, final.Version);
    }

    [Fact]
    public async Task Erasing_a_user_removes_all_their_conversations_and_profile_only()
    {
        var (user, other) = (NewId("u"), NewId("u"));
        var (c1, c2, c3) = (NewId("c"), NewId("c"), NewId("c"));
        await Store.SaveTurnAsync(Conversation(user, c1), 0, new UserProfile { UserId = user }, 0);
        await Store.SaveTurnAsync(Conversation(user, c2), 0, null, 0);
        await Store.SaveTurnAsync(Conversation(other, c3), 0, new UserProfile { UserId = other }, 0);

        Assert.Equal(new[] { c1, c2 }.Order(StringComparer.Ordinal), (await Store.ListConversationIdsAsync(user)).Order(StringComparer.Ordinal));
        Assert.Equal([c3], await Store.ListConversationIdsAsync(other));
        Assert.Empty(await Store.ListConversationIdsAsync(NewId("u")));

        await Store.DeleteUserAsync(user);

        Assert.Empty(await Store.ListConversationIdsAsync(user));
        Assert.Null(await Store.GetConversationAsync(user, c1));
        Assert.Null(await Store.GetConversationAsync(user, c2));
        Assert.Null(await Store.GetProfileAsync(user));
        Assert.NotNull(await Store.GetConversationAsync(other, c3));
        Assert.NotNull(await Store.GetProfileAsync(other));
    }

    [Fact]
    public async Task Ids_with_braces_colons_and_unicode_are_kept_apart()
    {
        string[] users = ["a}b", "a{b", "a:b", "a%7Db", "用户😀"];
        foreach (var u in users) await Store.SaveTurnAsync(Conversation(u, "same-conversation"), 0, new UserProfile { UserId = u, Name = u }, 0);
        foreach (var u in users)
        {
            Assert.Equal(u, (await Store.GetConversationAsync(u, "same-conversation"))!.Value.UserId);
            Assert.Equal(u, (await Store.GetProfileAsync(u))!.Value.Name);
        }
    }
}
