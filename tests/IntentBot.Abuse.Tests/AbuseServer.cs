using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IntentBot.Abuse.Tests;

/// <summary>
/// The real IntentBot server in memory (real model, real agent, embedded store), rooted at the repository,
/// with API keys, a Direct Line secret and signing key configured, and every log line captured so the tests
/// can check that no credential is ever written.
/// </summary>
public sealed class AbuseServer(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "abuse-api-key-7f3c9d2e41b8a605";
    public const string DirectLineSecret = "abuse-dl-secret-5e8a1c3f9b7d2046";
    public const string SigningKey = "QWJ1c2VUZXN0U2lnbmluZ0tleTAxMjM0NTY3ODkwMTI="; // 32 bytes

    public static string RepoRoot { get; } = typeof(AbuseServer).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoRoot);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Nlu:ExecutionProvider"] = "Cpu",
                ["Api:Keys:0"] = ApiKey,
                ["DirectLine:Secrets:0"] = DirectLineSecret,
                ["DirectLine:TokenSigningKey"] = SigningKey,
                ["DirectLine:TokenEndpointPermitsPerMinute"] = "0",
                // The fuzzing sends hundreds of requests per route from one client: limits that would answer most
                // of them with 429 are off here (LockedDownTests and tests/IntentBot.Server.Tests/Hardening test them).
                ["DirectLine:TurnsPerMinute"] = "0",
                ["BotConnector:TurnsPerMinute"] = "0",
                ["Api:RateLimit:FailedKeyAttemptsPerMinute"] = "0",
                // Local mode replies go to the activity's serviceUrl: one quick attempt at a closed port.
                ["BotConnector:MaxSendAttempts"] = "1",
                // Everything the app itself logs, down to Debug, is captured and searched for secrets.
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:IntentBot"] = "Debug",
            });
            if (settings is not null) config.AddInMemoryCollection(settings);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>Every log line the server writes, formatted, with its exception text and scopes' absence noted.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner._lines.Enqueue($"[scope] {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
