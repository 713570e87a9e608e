using System.Globalization;
using System.Text;
using System.Text.Json;
using IntentBot.Nlu;

namespace IntentBot.Benchmarks.Load;

/// <summary>The http mode: optional server start, warm-up, one load level per concurrency, then a markdown report.</summary>
internal static class HttpLoad
{
    private const string ClassifyPath = "/api/v1/classify";

    public static Task<int> RunAsync(string[] args) => LoadRun.RunAsync("http", args, [], MeasureAsync);

    private static async Task<string?> MeasureAsync(LoadOptions options, Uri baseUrl, ServerProcess? server)
    {
        var endpoint = new Uri(baseUrl, ClassifyPath);
        var messages = Corpus.Messages;
        var singles = messages.Select(m => Body(w => w.WriteString("text", m))).ToArray();
        var batches = Enumerable.Range(0, messages.Count).Select(start => Body(w =>
        {
            w.WriteStartArray("texts");
            for (var i = 0; i < options.BatchSize; i++) w.WriteStringValue(messages[(start + i) % messages.Count]);
            w.WriteEndArray();
        })).ToArray();

        var maxConcurrency = Math.Max(options.Concurrency.Max(), options.BatchConcurrency);
        using var client = LoadRun.CreateClient(maxConcurrency);

        // Fail fast (wrong URL, API key required, ...) before spending minutes on load.
        if (await LoadLevel.SendAsync(client, endpoint, singles[0]) is { } failure)
        {
            Console.Error.WriteLine($"http: POST {endpoint} failed: {failure}");
            return null;
        }

        // Warm-up: JIT tiering, connection pool, ONNX Runtime's arena, thread pool growth.
        Func<TimeSpan>? serverCpu = server is null ? null : server.CpuTime;
        Console.WriteLine($"Warming up for {options.Warmup.TotalSeconds:F0}s ...");
        await LoadLevel.RunAsync(client, endpoint, "warm-up", singles, 1, maxConcurrency, options.Warmup, long.MaxValue, null);
        await LoadLevel.RunAsync(client, endpoint, "warm-up", batches, options.BatchSize, options.BatchConcurrency, TimeSpan.FromSeconds(1), long.MaxValue, null);

        var results = new List<LevelResult>();
        foreach (var concurrency in options.Concurrency)
        {
            Console.WriteLine($"1 text per request, {concurrency} concurrent ...");
            results.Add(await LoadLevel.RunAsync(client, endpoint, "1 text", singles, 1, concurrency, options.Duration, options.Requests, serverCpu));
        }
        Console.WriteLine($"{options.BatchSize} texts per request, {options.BatchConcurrency} concurrent ...");
        results.Add(await LoadLevel.RunAsync(client, endpoint, $"{options.BatchSize} texts", batches, options.BatchSize,
            options.BatchConcurrency, options.Duration, options.Requests, serverCpu));

        return Report(options, endpoint, server, results);
    }

    private static string Report(LoadOptions options, Uri endpoint, ServerProcess? server, List<LevelResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"## HTTP load: POST {endpoint.AbsolutePath} on loopback");
        md.AppendLine();
        md.AppendLine(c, $"Closed loop, {options.Duration.TotalSeconds:F0} s or {options.Requests:N0} requests per level, " +
            $"after {options.Warmup.TotalSeconds:F0} s warm-up; {Corpus.Messages.Count} short customer messages in rotation; " +
            $"client and server share this machine's {Environment.ProcessorCount} cores.");
        LoadReport.AppendServerEnvironment(md, options);
        md.AppendLine();
        md.AppendLine("| Request | Concurrency | OK requests | Texts/s | p50 ms | p95 ms | p99 ms | Errors | Server CPU (cores) | Client CPU (cores) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var r in results)
        {
            var errors = LoadReport.Errors(r);
            md.AppendLine(c, $"| {r.Mode} | {r.Concurrency} | {r.Succeeded:N0} | {r.TextsPerSecond:N0} | {r.Percentile(50):F2} | " +
                $"{r.Percentile(95):F2} | {r.Percentile(99):F2} | {errors} | {r.ServerCores:F2} | {r.ClientCores:F2} |");
        }
        LoadReport.AppendServerMemory(md, server);
        return md.ToString();
    }

    private static byte[] Body(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
