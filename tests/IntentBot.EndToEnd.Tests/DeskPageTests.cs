using System.Collections.Concurrent;
using IntentBot.Server.Desk;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IntentBot.EndToEnd.Tests;

/// <summary>A real server with two desk accounts (hashed secrets), and a browser.</summary>
public sealed class DeskEndToEnd : IAsyncLifetime
{
    public const string Agent = "Maria";
    public const string Secret = "maria-desk-secret-42";

    public RealServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Desk:Agents:0:Name"] = Agent,
        ["Desk:Agents:0:SecretHash"] = SecretHash.Create(Secret, SecretHash.MinIterations),
        ["Desk:Agents:1:Name"] = "Tom",
        ["Desk:Agents:1:SecretHash"] = SecretHash.Create("tom-desk-secret-42", SecretHash.MinIterations),
    });

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        // Assertions poll until this limit: generous, so a loaded CI machine is slow rather than red.
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
/// Two pages side by side in headless Chromium: a customer in the real Web Chat and an agent at /desk. The customer
/// asks for a person, the agent signs in, sees the conversation arrive live, claims it and replies; the customer sees
/// the reply under the agent's name (and the typing signal before it), answers, the agent sees the answer; the agent
/// hands back and the bot answers the customer's next message.
/// </summary>
public sealed class DeskPageTests(DeskEndToEnd endToEnd, ITestOutputHelper output) : IClassFixture<DeskEndToEnd>
{
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    [Fact]
    public async Task A_person_takes_over_a_web_chat_replies_and_hands_back_to_the_bot()
    {
        var customer = await NewPageAsync(440, 760);
        var frames = new ConcurrentQueue<string>();
        customer.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => frames.Enqueue(frame.Text ?? "");
        await customer.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await customer.Locator(SendBox).WaitForAsync();
        await customer.Locator(BotBubbles).First.WaitForAsync(); // the welcome

        // The agent signs in first and watches the empty queue.
        var desk = await NewPageAsync(1400, 860);
        await desk.GotoAsync(new Uri(endToEnd.Server.BaseAddress, "/desk").ToString());
        await desk.Locator("#sign-in-name").FillAsync(DeskEndToEnd.Agent);
        await desk.Locator("#sign-in-secret").FillAsync("not the secret");
        await desk.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Expect(desk.Locator("#sign-in-error")).ToContainTextAsync("match no desk account");
        await desk.Locator("#sign-in-secret").FillAsync(DeskEndToEnd.Secret);
        await desk.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Expect(desk.Locator("#me-name")).ToHaveTextAsync(DeskEndToEnd.Agent);
        await Expect(desk.Locator("#live")).ToHaveTextAsync("live");
        var cookie = Assert.Single(await desk.Context.CookiesAsync(), c => c.Name == DeskSessions.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // The customer asks for a person and is told the expected wait.
        var before = await customer.Locator(BotBubbles).CountAsync();
        await SendAsync(customer, "I want to talk to a human agent");
        var wait = await NextBotTextAsync(customer, before, containing: "next in line");
        output.WriteLine($"customer told: {wait}");

        // It arrives on the desk without a reload (server-sent events), with a title badge.
        var item = desk.Locator("#queue-list li.item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.First).ToContainTextAsync("asked for a person");
        await Expect(item.First).ToContainTextAsync("contact_human_agent");
        await Expect(desk).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("1 waiting"));
        await desk.ScreenshotAsync(new() { Path = Screenshot("desk-queue.png") });

        await item.First.ClickAsync();
        await Expect(desk.Locator("#transcript li.line.customer").First).ToContainTextAsync("I want to talk to a human agent");
        await Expect(desk.Locator("#transcript li.line.customer").First).ToContainTextAsync("contact_human_agent");
        await desk.Locator("#claim").ClickAsync();
        await Expect(desk.Locator("#conv-meta")).ToContainTextAsync("claimed by you");
        await Expect(desk.Locator("#claim")).ToBeHiddenAsync();

        // The agent types (the customer gets a typing activity) and sends.
        const string reply = "Hello, I'm Maria from the shop. What can I do for you?";
        await desk.Locator("#reply").PressSequentiallyAsync("Hello");
        await WaitUntilAsync(() => frames.Any(f => f.Contains("\"type\":\"typing\"", StringComparison.Ordinal)));
        await desk.Locator("#reply").FillAsync(reply);
        before = await customer.Locator(BotBubbles).CountAsync();
        await desk.Locator("#reply").PressAsync("Enter");
        var seen = await NextBotTextAsync(customer, before, containing: "What can I do for you?");
        output.WriteLine($"customer sees: {seen}");
        Assert.Contains("Maria", seen, StringComparison.Ordinal);
        Assert.Contains("shop team", seen, StringComparison.Ordinal);
        await Expect(desk.Locator("#transcript li.line.agent")).ToContainTextAsync(reply);

        // The customer answers; the agent sees it with its reading, and the bot keeps quiet.
        var botBefore = await customer.Locator(BotBubbles).CountAsync();
        await SendAsync(customer, "My parcel W100001 has not arrived yet");
        var answer = desk.Locator("#transcript li.line.customer", new() { HasTextString = "My parcel W100001 has not arrived yet" });
        await Expect(answer).ToBeVisibleAsync();
        Assert.Matches(@"customer · \w+ \d+% · (negative|neutral|positive)", await answer.Locator(".by").InnerTextAsync());
        await Expect(desk.Locator("#ctx-orders")).ToContainTextAsync("No orders");
        await desk.Locator("#reply").FillAsync("Let me check W100001 for you.");
        await desk.ScreenshotAsync(new() { Path = Screenshot("desk-conversation.png") });
        Assert.Equal(botBefore, await customer.Locator(BotBubbles).CountAsync());

        // Handback with a note; the customer is told, and the bot answers the next message.
        await desk.Locator("#reply").FillAsync("");
        await desk.Locator("#note").FillAsync("explained the delivery delay");
        before = await customer.Locator(BotBubbles).CountAsync();
        await desk.Locator("#handback").ClickAsync();
        await NextBotTextAsync(customer, before, containing: "handed you back");
        await Expect(desk.Locator("#conv-meta")).ToContainTextAsync("back with the bot");
        await Expect(desk.Locator("#transcript li.line.event").Last).ToContainTextAsync("Handed back to the bot by Maria: explained the delivery delay");
        await Expect(desk.Locator("#queue-list li.item")).ToHaveCountAsync(0);

        before = await customer.Locator(BotBubbles).CountAsync();
        await SendAsync(customer, "Where is my order?");
        var bot = await NextBotTextAsync(customer, before);
        output.WriteLine($"bot again: {bot}");
        Assert.DoesNotContain("Maria", bot, StringComparison.Ordinal);
        await customer.ScreenshotAsync(new() { Path = Screenshot("desk-webchat.png") });
    }

    [Fact]
    public async Task The_desk_api_refuses_callers_without_a_session_or_key_and_sessions_without_the_csrf_token()
    {
        var page = await NewPageAsync(1000, 700);
        await page.GotoAsync(new Uri(endToEnd.Server.BaseAddress, "/desk").ToString());
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        var anonymous = await page.APIRequest.GetAsync(new Uri(endToEnd.Server.BaseAddress, "/api/v1/handoffs").ToString());
        Assert.Equal(401, anonymous.Status);

        await page.Locator("#sign-in-name").FillAsync("Tom");
        await page.Locator("#sign-in-secret").FillAsync("tom-desk-secret-42");
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#me-name")).ToHaveTextAsync("Tom");
        // Signed in, reads work with the cookie; a change without the page's CSRF token does not.
        var list = await page.APIRequest.GetAsync(new Uri(endToEnd.Server.BaseAddress, "/api/v1/handoffs").ToString());
        Assert.Equal(200, list.Status);
        var forged = await page.APIRequest.PostAsync(new Uri(endToEnd.Server.BaseAddress, "/api/v1/conversations/x/claim").ToString(),
            new() { DataObject = new { } });
        Assert.Equal(403, forged.Status);
    }

    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await endToEnd.Browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        context.SetDefaultTimeout(60_000); // a generous limit only so a broken page fails instead of hanging
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console.{message.Type}: {message.Text}");
        return page;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator(SendBox).FillAsync(text);
        await page.Locator(SendBox).PressAsync("Enter");
    }

    private static async Task<string> NextBotTextAsync(IPage page, int countBefore, string? containing = null)
    {
        var bubbles = page.Locator(BotBubbles);
        await WaitUntilAsync(async () =>
        {
            var count = await bubbles.CountAsync();
            if (count <= countBefore) return false;
            if (containing is null) return true;
            for (var i = countBefore; i < count; i++)
                if ((await bubbles.Nth(i).InnerTextAsync()).Contains(containing, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        });
        var texts = new List<string>();
        var total = await bubbles.CountAsync();
        for (var i = countBefore; i < total; i++) texts.Add(await bubbles.Nth(i).InnerTextAsync());
        return string.Join("\n", texts);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the page never reached the expected state");
            await Task.Delay(100);
        }
    }

    private string Screenshot(string name)
    {
        var path = Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
