using Microsoft.Playwright;

namespace IntentBot.EndToEnd.Tests;

/// <summary>
/// Headless Chromium from the system (/usr/bin/chromium, installed by test.sh): Playwright never downloads a
/// browser here. A missing Chromium is a failure, not a skip.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs it (apt-get install chromium).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A page in a fresh context of the given size (en-US), its console copied to the test's output.</summary>
    public async Task<IPage> NewPageAsync(int width, int height, Xunit.Abstractions.ITestOutputHelper output)
    {
        var context = await Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        context.SetDefaultTimeout(60_000); // a generous limit only so a broken page fails instead of hanging
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console.{message.Type}: {message.Text}");
        return page;
    }

    /// <summary>Where screenshots go: artifacts/ next to the test assembly (bin/Release/net10.0/artifacts).</summary>
    public static string ArtifactPath(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}

/// <summary>One real server and one browser for the end-to-end classes.</summary>
public sealed class EndToEnd : IAsyncLifetime
{
    public RealServer Server { get; } = new();
    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<EndToEnd>
{
    public const string Name = "end-to-end";
}
