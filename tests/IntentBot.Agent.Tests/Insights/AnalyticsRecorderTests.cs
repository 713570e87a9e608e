using IntentBot.Agent.Insights;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Tests.Insights;

public sealed class AnalyticsRecorderTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static TurnFacts Facts(DateTimeOffset at, string intent = "track_order", bool newConversation = false, string? handoff = null, double? purchase = null) =>
        new(at, "u1", "c1", "where is my parcel", newConversation, intent, 0.9f, false, false, handoff, "neutral", false, purchase);

    private static AnalyticsRecorder Recorder(IAnalyticsStore store, int capacity = 100) =>
        new(store, Options.Create(new InsightsOptions { BufferCapacity = capacity }), NullLogger<AnalyticsRecorder>.Instance);

    [Fact]
    public async Task A_flush_writes_the_turns_counters_per_hour()
    {
        var store = new InMemoryAnalyticsStore(TimeSpan.FromDays(90), new ManualClock(Nine.AddHours(2)));
        var recorder = Recorder(store);
        recorder.Record(Facts(Nine.AddMinutes(1), newConversation: true, purchase: 0.72));
        recorder.Record(Facts(Nine.AddMinutes(2), intent: "contact_human_agent", handoff: "requested"));
        recorder.Record(Facts(Nine.AddHours(1)));
        recorder.Count(AnalyticsFields.CodesChecked, Nine.AddMinutes(3));
        await recorder.FlushAsync(CancellationToken.None);

        var hours = await store.ReadAsync(Nine, Nine.AddHours(2));
        Assert.Equal(2, hours[0]["turns"]);
        Assert.Equal(1, hours[0]["conversations"]);
        Assert.Equal(1, hours[0]["intent:track_order"]);
        Assert.Equal(1, hours[0]["handoff:requested"]);
        Assert.Equal(1, hours[0]["handoffs"]);
        Assert.Equal(1, hours[0]["purchase_intent:0.7"]);
        Assert.Equal(1, hours[0]["codes_checked"]);
        Assert.Equal(2, hours[0]["sentiment:neutral"]);
        Assert.Equal(1, hours[1]["turns"]);
    }

    [Fact]
    public async Task A_full_buffer_drops_and_counts_instead_of_waiting()
    {
        var store = new InMemoryAnalyticsStore(TimeSpan.FromDays(90), new ManualClock(DateTimeOffset.UtcNow));
        var recorder = Recorder(store, capacity: 16);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++) recorder.Record(Facts(now));
        Assert.Equal(4, recorder.Dropped);
        await recorder.FlushAsync(CancellationToken.None);
        var hour = Assert.Single(await store.ReadAsync(now.AddHours(-1), now.AddHours(1)));
        Assert.Equal(16, hour["turns"]);
        Assert.Equal(4, hour["dropped"]);
    }

    [Fact]
    public async Task Counts_a_failed_write_could_not_store_go_with_the_next_batch()
    {
        var store = new FlakyStore(new InMemoryAnalyticsStore(TimeSpan.FromDays(90), new ManualClock(Nine.AddHours(1)))) { Down = true };
        var recorder = Recorder(store);
        recorder.Record(Facts(Nine));
        await recorder.FlushAsync(CancellationToken.None);
        store.Down = false;
        recorder.Record(Facts(Nine));
        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(2, Assert.Single(await store.ReadAsync(Nine, Nine.AddHours(1)))["turns"]);
    }

    [Fact]
    public async Task Declined_and_unsure_messages_go_to_review_up_to_the_cap_per_batch()
    {
        var store = new InMemoryAnalyticsStore(TimeSpan.FromDays(90), new ManualClock(Nine.AddHours(1)));
        var intake = new CollectingIntake();
        var recorder = new AnalyticsRecorder(store, Options.Create(new InsightsOptions { MaxReviewPerFlush = 2, ReviewBelow = 0.55 }),
            NullLogger<AnalyticsRecorder>.Instance, intake);
        recorder.Record(Facts(Nine)); // sure and in scope: not for review
        for (var i = 0; i < 4; i++) recorder.Record(Facts(Nine) with { OutOfScope = true, Text = "weather " + i });
        recorder.Record(Facts(Nine) with { Confidence = 0.4f, Text = "unsure" });
        await recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(["weather 0", "weather 1"], intake.Texts);
        Assert.Equal(3, Assert.Single(await store.ReadAsync(Nine, Nine.AddHours(1)))[AnalyticsFields.ReviewSkipped]);
    }

    /// <summary>Collects what the recorder hands to the review queue (the queue's own work is tested with the server).</summary>
    private sealed class CollectingIntake : IReviewIntake
    {
        public List<string> Texts { get; } = [];

        public Task AddAsync(IReadOnlyList<TurnFacts> turns, CancellationToken cancellationToken = default)
        {
            Texts.AddRange(turns.Select(t => t.Text));
            return Task.CompletedTask;
        }
    }

    /// <summary>The real embedded store behind a switch that makes writes fail like an unreachable Redis.</summary>
    private sealed class FlakyStore(IAnalyticsStore inner) : IAnalyticsStore
    {
        public bool Down { get; set; }

        public Task AddAsync(IReadOnlyDictionary<DateTimeOffset, Dictionary<string, long>> increments, CancellationToken cancellationToken = default) =>
            Down ? throw new Context.Storage.StoreUnavailableException("down") : inner.AddAsync(increments, cancellationToken);

        public Task<IReadOnlyList<AnalyticsBucket>> ReadAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(since, until, cancellationToken);
    }
}
