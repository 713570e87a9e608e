using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Context.Tests.Behaviour;

/// <summary>
/// The behaviour every <see cref="IBehaviourStore"/> must have; the embedded and the Redis store each
/// run all of it.
/// </summary>
public abstract class BehaviourStoreContract
{
    protected abstract IBehaviourStore CreateStore(BehaviourOptions options, TimeProvider clock);

    private IBehaviourStore? _store;

    protected ManualClock Clock { get; } = new();

    protected IBehaviourStore Store => _store ??= CreateStore(new BehaviourOptions(), Clock);

    protected static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";

    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    protected static BehaviourEvent Event(string user, string session, string type, string? product = null, decimal? price = null,
        int? quantity = null, string? category = null, string? query = null, string? pageKind = null, double? dwell = null, int second = 0, string? id = null) => new()
    {
        EventId = id ?? NewId("e"),
        Type = type,
        UserId = user,
        SessionId = session,
        Timestamp = T0.AddSeconds(second),
        ProductId = product,
        Price = price,
        Quantity = quantity,
        Category = category,
        Query = query,
        PageKind = pageKind,
        DwellSeconds = dwell,
    };

    [Fact]
    public async Task An_unknown_user_has_no_context()
    {
        Assert.Null(await Store.GetContextAsync(NewId("u")));
    }

    [Fact]
    public async Task Events_fold_into_user_and_session_aggregates()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        var outcomes = await Store.AppendAsync(
        [
            Event(user, session, "search", query: "red shoes", second: 1),
            Event(user, session, "view", "p1", 49.99m, category: "shoes", dwell: 30.5, second: 2),
            Event(user, session, "view", "p2", 20m, category: "socks", dwell: 10, second: 3),
            Event(user, session, "add_to_cart", "p1", 49.99m, quantity: 2, category: "shoes", second: 4),
            Event(user, session, "add_to_cart", "p2", 20m, category: "socks", second: 5),
            Event(user, session, "remove_from_cart", "p2", 20m, second: 6),
            Event(user, session, "page_view", pageKind: "help", dwell: 12.25, second: 7),
            Event(user, session, "wishlist", "p3", second: 8),
            Event(user, session, "view", "p1", 49.99m, category: "shoes", second: 9),
            Event(user, session, "checkout_start", second: 10),
        ]);
        Assert.All(outcomes, o => Assert.Equal(EventOutcome.Accepted, o));

        var context = (await Store.GetContextAsync(user))!;
        Assert.Equal(session, context.SessionId);
        foreach (var a in new[] { context.User, context.Session! })
        {
            Assert.Equal(10, a.Events);
            Assert.Equal(3, a.Count("view"));
            Assert.Equal(2, a.Count("add_to_cart"));
            Assert.Equal(1, a.Count("remove_from_cart"));
            Assert.Equal(1, a.Count("checkout_start"));
            Assert.Equal(0, a.Count("purchase"));
            Assert.Equal(1, a.PageCount("help"));
            Assert.Equal(99.98m, a.CartValue);
            Assert.Equal(2, a.CartItems);
            Assert.Equal(["p1", "p3", "p2"], a.RecentProducts);
            Assert.Equal(["shoes", "socks"], a.RecentCategories);
            Assert.Equal(3, a.DwellEvents);
            Assert.Equal(52.75, a.DwellSeconds, 3);
            Assert.Equal(40.5, a.DwellOnType("view"), 3);
            Assert.Equal(12.25, a.DwellOnPage("help"), 3);
            Assert.Equal([("p1", 49.99m), ("p2", 20m)], a.ViewedProducts);
            Assert.Equal(T0.AddSeconds(1).ToUnixTimeMilliseconds(), a.FirstEventUtc!.Value.ToUnixTimeMilliseconds());
            Assert.Equal(T0.AddSeconds(10).ToUnixTimeMilliseconds(), a.LastEventUtc!.Value.ToUnixTimeMilliseconds());
        }

        Assert.Equal(10, context.RecentEvents.Count);
        Assert.Equal("checkout_start", context.RecentEvents[0].Type); // newest first
        var search = context.RecentEvents[^1];
        Assert.Equal(("search", "red shoes", session, user), (search.Type, search.Query, search.SessionId, search.UserId));
        var add = context.RecentEvents.Single(e => e.Type == "add_to_cart" && e.ProductId == "p1");
        Assert.Equal((49.99m, 2, "shoes"), (add.Price, add.Quantity, add.Category));
        var help = context.RecentEvents.Single(e => e.Type == "page_view");
        Assert.Equal(("help", 12.25), (help.PageKind, help.DwellSeconds));
    }

    [Fact]
    public async Task Session_aggregates_are_per_session_and_the_latest_session_is_current()
    {
        var (user, s1, s2) = (NewId("u"), NewId("s"), NewId("s"));
        await Store.AppendAsync([Event(user, s1, "view", "p1", 10m), Event(user, s1, "add_to_cart", "p1", 10m)]);
        await Store.AppendAsync([Event(user, s2, "view", "p2", 5m, second: 60)]);

        var current = (await Store.GetContextAsync(user))!;
        Assert.Equal(s2, current.SessionId);
        Assert.Equal(1, current.Session!.Events);
        Assert.Equal(0m, current.Session.CartValue);
        Assert.Equal(["p2"], current.Session.RecentProducts);
        Assert.Equal(3, current.User.Events);
        Assert.Equal(10m, current.User.CartValue);

        var first = (await Store.GetContextAsync(user, s1))!;
        Assert.Equal(s1, first.SessionId);
        Assert.Equal(2, first.Session!.Events);
        Assert.Equal(10m, first.Session.CartValue);

        var unknown = (await Store.GetContextAsync(user, "no-such-session"))!;
        Assert.Null(unknown.Session);
        Assert.Equal(3, unknown.User.Events);
    }

    [Fact]
    public async Task A_repeated_event_id_counts_once_within_a_batch_and_across_batches()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        var add = Event(user, session, "add_to_cart", "p1", 10m, id: "evt-1");
        var outcomes = await Store.AppendAsync([add, add with { Price = 99m }, Event(user, session, "view", "p1", id: "evt-2")]);
        Assert.Equal([EventOutcome.Accepted, EventOutcome.Duplicate, EventOutcome.Accepted], outcomes);

        Assert.Equal([EventOutcome.Duplicate, EventOutcome.Duplicate], await Store.AppendAsync([add, Event(user, session, "view", "p9", id: "evt-2")]));

        var context = (await Store.GetContextAsync(user))!;
        Assert.Equal(2, context.User.Events);
        Assert.Equal(10m, context.User.CartValue);
        Assert.Equal(2, context.RecentEvents.Count);
        Assert.DoesNotContain("p9", context.User.RecentProducts);

        // Ids are remembered per user: another user's event with the same id is their own event.
        var other = NewId("u");
        Assert.Equal([EventOutcome.Accepted], await Store.AppendAsync([add with { UserId = other }]));
    }

    [Fact]
    public async Task Event_ids_are_forgotten_after_the_deduplication_window()
    {
        var store = CreateStore(new BehaviourOptions { DeduplicationWindow = TimeSpan.FromHours(1) }, Clock);
        var (user, session) = (NewId("u"), NewId("s"));
        var view = Event(user, session, "view", "p1", id: "same");
        Assert.Equal([EventOutcome.Accepted], await store.AppendAsync([view]));
        Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal([EventOutcome.Duplicate], await store.AppendAsync([view]));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([EventOutcome.Accepted], await store.AppendAsync([view]));
        Assert.Equal(2, (await store.GetContextAsync(user))!.User.Events);
    }

    [Fact]
    public async Task The_cart_never_goes_negative_and_purchases_empty_it()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        await Store.AppendAsync([Event(user, session, "add_to_cart", "p1", 10m), Event(user, session, "remove_from_cart", "p1", 10m, quantity: 3)]);
        var afterRemove = (await Store.GetContextAsync(user))!.User;
        Assert.Equal((0m, 0L), (afterRemove.CartValue, afterRemove.CartItems));

        await Store.AppendAsync(
        [
            Event(user, session, "add_to_cart", "p1", 10m, quantity: 2),
            Event(user, session, "add_to_cart", "p2", 5.5m),
            Event(user, session, "purchase", "p1", 10m, quantity: 2),   // a purchased line leaves the cart
        ]);
        var afterLine = (await Store.GetContextAsync(user))!.User;
        Assert.Equal((5.5m, 1L, 1L, 20m), (afterLine.CartValue, afterLine.CartItems, afterLine.Purchases, afterLine.PurchaseValue));

        await Store.AppendAsync([Event(user, session, "purchase", price: 5.5m)]); // an order-level purchase completes the cart
        var afterOrder = (await Store.GetContextAsync(user))!.User;
        Assert.Equal((0m, 0L, 2L, 25.5m), (afterOrder.CartValue, afterOrder.CartItems, afterOrder.Purchases, afterOrder.PurchaseValue));
    }

    [Fact]
    public async Task Chat_turns_record_intents_and_sentiment()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        await Store.AppendAsync([Event(user, session, "view", "p1")]);
        await Store.RecordChatTurnAsync(user, session, "price_inquiry", 0.91f, "neutral", T0.AddSeconds(5));
        await Store.RecordChatTurnAsync(user, session, "delivery_period", 0.8f, "negative", T0.AddSeconds(6));
        await Store.RecordChatTurnAsync(user, "chat-conversation", "complaint", 0.7f, "negative", T0.AddSeconds(7));

        var context = (await Store.GetContextAsync(user))!;
        Assert.Equal(session, context.SessionId); // chat in another conversation does not move the shop session
        Assert.Equal(["complaint", "delivery_period", "price_inquiry"], context.RecentChatTurns.Select(t => t.Intent));
        var latest = context.RecentChatTurns[0];
        Assert.Equal(("chat-conversation", 0.7f, "negative", T0.AddSeconds(7).ToUnixTimeMilliseconds()),
            (latest.SessionId, latest.Confidence, latest.Sentiment, latest.Timestamp.ToUnixTimeMilliseconds()));

        Assert.Equal(3, context.User.ChatTurns);
        Assert.Equal(2, context.User.Sentiments["negative"]);
        Assert.Equal(1, context.User.Sentiments["neutral"]);
        Assert.Equal(("negative", "complaint"), (context.User.LastSentiment, context.User.LastIntent));
        Assert.Equal(1, context.User.Events); // chat turns are not shop events

        Assert.Equal(2, context.Session!.ChatTurns);
        Assert.Equal(("negative", "delivery_period"), (context.Session.LastSentiment, context.Session.LastIntent));
    }

    [Fact]
    public async Task A_chat_only_user_gets_the_conversation_as_session()
    {
        var user = NewId("u");
        await Store.RecordChatTurnAsync(user, "conv-1", "greeting", 0.99f, "positive", T0);
        var context = (await Store.GetContextAsync(user))!;
        Assert.Equal("conv-1", context.SessionId);
        Assert.Equal(1, context.Session!.ChatTurns);
        Assert.Equal(0, context.User.Events);
    }

    [Theory]
    [InlineData("", "s", "greeting", 0.5f, "neutral")]
    [InlineData("u", " ", "greeting", 0.5f, "neutral")]
    [InlineData("u", "s", "", 0.5f, "neutral")]
    [InlineData("u", "s", "greeting", 1.5f, "neutral")]
    [InlineData("u", "s", "greeting", float.NaN, "neutral")]
    [InlineData("u", "s", "greeting", 0.5f, "")]
    public async Task Bad_chat_turn_arguments_are_refused_and_store_nothing(string user, string session, string intent, float confidence, string sentiment)
    {
        var id = user.Length == 0 ? user : NewId(user);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.RecordChatTurnAsync(id, session, intent, confidence, sentiment, T0));
        if (id.Length > 0) Assert.Null(await Store.GetContextAsync(id));
    }

    [Fact]
    public async Task Recent_lists_and_returned_events_are_capped()
    {
        var store = CreateStore(new BehaviourOptions { RecentProducts = 3, RecentCategories = 2, RecentChatTurns = 2, ContextEvents = 5, MaxEventsPerUser = 10 }, Clock);
        var (user, session) = (NewId("u"), NewId("s"));
        await store.AppendAsync(Enumerable.Range(0, 30).Select(i => Event(user, session, "view", $"p{i}", 1m, category: $"c{i}", second: i)).ToList());
        for (var i = 0; i < 4; i++) await store.RecordChatTurnAsync(user, session, $"intent{i}", 0.5f, "neutral", T0.AddSeconds(i));

        var context = (await store.GetContextAsync(user))!;
        Assert.Equal(["p29", "p28", "p27"], context.User.RecentProducts);
        Assert.Equal(["p29", "p28", "p27"], context.Session!.RecentProducts);
        Assert.Equal(["c29", "c28"], context.User.RecentCategories);
        Assert.Equal(3, context.User.ViewedProducts.Count);
        Assert.Equal(["intent3", "intent2"], context.RecentChatTurns.Select(t => t.Intent));
        Assert.Equal(Enumerable.Range(25, 5).Reverse().Select(i => $"p{i}"), context.RecentEvents.Select(e => e.ProductId));
        Assert.Equal(30, context.User.Events); // the aggregates count everything, whatever the caps
    }

    [Fact]
    public async Task A_batch_of_several_users_keeps_outcomes_in_order()
    {
        var (a, b) = (NewId("u"), NewId("u"));
        var events = new[]
        {
            Event(a, "s", "view", "p1", id: "x1"), Event(b, "s", "view", "p1", id: "x1"),
            Event(a, "s", "view", "p2", id: "x1"), Event(b, "s", "view", "p2", id: "x2"),
        };
        Assert.Equal([EventOutcome.Accepted, EventOutcome.Accepted, EventOutcome.Duplicate, EventOutcome.Accepted], await Store.AppendAsync(events));
        Assert.Equal(1, (await Store.GetContextAsync(a))!.User.Events);
        Assert.Equal(2, (await Store.GetContextAsync(b))!.User.Events);
    }

    [Fact]
    public async Task Parallel_events_for_one_user_are_all_counted_exactly()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        // 16 writers, 25 events each, every add worth 1.25: nothing may be lost to a race.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++) await Store.AppendAsync([Event(user, $"{session}-{w % 4}", "add_to_cart", $"p{i}", 1.25m)]);
        })));
        // 8 writers racing to store the same 20 events (retries): each counted once.
        var retried = Enumerable.Range(0, 20).Select(i => Event(user, session, "view", $"v{i}", id: $"retry-{i}")).ToList();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.AppendAsync(retried))));

        Assert.Equal(20, outcomes.SelectMany(o => o).Count(o => o == EventOutcome.Accepted));
        var context = (await Store.GetContextAsync(user))!;
        Assert.Equal(420, context.User.Events);
        Assert.Equal(400, context.User.Count("add_to_cart"));
        Assert.Equal(500m, context.User.CartValue);
        Assert.Equal(400, context.User.CartItems);
        Assert.Equal(100, (await Store.GetContextAsync(user, $"{session}-0"))!.Session!.Events);
    }

    [Fact]
    public async Task Erasing_a_user_removes_their_behaviour_only()
    {
        var (user, other) = (NewId("u"), NewId("u"));
        await Store.AppendAsync([Event(user, "s1", "view", "p1", id: "e1"), Event(user, "s2", "add_to_cart", "p1", 3m), Event(other, "s1", "view", "p1")]);
        await Store.RecordChatTurnAsync(user, "s1", "greeting", 0.9f, "positive", T0);

        await Store.DeleteUserAsync(user);

        Assert.Null(await Store.GetContextAsync(user));
        Assert.Null(await Store.GetContextAsync(user, "s1"));
        Assert.NotNull((await Store.GetContextAsync(other))!.Session);
        // The erased user's event ids are forgotten too: the same event is new again.
        Assert.Equal([EventOutcome.Accepted], await Store.AppendAsync([Event(user, "s1", "view", "p1", id: "e1")]));
        var fresh = (await Store.GetContextAsync(user))!;
        Assert.Equal(1, fresh.User.Events);
        Assert.Null((await Store.GetContextAsync(user, "s2"))!.Session);
    }

    [Fact]
    public async Task Ids_with_braces_colons_and_unicode_are_kept_apart()
    {
        string[] users = ["a}b", "a{b", "a:b", "a%7Db", "用户😀"];
        string[] sessions = ["x", "x:p", "p:x", "{s}"];
        foreach (var u in users)
        {
            await Store.DeleteUserAsync(u); // ids are fixed here: start clean whatever ran before
            foreach (var s in sessions) await Store.AppendAsync([Event(u, s, "view", $"{u}/{s}")]);
        }
        foreach (var u in users)
        {
            var context = (await Store.GetContextAsync(u))!;
            Assert.Equal(sessions.Length, context.User.Events);
            foreach (var s in sessions)
                Assert.Equal([$"{u}/{s}"], (await Store.GetContextAsync(u, s))!.Session!.RecentProducts);
        }
    }

    [Fact]
    public async Task The_current_session_becomes_a_purchase_intent_snapshot()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        await Store.AppendAsync([Event(user, "earlier", "view", "p0", second: -600)]);
        await Store.AppendAsync(
        [
            Event(user, session, "page_view", pageKind: "account", dwell: 20, second: 1),
            Event(user, session, "search", query: "kettle", dwell: 5, second: 2),
            Event(user, session, "view", "p1", 30m, dwell: 60, second: 3),
            Event(user, session, "page_view", pageKind: "category", dwell: 15, second: 4),
            Event(user, session, "page_view", pageKind: "policy", dwell: 40, second: 5),
            Event(user, session, "add_to_cart", "p1", 30m, second: 6),
            Event(user, session, "wishlist", "p2", second: 7),
        ]);
        await Store.RecordChatTurnAsync(user, session, "delivery_period", 0.9f, "neutral", T0.AddSeconds(8));
        await Store.RecordChatTurnAsync(user, session, "check_refund_policy", 0.9f, "negative", T0.AddSeconds(9));

        var snapshot = SessionSnapshotBuilder.Build((await Store.GetContextAsync(user))!, DateTimeOffset.UtcNow)!;
        Assert.Equal((1, 20.0), (snapshot.AccountPageViews, snapshot.AccountSeconds));
        Assert.Equal((1, 40.0), (snapshot.InfoPageViews, snapshot.InfoSeconds));
        Assert.Equal((1, 1, 1), (snapshot.ProductPageViews, snapshot.SearchPageViews, snapshot.CategoryPageViews));
        Assert.Equal(80.0, snapshot.ProductRelatedSeconds, 3);
        Assert.Equal([new ViewedProduct("p1", 30m)], snapshot.ProductsViewed);
        Assert.Equal((30m, 1, 1, false), (snapshot.CartValue, snapshot.AddToCartCount, snapshot.WishlistCount, snapshot.CheckoutStarted));
        Assert.True(snapshot.ReturningVisitor);
        Assert.Equal(["delivery_period", "check_refund_policy"], snapshot.ChatIntents);
        Assert.Equal("negative", snapshot.LastChatSentiment);
        Assert.Equal(T0.AddSeconds(1).ToUnixTimeMilliseconds(), snapshot.SessionStartUtc.ToUnixTimeMilliseconds());

        var features = new LiveSessionFeatureMapper().Map(snapshot); // the model's own mapping accepts it
        Assert.Equal(1, features.Administrative);  // the account page (neither chat question is about the account)
        Assert.Equal(3, features.Informational);   // the policy page plus two informational chat questions
    }
}
