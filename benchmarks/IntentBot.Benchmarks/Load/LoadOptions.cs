using System.Globalization;

namespace IntentBot.Benchmarks.Load;

/// <summary>Command-line options of the http mode.</summary>
internal sealed record LoadOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    /// <summary>Concurrency 1 gives the unloaded single-text latency; the others show throughput under load.</summary>
    public int[] Concurrency { get; init; } = [1, 8, 32, 64];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Per level; the level ends at whichever of this and <see cref="Duration"/> comes first.</summary>
    public long Requests { get; init; } = 1_000_000;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int BatchSize { get; init; } = 32;
    public int BatchConcurrency { get; init; } = 4;
    /// <summary>turns mode: Direct Line conversations to open (at least one per client, so no two clients share one).</summary>
    public int Conversations { get; init; } = 64;
    public bool StartServer { get; init; }
    public string? ServerDll { get; init; }
    public string? OutFile { get; init; }
    /// <summary>Extra environment for a started server, e.g. Nlu__IntraOpThreads=1 to try a setting.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment { get; init; } = [];

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--url" => o with { Url = new Uri(Next()) },
                "--concurrency" => o with { Concurrency = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Int()) },
                "--requests" => o with { Requests = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(Int()) },
                "--batch-size" => o with { BatchSize = Int() },
                "--batch-concurrency" => o with { BatchConcurrency = Int() },
                "--conversations" => o with { Conversations = Int() },
                "--start-server" => o with { StartServer = true },
                "--server-dll" => o with { ServerDll = Next() },
                "--out" => o with { OutFile = Next() },
                "--server-env" => o with { ServerEnvironment = [.. o.ServerEnvironment, ParseVariable(Next())] },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Concurrency.Length == 0 || o.Concurrency.Any(c => c < 1) || o.BatchConcurrency < 1 || o.BatchSize < 1 || o.Requests < 1 || o.Conversations < 1)
            throw new ArgumentException("concurrency, batch size and request count must be positive");
        // This tool generates real load; it must never be pointed at someone else's machine.
        if (!o.Url.IsLoopback || o.Url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"{o.Url} is not an http(s) loopback address; only 127.0.0.1, ::1 or localhost are allowed");
        return o;
    }

    private static KeyValuePair<string, string> ParseVariable(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq < 1) throw new ArgumentException($"--server-env expects NAME=VALUE, got '{text}'");
        return new(text[..eq], text[(eq + 1)..]);
    }
}
