using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// Safe by default: with no API keys configured, the endpoints that read, change or erase customer data (and the
/// metrics) answer callers on this machine only; classification stays open. With keys, a caller anywhere with a
/// valid key is served.
/// </summary>
public sealed class SafeDefaultsTests
{
    private static readonly (string Method, string Path)[] CustomerDataRoutes =
    [
        ("DELETE", "/api/v1/users/someone"), ("GET", "/api/v1/users/someone/context"), ("POST", "/api/v1/events"),
        ("GET", "/api/v1/handoffs"), ("POST", "/api/v1/conversations/c1/handback"), ("GET", "/metrics"),
    ];

    [Fact]
    public async Task Without_keys_customer_data_and_metrics_refuse_a_caller_off_this_machine()
    {
        using var factory = new IntentBotFactory();
        foreach (var (method, path) in CustomerDataRoutes)
        {
            var remote = await SendAsync(factory, method, path, "203.0.113.7");
            Assert.True(remote.Response.StatusCode == StatusCodes.Status403Forbidden, $"{method} {path} from afar answered {remote.Response.StatusCode}");
            var local = await SendAsync(factory, method, path, "127.0.0.1");
            Assert.True(local.Response.StatusCode != StatusCodes.Status403Forbidden, $"{method} {path} from this machine answered 403");
        }
        var classify = await SendAsync(factory, "GET", "/api/v1/model", "203.0.113.7");
        Assert.Equal(StatusCodes.Status200OK, classify.Response.StatusCode);
    }

    [Fact]
    public async Task With_keys_a_caller_anywhere_with_a_valid_key_is_served()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Api:Keys:0"] = "safe-defaults-key" });
        foreach (var (method, path) in CustomerDataRoutes)
        {
            var remote = await SendAsync(factory, method, path, "203.0.113.7", "safe-defaults-key");
            Assert.True(remote.Response.StatusCode is not (StatusCodes.Status403Forbidden or StatusCodes.Status401Unauthorized),
                $"{method} {path} with a key answered {remote.Response.StatusCode}");
        }
    }

    [Fact]
    public void Start_up_warns_naming_each_endpoint_when_listening_beyond_this_machine_without_keys()
    {
        var logs = new WarningCapture();
        using var factory = new IntentBotFactory().WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Any, 0));
        factory.StartServer();

        var warning = Assert.Single(logs.Warnings, w => w.Contains("Listening beyond this machine", StringComparison.Ordinal));
        foreach (var route in new[] { "DELETE /api/v1/users/{**id}", "GET /api/v1/users/{id}/context", "POST /api/v1/events", "GET /api/v1/handoffs",
                     "POST /api/v1/conversations/{conversationId}/handback", "GET /metrics", "POST /api/v1/classify", "POST /api/messages" })
            Assert.Contains(route, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loopback_bind_without_keys_is_not_warned_about()
    {
        var logs = new WarningCapture();
        using var factory = new IntentBotFactory().WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        factory.UseKestrel(0);
        factory.StartServer();

        Assert.DoesNotContain(logs.Warnings, w => w.Contains("Listening beyond this machine", StringComparison.Ordinal));
    }

    private sealed class WarningCapture : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(WarningCapture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning) owner.Warnings.Enqueue(formatter(state, exception));
            }
        }
    }

    private static Task<HttpContext> SendAsync(IntentBotFactory factory, string method, string path, string address, string? key = null) =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (key is not null) context.Request.Headers["X-Api-Key"] = key;
            if (method == "POST")
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream("""{"events":[]}"""u8.ToArray());
            }
        });
}
