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
using IntentBot.Context.Storage;
using IntentBot.Nlu;
using IntentBot.Protocol.Activities;
using IntentBot.Shop.Sample;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// What the insights analytics cost a bot turn. (1) The turn's own share: building and buffering the facts
/// (<see cref="AnalyticsRecorder.Record"/>), timed over many calls. (2) The writer's share, off the turn: summing a
/// second of facts and one batched store write, per fact. (3) Whole bot turns of the scripted mix, in process, with and
/// without analytics, interleaved in rounds so that load from elsewhere hits both alike.
/// </summary>
internal static class AnalyticsTiming
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 20;
        var facts = new TurnFacts(DateTimeOffset.UtcNow, "dl_bench", "bench", "where is my order", false, "track_order", 0.93f, false, false, null, "neutral", false, 0.41);

        var store = new InMemoryAnalyticsStore(TimeSpan.FromDays(90), TimeProvider.System);
        var recorder = new AnalyticsRecorder(store, Options.Create(new InsightsOptions { BufferCapacity = 1_000_000 }), NullLogger<AnalyticsRecorder>.Instance);
        const int n = 500_000;
        for (var i = 0; i < 10_000; i++) recorder.Record(facts);
        await recorder.FlushAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) recorder.Record(facts);
        var record = watch.Elapsed;
        watch.Restart();
        await recorder.FlushAsync(CancellationToken.None);
        var flush = watch.Elapsed;
        Console.WriteLine($"Record (on the turn): {record.TotalNanoseconds / n:0} ns per turn; writer (off the turn): {flush.TotalNanoseconds / n:0} ns per turn's facts, embedded store");

        var plain = Agent(null, out var engine);
        var writer = new AnalyticsRecorder(store, Options.Create(new InsightsOptions()), NullLogger<AnalyticsRecorder>.Instance);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        var measured = Agent(writer, out _, engine);
        var without = new List<double>();
        var with = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            without.Add(await TurnsAsync(plain, round));
            with.Add(await TurnsAsync(measured, round));
        }
        await stop.CancelAsync();
        await writing;
        without.Sort();
        with.Sort();
        Console.WriteLine($"Bot turn, scripted mix, median of {rounds} rounds: {without[rounds / 2]:0.000} ms without analytics, {with[rounds / 2]:0.000} ms with (writer running), dropped {writer.Dropped}");
        await engine.DisposeAsync();
        return 0;
    }

    private static IntentBotAgent Agent(ITurnAnalytics? analytics, out NluEngine engine, NluEngine? shared = null)
    {
        engine = shared ?? NluEngine.Load(Corpus.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        return BenchmarkAgent.Create(engine, analytics);
    }

    /// <summary>Milliseconds per turn over the scripted mix, in a fresh conversation.</summary>
    private static async Task<double> TurnsAsync(IntentBotAgent agent, int round)
    {
        var watch = Stopwatch.StartNew();
        foreach (var text in TurnLoad.Script)
        {
            await agent.OnTurnAsync(new Activity
            {
                Type = ActivityTypes.Message, Text = text, ChannelId = "directline",
                From = new ChannelAccount { Id = $"dl_bench{round}", Role = RoleTypes.User },
                Recipient = new ChannelAccount { Id = "intentbot", Role = RoleTypes.Bot },
                Conversation = new ConversationAccount { Id = $"bench-conversation-{round}" },
            }, CancellationToken.None);
        }
        return watch.Elapsed.TotalMilliseconds / TurnLoad.Script.Length;
    }
}
