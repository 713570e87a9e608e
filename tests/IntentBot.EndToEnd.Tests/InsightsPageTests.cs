using IntentBot.Agent.Insights;
using IntentBot.Cli;
using IntentBot.Server.Desk;
using IntentBot.Server.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IntentBot.EndToEnd.Tests;

/// <summary>A real server with a desk account and an API key, and a browser.</summary>
public sealed class InsightsEndToEnd : IAsyncLifetime
{
    public const string Agent = "Maria";
    public const string Secret = "maria-insights-secret-42";
    public const string ApiKey = "insights-export-key";

    public RealServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Desk:Agents:0:Name"] = Agent,
        ["Desk:Agents:0:SecretHash"] = SecretHash.Create(Secret, SecretHash.MinIterations),
        ["Api:Keys:0"] = ApiKey,
    });

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        await Server.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// The insights page in headless Chromium: a week of scripted hourly counts and three messages in the review queue
/// (explained by the real model); the reviewer signs in, sees the script's totals in the tiles and the charts,
/// corrects a reading, and `intentbot feedback export` writes the correction as a training row.
/// </summary>
public sealed class InsightsPageTests(InsightsEndToEnd endToEnd, ITestOutputHelper output) : IClassFixture<InsightsEndToEnd>
{
    private static readonly string[] Intents = ["track_order", "get_refund", "product_inquiry", "delivery_period", "greeting"];

    [Fact]
    public async Task A_reviewer_sees_the_weeks_numbers_corrects_a_reading_and_exports_it()
    {
        var services = endToEnd.Server.Services;
        var totals = await SeedWeekAsync(services.GetRequiredService<IAnalyticsStore>());
        var intake = services.GetRequiredService<ReviewIntake>();
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<IReviewStore>().AddAsync(
        [
            await intake.CreateAsync("u-1", "c-1", "what is the capital of Peru", ReviewSources.OutOfScope, now.AddMinutes(-30), CancellationToken.None),
            await intake.CreateAsync("u-2", "c-2", "what is the capital city of Peru", ReviewSources.OutOfScope, now.AddMinutes(-20), CancellationToken.None),
            await intake.CreateAsync("u-3", "c-3", "can you gift wrap it, mail me at jo@example.com", ReviewSources.Unsure, now.AddMinutes(-10), CancellationToken.None),
        ]);

        var context = await endToEnd.Browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-US" });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console.{message.Type}: {message.Text}");
        await page.GotoAsync(new Uri(endToEnd.Server.BaseAddress, "/insights").ToString());

        await page.Locator("#sign-in-name").FillAsync(InsightsEndToEnd.Agent);
        await page.Locator("#sign-in-secret").FillAsync(InsightsEndToEnd.Secret);
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#t-conversations")).ToHaveTextAsync(totals.Conversations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#t-turns")).ToHaveTextAsync(totals.Turns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#t-containment")).ToHaveTextAsync(Percent(1 - (double)totals.Handoffs / totals.Conversations));
        await Expect(page.Locator("#t-handoff")).ToHaveTextAsync(Percent((double)totals.Handoffs / totals.Conversations));
        // The charts hold the script's numbers (read from the Chart.js instances the page drew).
        var topIntent = await page.EvaluateAsync<string>("() => Chart.getChart('c-intents').data.labels[0]");
        Assert.Equal("track_order", topIntent);
        var trafficTurns = await page.EvaluateAsync<int>("() => Chart.getChart('c-traffic').data.datasets[0].data.reduce((a, b) => a + b, 0)");
        Assert.Equal(totals.Turns, trafficTurns);
        var negative = await page.EvaluateAsync<int>("() => Chart.getChart('c-sentiment').data.datasets[0].data.reduce((a, b) => a + b, 0)");
        Assert.Equal(totals.Negative, negative);

        // Two ways of asking the same unanswered question are one group; the masked e-mail never reaches the page.
        await Expect(page.Locator("#questions li").First).ToContainTextAsync("2×");
        await Expect(page.Locator("#review li")).ToHaveCountAsync(3);
        var giftWrap = page.Locator("#review li", new() { HasText = "gift wrap" });
        await Expect(giftWrap).ToContainTextAsync("[email]");
        Assert.DoesNotContain("jo@example.com", await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(giftWrap.Locator(".word")).ToHaveCountAsync(9);

        await page.ScreenshotAsync(new() { Path = Screenshot("insights.png"), FullPage = true });
        await giftWrap.Locator("select").SelectOptionAsync("delivery_options");
        await giftWrap.Locator("button", new() { HasText = "Correct" }).ClickAsync();
        await Expect(page.Locator("#review li", new() { HasText = "gift wrap" })).ToContainTextAsync("corrected: delivery_options");
        await Expect(page.Locator("#review-count")).ToHaveTextAsync("2");

        var file = Path.Combine(Path.GetTempPath(), $"intentbot-feedback-{Guid.NewGuid():N}.jsonl");
        try
        {
            var stderr = new StringWriter();
            var exit = await CommandLine.RunAsync(["feedback", "export", "--url", endToEnd.Server.BaseAddress.ToString(), "--api-key", InsightsEndToEnd.ApiKey, "--out", file],
                new StringReader(""), new StringWriter(), stderr);
            Assert.True(exit == 0, stderr.ToString());
            Assert.Equal(["""{"text":"can you gift wrap it, mail me at [email]","intent":"delivery_options","sentiment":null,"source":"feedback"}"""],
                await File.ReadAllLinesAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed record Totals(int Conversations, int Turns, int Handoffs, int Negative);

    /// <summary>Seven days of hourly counts, deterministic and busier by day than by night; returns what the page must show.</summary>
    private static async Task<Totals> SeedWeekAsync(IAnalyticsStore store)
    {
        var hour = AnalyticsFields.Hour(DateTimeOffset.UtcNow).AddDays(-6).AddHours(-12);
        int conversations = 0, turns = 0, handoffs = 0, negative = 0;
        var batch = new Dictionary<DateTimeOffset, Dictionary<string, long>>();
        for (var h = 0; h < 6 * 24 + 12; h++, hour = hour.AddHours(1))
        {
            var busy = hour.Hour is >= 8 and <= 21 ? 3 + (h % 5) : h % 2;
            if (busy == 0) continue;
            var counts = new Dictionary<string, long>
            {
                [AnalyticsFields.Conversations] = busy,
                [AnalyticsFields.Turns] = busy * 3,
                [AnalyticsFields.Handoffs] = h % 7 == 0 ? 1 : 0,
                [AnalyticsFields.HandoffPrefix + (h % 2 == 0 ? "requested" : "frustration")] = h % 7 == 0 ? 1 : 0,
                [AnalyticsFields.OutOfScope] = h % 3 == 0 ? 1 : 0,
                [AnalyticsFields.Clarifications] = h % 4 == 0 ? 1 : 0,
                [AnalyticsFields.PromotionsOffered] = h % 5 == 0 ? 1 : 0,
                [AnalyticsFields.CodesChecked] = h % 6 == 0 ? 1 : 0,
                [AnalyticsFields.SentimentPrefix + "negative"] = busy / 2,
                [AnalyticsFields.SentimentPrefix + "neutral"] = busy * 2,
                [AnalyticsFields.SentimentPrefix + "positive"] = busy * 3 - busy / 2 - busy * 2,
                [AnalyticsFields.PurchaseIntentBand((h % 10) / 10.0)] = 1,
            };
            for (var i = 0; i < busy * 3; i++)
                counts[AnalyticsFields.IntentPrefix + Intents[i % Intents.Length]] = counts.GetValueOrDefault(AnalyticsFields.IntentPrefix + Intents[i % Intents.Length]) + 1;
            batch[hour] = counts;
            conversations += busy;
            turns += busy * 3;
            handoffs += h % 7 == 0 ? 1 : 0;
            negative += busy / 2;
        }
        await store.AddAsync(batch);
        return new Totals(conversations, turns, handoffs, negative);
    }

    /// <summary>As the page shows a rate: the API's (4 decimals), then JavaScript's Math.round to a tenth of a percent.</summary>
    private static string Percent(double rate) =>
        (Math.Round(Math.Round(rate, 4) * 1000, MidpointRounding.AwayFromZero) / 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + " %";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Screenshot(string name)
    {
        var path = Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
