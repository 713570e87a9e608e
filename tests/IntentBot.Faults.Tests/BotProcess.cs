using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace IntentBot.Faults.Tests;

/// <summary>
/// The real IntentBot server (the built IntentBot.Server.dll, real model, real agent) as a child process on a
/// free loopback port, configured through environment variables like a deployment. <see cref="Kill"/> sends
/// SIGKILL: no graceful drain, nothing flushed, exactly a crashed instance.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    public const string Secret = "faults-secret-0123456789";
    public const string SigningKey = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="; // 32 bytes, shared by instances

    private static string Metadata(string key) => typeof(BotProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot => Metadata("RepoRoot");

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        // The guard against a hang: every request must be answered well within this (an outage answers in
        // about Context:OperationTimeout); a request that hangs fails the test instead of blocking CI.
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    /// <summary>What the server wrote (warnings and errors): shown when a test fails.</summary>
    public string Output => string.Join('\n', _output.TakeLast(80));

    public static async Task<BotProcess> StartAsync(string redisConnectionString, IDictionary<string, string>? settings = null)
    {
        var dll = Metadata("ServerDll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/IntentBot.Server first.");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        var environment = new Dictionary<string, string>
        {
            ["INTENTBOT_HOME"] = RepoRoot,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Nlu__ExecutionProvider"] = "Cpu",
            ["ConnectionStrings__Redis"] = redisConnectionString,
            ["Context__OperationTimeout"] = "00:00:01",
            ["DirectLine__Secrets__0"] = Secret,
            ["DirectLine__TokenSigningKey"] = SigningKey,
            // The load of the fault tests posts as fast as it can in one conversation; the turn limits are tested elsewhere.
            ["DirectLine__TurnsPerMinute"] = "0",
            ["BotConnector__TurnsPerMinute"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var bot = new BotProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await bot.WaitUntilReadyAsync();
        return bot;
    }

    /// <summary>Several instances started side by side (each loads the model, most of a start-up); none leaks if one fails.</summary>
    public static async Task<BotProcess[]> StartManyAsync(int count, string redisConnectionString, IDictionary<string, string>? settings = null)
    {
        var starting = Enumerable.Range(0, count).Select(_ => StartAsync(redisConnectionString, settings)).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("The server exited at start-up:\n" + Output);
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("The server did not become ready:\n" + Output);
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
