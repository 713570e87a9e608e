using Stopwatch = System.Diagnostics.Stopwatch;
using IntentBot.Agent;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Insights;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Plugins;
using IntentBot.Agent.Templates;
using IntentBot.Agent.CustomerContext;
using IntentBot.Benchmarks.Load;
using IntentBot.Context;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using IntentBot.Nlu;
using IntentBot.Protocol.Activities;
using IntentBot.Shop.Sample;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using StackExchange.Redis;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// What the insights analytics cost a bot turn, in the embedded store and on a real redis-server (started here on
/// loopback, as the soak mode does). (1) The turn's own share: building and buffering the facts
/// (<see cref="AnalyticsRecorder.Record"/>), timed over many calls. (2) The writer's share, off the turn: summing a
/// batch of facts and one store write, per fact, in each store. (3) Whole bot turns of the scripted mix, in process,
/// with analytics off and on, in each store (conversation state and counters in the same store): the four set-ups take
/// turns round by round, so that load from elsewhere hits them alike; the median round of each is reported.
/// </summary>
internal static class AnalyticsTiming
{
    private sealed record SetUp(string Store, bool Analytics, IntentBotAgent Agent, List<double> Rounds);

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 20;
        var facts = new TurnFacts(DateTimeOffset.UtcNow, "dl_bench", "bench", "where is my order", false, "track_order", 0.93f, false, false, null, "neutral", false, 0.41);

        using var redis = await RedisNode.StartStandaloneAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},abortConnect=false");
        var context = Options.Create(new ContextOptions { KeyPrefix = "bench" });
        IAnalyticsStore embeddedCounts = new InMemoryAnalyticsStore(TimeSpan.FromDays(90), TimeProvider.System);
        IAnalyticsStore redisCounts = new RedisAnalyticsStore(connection, "bench", TimeSpan.FromDays(90), TimeSpan.FromSeconds(5), TimeProvider.System);

        Console.WriteLine($"Record (on the turn): {await RecordNanosecondsAsync(embeddedCounts, facts):0} ns per turn");
        foreach (var (name, counts) in new[] { ("embedded", embeddedCounts), ("redis", redisCounts) })
            Console.WriteLine($"Writer (off the turn), {name} store: {await WriterNanosecondsAsync(counts, facts):0} ns per turn's facts");

        var engine = NluEngine.Load(Corpus.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        var writers = new List<AnalyticsRecorder>();
        using var stop = new CancellationTokenSource();
        var writing = new List<Task>();
        AnalyticsRecorder Writer(IAnalyticsStore counts)
        {
            var writer = new AnalyticsRecorder(counts, Options.Create(new InsightsOptions()), NullLogger<AnalyticsRecorder>.Instance);
            writers.Add(writer);
            writing.Add(writer.RunAsync(stop.Token));
            return writer;
        }
        IConversationStore embeddedState = new InMemoryConversationStore(Options.Create(new ContextOptions()), TimeProvider.System);
        IConversationStore redisState = new RedisConversationStore(connection, context);
        SetUp[] setUps =
        [
            new("embedded", false, Agent(embeddedState, null, engine), []),
            new("embedded", true, Agent(embeddedState, Writer(embeddedCounts), engine), []),
            new("redis", false, Agent(redisState, null, engine), []),
            new("redis", true, Agent(redisState, Writer(redisCounts), engine), []),
        ];
        foreach (var s in setUps) await TurnsAsync(s, -1); // warm-up: JIT, model, connections
        for (var round = 0; round < rounds; round++)
            foreach (var s in setUps) s.Rounds.Add(await TurnsAsync(s, round));
        await stop.CancelAsync();
        await Task.WhenAll(writing);

        var c = System.Globalization.CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Bot turns of the scripted mix ({TurnLoad.Script.Length} turns a round), in process, median of {rounds} rounds, µs per turn:"));
        // The paired ratio (on ÷ off within each round, then the median) is steadier than the ratio of the medians when
        // the machine's load drifts, since a round's two runs follow each other.
        Console.WriteLine("| Store | Analytics off | Analytics on | Difference | On / off (medians) | On / off (median of rounds) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var store in new[] { "embedded", "redis" })
        {
            var offRounds = setUps.Single(s => s.Store == store && !s.Analytics).Rounds;
            var onRounds = setUps.Single(s => s.Store == store && s.Analytics).Rounds;
            var (off, on) = (Median(offRounds), Median(onRounds));
            var paired = Median([.. onRounds.Zip(offRounds, (a, b) => a / b)]);
            Console.WriteLine(string.Create(c, $"| {store} | {off:0} | {on:0} | {on - off:+0;-0;0} | {on / off:0.000} | {paired:0.000} |"));
        }
        Console.WriteLine($"Facts dropped (buffer full): {writers.Sum(w => w.Dropped)}");
        await engine.DisposeAsync();
        return 0;
    }

    private static async Task<double> RecordNanosecondsAsync(IAnalyticsStore counts, TurnFacts facts)
    {
        const int n = 500_000;
        var recorder = new AnalyticsRecorder(counts, Options.Create(new InsightsOptions { BufferCapacity = 1_000_000 }), NullLogger<AnalyticsRecorder>.Instance);
        for (var i = 0; i < 10_000; i++) recorder.Record(facts);
        await recorder.FlushAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) recorder.Record(facts);
        var elapsed = watch.Elapsed;
        await recorder.FlushAsync(CancellationToken.None);
        return elapsed.TotalNanoseconds / n;
    }

    /// <summary>A second's worth of facts at a busy shop's rate (1000 turns), summed and written in one batch; per fact, best of five.</summary>
    private static async Task<double> WriterNanosecondsAsync(IAnalyticsStore counts, TurnFacts facts)
    {
        const int n = 1000;
        var best = double.MaxValue;
        var recorder = new AnalyticsRecorder(counts, Options.Create(new InsightsOptions()), NullLogger<AnalyticsRecorder>.Instance);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            for (var i = 0; i < n; i++) recorder.Record(facts);
            var watch = Stopwatch.StartNew();
            await recorder.FlushAsync(CancellationToken.None);
            if (attempt > 0) best = Math.Min(best, watch.Elapsed.TotalNanoseconds / n);
        }
        return best;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static IntentBotAgent Agent(IConversationStore store, ITurnAnalytics? analytics, NluEngine engine)
    {
        return BenchmarkAgent.Create(engine, analytics, store);
    }

    /// <summary>Microseconds per turn over the scripted mix, in a fresh conversation of the set-up.</summary>
    private static async Task<double> TurnsAsync(SetUp setUp, int round)
    {
        var who = $"{setUp.Store}-{(setUp.Analytics ? "on" : "off")}-{round + 1}";
        var watch = Stopwatch.StartNew();
        foreach (var text in TurnLoad.Script)
        {
            await setUp.Agent.OnTurnAsync(new Activity
            {
                Type = ActivityTypes.Message, Text = text, ChannelId = "directline",
                From = new ChannelAccount { Id = $"dl_bench-{who}", Role = RoleTypes.User },
                Recipient = new ChannelAccount { Id = "intentbot", Role = RoleTypes.Bot },
                Conversation = new ConversationAccount { Id = $"bench-conversation-{who}" },
            }, CancellationToken.None);
        }
        return watch.Elapsed.TotalMicroseconds / TurnLoad.Script.Length;
    }
}
