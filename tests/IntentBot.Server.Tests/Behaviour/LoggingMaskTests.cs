using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntentBot.Server.Tests.Behaviour;

/// <summary>The masking is wired for every logger of the real server, whichever provider receives the entry.</summary>
public sealed class LoggingMaskTests : IDisposable
{
    private readonly CapturingProvider _capture = new();
    // Request logging on, so the framework's own entries (which quote the request path) reach the sink.
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" });

    [Fact]
    public async Task Every_logger_of_the_server_masks_messages_values_scopes_and_exceptions()
    {
        using var app = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_capture)));
        _ = app.CreateClient(); // starts the host
        var logger = app.Services.GetRequiredService<ILogger<LoggingMaskTests>>();

        using (logger.BeginScope("customer {Email}", "scope@example.com"))
        {
            logger.LogWarning(new InvalidOperationException("payment with 4111 1111 1111 1111 failed"),
                "Customer {Email} called from {Phone} about order {Order}", "ada@example.com", "+44 20 7946 0958", "W123456");
        }

        logger.LogDebug("below the configured level for {Email}", "x@example.com");

        // One entry: the debug one was filtered by the configured levels, which the wrapped factory still applies.
        var entry = Assert.Single(_capture.Entries, e => e.Category == typeof(LoggingMaskTests).FullName);
        Assert.Equal("Customer [email] called from [phone] about order W123456", entry.Message);
        Assert.Equal("[email]", entry.Values["Email"]);
        Assert.Equal("[phone]", entry.Values["Phone"]);
        Assert.Equal("W123456", entry.Values["Order"]);
        Assert.Equal("Customer {Email} called from {Phone} about order {Order}", entry.Values["{OriginalFormat}"]);
        Assert.Equal("payment with [card] failed", entry.Exception!.Message);
        Assert.DoesNotContain("4111", entry.Exception.ToString(), StringComparison.Ordinal);
        Assert.Equal("customer [email]", entry.Scope);

        // Framework loggers go through the same factory: the hosting log of this request names the path.
        await app.CreateClient().GetAsync("/api/v1/users/someone@example.com/context");
        Assert.Contains(_capture.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Message.Contains("/users/[email]/context", StringComparison.Ordinal));
        Assert.DoesNotContain(_capture.Entries, e => e.Message.Contains("someone@example.com", StringComparison.Ordinal)
            || e.Values.Values.Any(v => v?.ToString()?.Contains("someone@example.com", StringComparison.Ordinal) == true));
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>A log sink that records what reaches the providers (a peer of the code under test).</summary>
    private sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        public sealed record Entry(string Category, string Message, Dictionary<string, object?> Values, Exception? Exception, string? Scope);

        private sealed class Logger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? scope = null;
                owner._scopes?.ForEachScope((s, _) => scope ??= s?.ToString(), (object?)null);
                var values = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(v => v.Key, v => v.Value) ?? [];
                owner.Entries.Enqueue(new Entry(category, formatter(state, exception), values, exception, scope));
            }
        }
    }
}
