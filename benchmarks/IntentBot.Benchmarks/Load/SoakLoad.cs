using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntentBot.Home;
using IntentBot.Nlu;

namespace IntentBot.Benchmarks.Load;

/// <summary>
/// The soak mode: does memory level off? Runs rounds of anonymous Web Chat visitors (token, conversation, two
/// turns, as the chat page does) against a server on loopback, in the embedded store and on a real redis-server,
/// with the anonymous and transcript retentions at their one-minute minimum so that within minutes the oldest
/// visitors expire while new ones arrive. After each round it records the server's resident set and Redis's
/// used_memory and key count; after the last round it waits past the retention, records them, runs one more round and
/// records them again.
/// Memory that levels off shows a plateau across rounds and a drop after the wait; a leak climbs with every round.
/// </summary>
internal static class SoakLoad
{
    private sealed record Sample(string Label, int Conversations, double Seconds, long RssBytes, long? HeapBytes, long? RedisBytes, long? RedisKeys);

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = 6, perRound = 600, concurrency = 8, idleSeconds = 80;
        string storage = "both";
        string? outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--conversations": perRound = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--idle": idleSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--storage": storage = Next(); break;
                case "--out": outFile = Next(); break;
                default: Console.Error.WriteLine($"soak: unknown option {args[i]}"); return 2;
            }
        }
        if (rounds < 1 || perRound < 1 || concurrency < 1 || storage is not ("embedded" or "redis" or "both"))
        {
            Console.Error.WriteLine("soak: --rounds, --conversations and --concurrency must be positive; --storage embedded|redis|both");
            return 2;
        }

        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"## Soak: {rounds} rounds of {perRound:N0} anonymous Web Chat visitors ({DateTime.UtcNow:yyyy-MM-ddTHH:mmZ})");
        md.AppendLine();
        md.AppendLine(c, $"Each visitor: POST /api/v1/directline/token, POST /v3/directline/conversations, two message turns; {concurrency} " +
            $"visitors at a time; `Context:AnonymousRetention` and `DirectLine:TranscriptRetention` at 1 minute (their minimum), embedded sweeps " +
            $"every 5 s; after the last round an idle wait of {idleSeconds} s, then one more round. Server and load share this machine's {Environment.ProcessorCount} cores. " +
            $"GC heap: the runtime's `dotnet.gc.last_collection.heap.size` from `/metrics`, summed over generations.");
        foreach (var mode in storage == "both" ? ["embedded", "redis"] : new[] { storage })
        {
            var samples = await SoakAsync(mode, rounds, perRound, concurrency, idleSeconds);
            if (samples is null) return 1;
            Report(md, mode, samples, perRound);
        }
        Console.WriteLine(md);
        if (outFile is not null) await File.WriteAllTextAsync(outFile, md.ToString());
        return 0;
    }

    private static async Task<List<Sample>?> SoakAsync(string mode, int rounds, int perRound, int concurrency, int idleSeconds)
    {
        using var redis = mode == "redis" ? await RedisNode.StartStandaloneAsync() : null;
        var home = RepositoryRoot.LocateHome();
        var dll = Path.Combine(home, "src", "IntentBot.Server", "bin", "Release", "net10.0", "IntentBot.Server.dll");
        List<KeyValuePair<string, string>> environment =
        [
            new("Context__AnonymousRetention", "00:01:00"),
            new("DirectLine__TranscriptRetention", "00:01:00"),
            new("Context__EmbeddedSweepInterval", "00:00:05"),
            new("Behaviour__EmbeddedSweepInterval", "00:00:05"),
            // Every visitor comes from 127.0.0.1: the per-address token limit would stop the soak, not measure it.
            new("DirectLine__TokenEndpointPermitsPerMinute", "0"),
            new("Logging__LogLevel__Default", "Warning"),
        ];
        if (redis is not null) environment.Add(new("ConnectionStrings__Redis", redis.ConnectionString("abortConnect=false")));
        Console.WriteLine($"soak ({mode}): starting the server ...");
        await using var server = await ServerProcess.StartAsync(dll, home, environment, TimeSpan.FromMinutes(2));
        using var client = LoadRun.CreateClient(concurrency);

        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        async Task MeasureAsync(string label, int total)
        {
            var (bytes, keys) = redis is null ? ((long?)null, (long?)null) : RedisMemory(redis);
            var sample = new Sample(label, total, clock.Elapsed.TotalSeconds, server.ResidentBytes() ?? 0, await ManagedHeapAsync(client, server.BaseUrl), bytes, keys);
            samples.Add(sample);
            Console.WriteLine($"soak ({mode}): {label,-14} {total,7:N0} visitors  {sample.Seconds,6:F0} s  RSS {sample.RssBytes / 1048576.0,7:F1} MiB" +
                $"  GC heap {sample.HeapBytes / 1048576.0,7:F1} MiB" +
                (bytes is null ? "" : $"  Redis {bytes / 1048576.0,6:F2} MiB, {keys:N0} keys"));
        }

        // A few visitors first, so the baseline includes what every first visitor warms up (JIT, pools, the model's buffers).
        if (!await VisitorsAsync(client, server.BaseUrl, 2 * concurrency, concurrency)) return null;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await MeasureAsync("baseline", 0);
        var total = 0;
        for (var round = 1; round <= rounds; round++)
        {
            if (!await VisitorsAsync(client, server.BaseUrl, perRound, concurrency)) return null;
            total += perRound;
            await MeasureAsync($"round {round}", total);
        }
        Console.WriteLine($"soak ({mode}): idle for {idleSeconds} s ...");
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        await MeasureAsync("after idle", total);
        // A collection needs allocations; one more round after the wait shows what the heap holds once the expired
        // visitors are gone: about what it held after round 1, if nothing leaks.
        if (!await VisitorsAsync(client, server.BaseUrl, perRound, concurrency)) return null;
        total += perRound;
        await MeasureAsync("idle + 1 round", total);
        return samples;
    }

    /// <summary>Runs <paramref name="count"/> visitors, <paramref name="concurrency"/> at a time; false after any failure.</summary>
    private static async Task<bool> VisitorsAsync(HttpClient client, Uri baseUrl, int count, int concurrency)
    {
        var next = -1;
        string? failure = null;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count && failure is null)
            {
                try { await VisitAsync(client, baseUrl); }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
                {
                    failure ??= ex.Message;
                }
            }
        });
        await Task.WhenAll(workers);
        if (failure is not null) Console.Error.WriteLine($"soak: a visitor failed: {failure}");
        return failure is null;
    }

    private static async Task VisitAsync(HttpClient client, Uri baseUrl)
    {
        var (id, conversationToken, userId) = await TurnLoad.OpenAsync(client, baseUrl);

        foreach (var text in new[] { "hi there", "do you have running shoes?" })
        {
            var body = $$"""{"type":"message","from":{"id":{{JsonSerializer.Serialize(userId)}}},"text":{{JsonSerializer.Serialize(text)}}}""";
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"/v3/directline/conversations/{Uri.EscapeDataString(id)}/activities"))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversationToken);
            using var posted = await client.SendAsync(post);
            posted.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// The managed heap as of the last garbage collection (the runtime's dotnet.gc.last_collection.heap.size, summed over
    /// generations) from the server's /metrics: unlike the resident set, it falls when expired data is collected.
    /// </summary>
    private static async Task<long?> ManagedHeapAsync(HttpClient client, Uri baseUrl)
    {
        try
        {
            var text = await client.GetStringAsync(new Uri(baseUrl, "/metrics"));
            var values = text.Split('\n')
                .Where(l => l.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
                .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).ToList();
            return values.Count == 0 ? null : (long)values.Sum();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static (long? Bytes, long? Keys) RedisMemory(RedisNode redis)
    {
        var info = redis.Cli("INFO", "memory");
        var line = info.Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        var bytes = long.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
        var keys = long.Parse(redis.Cli("DBSIZE").Trim(), CultureInfo.InvariantCulture);
        return (bytes, keys);
    }

    private static void Report(StringBuilder md, string mode, List<Sample> samples, int perRound)
    {
        var c = CultureInfo.InvariantCulture;
        var redis = samples[0].RedisBytes is not null;
        md.AppendLine();
        md.AppendLine(c, $"### {(redis ? "Redis (one redis-server on loopback)" : "Embedded store (no Redis)")}");
        md.AppendLine();
        md.AppendLine(redis
            ? "| After | Visitors | Time s | Server RSS MiB | GC heap MiB | Redis used_memory MiB | Redis keys | Redis bytes per visitor since baseline |"
            : "| After | Visitors | Time s | Server RSS MiB | GC heap MiB | GC heap bytes per visitor since baseline |");
        md.AppendLine(redis ? "|---|---:|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|");
        var baseline = samples[0];
        foreach (var s in samples)
        {
            var heap = s.HeapBytes is null ? "n/a" : (s.HeapBytes.Value / 1048576.0).ToString("F1", c);
            var perVisitorHeap = s.Conversations == 0 || s.HeapBytes is null || baseline.HeapBytes is null ? "" : ((double)(s.HeapBytes.Value - baseline.HeapBytes.Value) / s.Conversations).ToString("N0", c);
            if (redis)
            {
                var perVisitor = s.Conversations == 0 ? "" : ((double)(s.RedisBytes!.Value - baseline.RedisBytes!.Value) / s.Conversations).ToString("N0", c);
                md.AppendLine(c, $"| {s.Label} | {s.Conversations:N0} | {s.Seconds:F0} | {s.RssBytes / 1048576.0:F1} | {heap} | {s.RedisBytes / 1048576.0:F2} | {s.RedisKeys:N0} | {perVisitor} |");
            }
            else
            {
                md.AppendLine(c, $"| {s.Label} | {s.Conversations:N0} | {s.Seconds:F0} | {s.RssBytes / 1048576.0:F1} | {heap} | {perVisitorHeap} |");
            }
        }
        // Live data right after the first round: the cost of a visitor while still retained.
        var first = samples[1];
        if (redis)
            md.AppendLine().AppendLine(c, $"Redis bytes per live visitor (after round 1, nothing expired yet): {(first.RedisBytes!.Value - baseline.RedisBytes!.Value) / (double)perRound:N0}; " +
                $"keys per visitor: {(first.RedisKeys!.Value - baseline.RedisKeys!.Value) / (double)perRound:F1}.");
    }
}
