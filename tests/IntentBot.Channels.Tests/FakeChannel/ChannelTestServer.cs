using System.Collections.Concurrent;
using System.Reflection;
using IntentBot.Protocol.Bots;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntentBot.Channels.Tests.FakeChannel;

/// <summary>
/// The real IntentBot server in memory, rooted at the repository, with the settings a test gives it and a test
/// IBot in place of the agent (the channel is under test here, not the agent). Log lines are captured so tests
/// can check what the server says (and what it must never say).
/// </summary>
public sealed class ChannelTestServer(IDictionary<string, string?> settings, IBot bot, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    public static string RepoRoot { get; } = typeof(ChannelTestServer).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public CapturedLogs Logs { get; } = new();

    /// <summary>Settings that point the Bot Connector channel at a fake channel, with authentication on.</summary>
    public static Dictionary<string, string?> AuthenticatedSettings(FakeBotFrameworkChannel channel) => new()
    {
        ["BotConnector:AppId"] = FakeBotFrameworkChannel.AppId,
        ["BotConnector:AppPassword"] = FakeBotFrameworkChannel.AppPassword,
        ["BotConnector:TokenEndpoint"] = channel.TokenEndpoint,
        ["BotConnector:OpenIdMetadataUrl"] = channel.MetadataUrl,
        ["BotConnector:RequireHttps"] = "false",
        ["BotConnector:AllowEmulatorTokens"] = "true",
        ["BotConnector:EmulatorOpenIdMetadataUrl"] = channel.EmulatorMetadataUrl,
        // Retries still double and jitter, just from a small base so the tests do not sit idle.
        ["BotConnector:RetryBaseDelay"] = "00:00:00.020",
        ["BotConnector:RetryMaxDelay"] = "00:00:02",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoRoot);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            config.AddInMemoryCollection(new Dictionary<string, string?> { ["Nlu:ExecutionProvider"] = "Cpu" });
            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(bot);
            if (clock is not null) services.AddSingleton(clock);
        });
    }
}

/// <summary>Every log line the server writes, formatted, with its exception text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
