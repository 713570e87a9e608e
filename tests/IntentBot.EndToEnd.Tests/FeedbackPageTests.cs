using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IntentBot.EndToEnd.Tests;

/// <summary>
/// Feedback into the review queue from the two people who see the bot's mistakes, in headless Chromium: a shopper
/// rates the bot's replies in the real Web Chat (its thumbs-up/down buttons), and an agent at /desk corrects the
/// model's reading of a customer line; both land in the review queue (read through the API), the correction in the export.
/// </summary>
public sealed class FeedbackPageTests(InsightsEndToEnd endToEnd, ITestOutputHelper output) : IClassFixture<InsightsEndToEnd>
{
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    [Fact]
    public async Task A_shopper_rates_replies_and_a_thumbs_down_puts_the_message_in_the_review_queue()
    {
        var page = await NewPageAsync(520, 820);
        await page.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await page.Locator(SendBox).WaitForAsync();
        await page.Locator(BotBubbles).First.WaitForAsync();
        // The welcome answers no message of the customer's: nothing to rate.
        await Expect(page.Locator("button.webchat__thumb-button")).ToHaveCountAsync(0);

        // Web Chat draws the buttons in the status line under the last reply of each turn.
        var likes = page.Locator("button.webchat__thumb-button[aria-label='Like']");
        var dislikes = page.Locator("button.webchat__thumb-button[aria-label='Dislike']");
        await SendAsync(page, "Do you ship to Canada?");
        await Expect(likes).ToHaveCountAsync(1);
        await likes.Last.ClickAsync();
        await Expect(likes.Last).ToHaveAttributeAsync("aria-pressed", "true");

        await SendAsync(page, "Where is my order?");
        await Expect(dislikes).ToHaveCountAsync(2);
        await dislikes.Last.ClickAsync();
        await Expect(dislikes.Last).ToHaveAttributeAsync("aria-pressed", "true");

        using var http = Api();
        var item = await EventuallyAsync(async () =>
            (await ReviewAsync(http, "open")).FirstOrDefault(i => i.GetProperty("source").GetString() == "rated_down"));
        output.WriteLine($"review item: {item}");
        // The message the rated reply answered, with the model's reading and its explanation; only that one.
        Assert.Equal("Where is my order?", item.GetProperty("text").GetString());
        Assert.Equal("track_order", item.GetProperty("intent").GetString());
        Assert.NotEmpty(item.GetProperty("explanation").EnumerateArray());
        Assert.StartsWith("dl_", item.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await ReviewAsync(http, "open"), i => i.GetProperty("text").GetString() == "Do you ship to Canada?");

        var summary = await EventuallyAsync(async () =>
        {
            var s = await http.GetFromJsonAsync<JsonElement>("/api/v1/insights/summary");
            return s.GetProperty("ratedUp").GetInt64() == 1 && s.GetProperty("ratedDown").GetInt64() == 1 ? s : default;
        });
        output.WriteLine($"summary: ratedUp {summary.GetProperty("ratedUp")}, ratedDown {summary.GetProperty("ratedDown")}");
        await page.ScreenshotAsync(new() { Path = Screenshot("webchat-feedback.png"), FullPage = true });
    }

    [Fact]
    public async Task An_agent_corrects_the_reading_of_a_customer_line_at_the_desk_and_it_is_exported()
    {
        var customer = await NewPageAsync(440, 760);
        await customer.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await customer.Locator(SendBox).WaitForAsync();
        await customer.Locator(BotBubbles).First.WaitForAsync();
        await SendAsync(customer, "I want to talk to a human agent");
        await Expect(customer.Locator(BotBubbles, new() { HasTextString = "next in line" })).ToBeVisibleAsync();
        await SendAsync(customer, "the parcel never came");

        var desk = await NewPageAsync(1400, 860);
        await desk.GotoAsync(new Uri(endToEnd.Server.BaseAddress, "/desk").ToString());
        await desk.Locator("#sign-in-name").FillAsync(InsightsEndToEnd.Agent);
        await desk.Locator("#sign-in-secret").FillAsync(InsightsEndToEnd.Secret);
        await desk.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await desk.Locator("#queue-list li.item").First.ClickAsync();
        var line = desk.Locator("#transcript li.line.customer", new() { HasTextString = "the parcel never came" });
        await Expect(line).ToBeVisibleAsync();

        // Whatever the model read, the agent names another intent.
        var reading = await line.Locator(".by").InnerTextAsync();
        var label = reading.Contains("delivery_period", StringComparison.Ordinal) ? "track_order" : "delivery_period";
        await line.Locator("button", new() { HasText = "Wrong reading?" }).ClickAsync();
        await line.Locator("select").SelectOptionAsync(label);
        await line.Locator("button", new() { HasText = "Save correction" }).ClickAsync();
        await Expect(line.Locator(".fixed")).ToHaveTextAsync("corrected → " + label);
        await Expect(desk.Locator("#transcript li.line.event").Last).ToContainTextAsync($"{InsightsEndToEnd.Agent} corrected the reading");
        await desk.ScreenshotAsync(new() { Path = Screenshot("desk-correction.png") });

        using var http = Api();
        var item = await EventuallyAsync(async () =>
            (await ReviewAsync(http, "corrected")).FirstOrDefault(i => i.GetProperty("text").GetString() == "the parcel never came"));
        Assert.Equal("agent_corrected", item.GetProperty("source").GetString());
        Assert.Equal(label, item.GetProperty("label").GetString());
        Assert.Equal(InsightsEndToEnd.Agent, item.GetProperty("reviewer").GetString());
        var export = await http.GetStringAsync("/api/v1/insights/review/export");
        Assert.Contains($$"""{"text":"the parcel never came","intent":"{{label}}","sentiment":null,"source":"feedback"}""", export, StringComparison.Ordinal);
    }

    private HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = endToEnd.Server.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", InsightsEndToEnd.ApiKey);
        return http;
    }

    private static async Task<List<JsonElement>> ReviewAsync(HttpClient http, string status) =>
        await http.GetFromJsonAsync<List<JsonElement>>($"/api/v1/insights/review?status={status}") ?? [];

    /// <summary>Polls until the value is there (analytics and review items are written in the background); the limit only turns a hang into a failure.</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (value.ValueKind != JsonValueKind.Undefined) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the expected value never appeared");
            await Task.Delay(200);
        }
    }

    private Task<IPage> NewPageAsync(int width, int height) => endToEnd.Browser.NewPageAsync(width, height, output);

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator(SendBox).FillAsync(text);
        await page.Locator(SendBox).PressAsync("Enter");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private string Screenshot(string name)
    {
        var path = Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
