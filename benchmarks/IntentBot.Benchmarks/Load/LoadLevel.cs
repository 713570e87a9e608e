using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace IntentBot.Benchmarks.Load;

/// <summary>What one load level measured. Latencies (ms) are of successful requests, sorted.</summary>
internal sealed record LevelResult(
    string Mode, int Concurrency, int TextsPerRequest, long Succeeded, double Seconds, double[] LatenciesMs,
    IReadOnlyDictionary<string, long> Errors, double ServerCores, double ClientCores)
{
    public double TextsPerSecond => Succeeded * TextsPerRequest / Seconds;
    public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN
        : LatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send a request, wait for the whole response and send
/// the next, until the request budget or the time runs out. Bodies are serialized up front so the client
/// spends its (shared) CPU on HTTP only.
/// </summary>
internal static class LoadLevel
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static Task<LevelResult> RunAsync(
        HttpClient client, Uri endpoint, string mode, byte[][] bodies, int textsPerRequest, int concurrency,
        TimeSpan duration, long maxRequests, Func<TimeSpan>? serverCpu)
    {
        long next = 0;
        return RunAsync(mode, textsPerRequest, concurrency, duration, maxRequests, serverCpu,
            _ => SendAsync(client, endpoint, bodies[(int)(Interlocked.Increment(ref next) % bodies.Length)]));
    }

    /// <summary>
    /// The closed loop itself: <paramref name="send"/> (given the worker's index) makes one request and
    /// returns null on success or a short error key; only its own time is measured.
    /// </summary>
    public static async Task<LevelResult> RunAsync(
        string mode, int textsPerRequest, int concurrency, TimeSpan duration, long maxRequests, Func<TimeSpan>? serverCpu,
        Func<int, Task<string?>> send)
    {
        var errors = new ConcurrentDictionary<string, long>();
        var latencies = new List<double>[concurrency];
        long issued = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var serverBefore = serverCpu?.Invoke();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();

        async Task Worker(int index)
        {
            var mine = latencies[index] = new List<double>(4096);
            while (Interlocked.Increment(ref issued) <= maxRequests && Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                var failure = await send(index).ConfigureAwait(false);
                if (failure is null) mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else errors.AddOrUpdate(failure, 1, (_, n) => n + 1);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Worker(i)))).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var clientCores = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds / seconds;
        var serverCores = serverBefore is { } before ? (serverCpu!() - before).TotalSeconds / seconds : double.NaN;

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LevelResult(mode, concurrency, textsPerRequest, all.Length, seconds, all,
            new SortedDictionary<string, long>(errors), serverCores, clientCores);
    }

    /// <summary>Posts one JSON body and reads the answer; returns null on success, else a short error key.</summary>
    public static Task<string?> SendAsync(HttpClient client, Uri endpoint, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return SendAsync(client, new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content });
    }

    /// <summary>Sends one request (disposed here) and reads the body; returns null on success, else a short error key.</summary>
    public static async Task<string?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await client.SendAsync(request).ConfigureAwait(false))
            {
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
        }
        catch (HttpRequestException ex)
        {
            return $"{ex.HttpRequestError}";
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }
}
