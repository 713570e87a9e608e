using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// Where a bot turn's allocations go, by type: runs <see cref="AgentBenchmarks.BotTurn"/> in a loop while an
/// in-process EventListener samples the runtime's GC AllocationTick events (one per ~100 KB allocated, naming the
/// type of the object that crossed the mark). No profiler needed; the sample is statistical, so use many turns.
/// </summary>
public static class AllocationProfile
{
    public static async Task<int> RunAsync(string[] args)
    {
        var turns = args.Length > 1 && args[0] == "--turns" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3000;
        var bench = new AgentBenchmarks();
        bench.Setup();
        for (var i = 0; i < 50; i++) await bench.BotTurn();   // warm-up: JIT, caches, conversation state

        using var listener = new AllocationTickListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var invocations = turns / TurnsPerInvocation;
        for (var i = 0; i < invocations; i++) await bench.BotTurn();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        bench.Cleanup();

        var perTurn = allocated / (double)(invocations * TurnsPerInvocation);
        Console.WriteLine($"{invocations * TurnsPerInvocation} turns, {allocated / 1048576.0:F1} MiB allocated, {perTurn / 1024:F1} KiB per turn (all threads)");
        var total = listener.Bytes.Values.Sum();
        Console.WriteLine($"{"share",6}  {"KiB/turn",9}  type");
        foreach (var (type, bytes) in listener.Bytes.OrderByDescending(p => p.Value).Take(40))
            Console.WriteLine($"{bytes * 100.0 / total,5:F1}%  {perTurn * bytes / total / 1024,9:F2}  {type}");
        return 0;
    }

    private static int TurnsPerInvocation => Load.TurnLoad.Script.Length;

    private sealed class AllocationTickListener : EventListener
    {
        public ConcurrentDictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
            var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
            var amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
            Bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
