using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IntentBot.EndToEnd.Tests;

/// <summary>The default page at / with the real Web Chat bundle, against our own Direct Line, in headless Chromium.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class WebChatPageTests(EndToEnd endToEnd, ITestOutputHelper output)
{
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    private const string UserBubbles = ".webchat__bubble--from-user .webchat__bubble__content";
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    [Fact]
    public async Task The_page_the_embed_script_and_the_web_chat_bundle_are_served()
    {
        using var http = new HttpClient { BaseAddress = endToEnd.Server.BaseAddress };
        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/webchat/webchat.js", html, StringComparison.Ordinal);
        Assert.Contains("/api/v1/directline/token", html, StringComparison.Ordinal);

        var bundle = await http.GetAsync("/webchat/webchat.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("createDirectLine", await bundle.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var embed = await http.GetAsync("/embed.js");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Contains("iframe", await embed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_chat_connects_over_the_websocket_and_a_sent_message_comes_back_on_the_stream()
    {
        var page = await NewPageAsync();
        var frames = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) =>
        {
            sockets.Enqueue(socket.Url);
            socket.FrameReceived += (_, frame) => frames.Enqueue(frame.Text ?? "");
        };
        await page.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await page.Locator(SendBox).WaitForAsync();

        await SendAsync(page, "hello from the browser");

        // The user's own activity is echoed on the stream (with Web Chat's clientActivityID), and drawn as the user's.
        await page.Locator(UserBubbles, new() { HasTextString = "hello from the browser" }).WaitForAsync();
        await WaitUntilAsync(() => frames.Any(f => f.Contains("hello from the browser", StringComparison.Ordinal) && f.Contains("clientActivityID", StringComparison.Ordinal)));
        Assert.Contains(sockets, url => StreamUrl().IsMatch(url));
        await page.ScreenshotAsync(new() { Path = Screenshot("webchat-page.png"), FullPage = true });
    }

    /// <summary>
    /// The customer journey with the real agent: the welcome, "where is my order", the order-number prompt,
    /// the status of a sample-shop order, then a suggested action.
    /// </summary>
    [Fact]
    public async Task A_customer_tracks_an_order_and_follows_a_suggested_action()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await page.Locator(SendBox).WaitForAsync();
        var bot = page.Locator(BotBubbles);

        await bot.First.WaitForAsync(); // the welcome, sent on the conversationUpdate
        var welcome = await bot.First.InnerTextAsync();
        output.WriteLine($"welcome: {welcome}");

        var before = await bot.CountAsync();
        await SendAsync(page, "Where is my order?");
        var prompt = await NextBotTextAsync(page, before);
        output.WriteLine($"prompt: {prompt}");
        Assert.Matches(OrderNumberPrompt(), prompt);

        before = await bot.CountAsync();
        await SendAsync(page, "W100001");
        var status = await NextBotTextAsync(page, before, containing: "W100001");
        output.WriteLine($"status: {status}");

        var action = page.Locator(".webchat__suggested-action").First;
        await action.WaitForAsync();
        var actionTitle = await action.InnerTextAsync();
        before = await bot.CountAsync();
        var userBefore = await page.Locator(UserBubbles).CountAsync();
        await action.ClickAsync();
        // An imBack action sends its value (the dialog's example phrase) as the customer's message.
        await WaitUntilAsync(async () => await page.Locator(UserBubbles).CountAsync() > userBefore);
        var sent = await page.Locator(UserBubbles).Nth(userBefore).InnerTextAsync();
        var afterAction = await NextBotTextAsync(page, before);
        output.WriteLine($"clicked '{actionTitle}', sent '{sent}': {afterAction}");
        Assert.False(string.IsNullOrWhiteSpace(afterAction));

        await page.ScreenshotAsync(new() { Path = Screenshot("webchat-track-order.png"), FullPage = true });
    }

    [Fact]
    public async Task The_one_line_embed_adds_a_launcher_that_opens_the_chat_in_an_iframe()
    {
        var page = await NewPageAsync();
        var embed = new Uri(endToEnd.Server.BaseAddress, "/embed.js");
        await page.SetContentAsync($"<html><body><h1>A shop page</h1><script src=\"{embed}\" async></script></body></html>");
        var launcher = page.Locator("button[aria-label='Chat with us']");
        await launcher.ClickAsync();
        Assert.Equal("true", await launcher.GetAttributeAsync("aria-expanded"));
        var chat = page.FrameLocator("iframe[title='Chat with us']");
        await chat.Locator(SendBox).FillAsync("hello from the shop");
        await chat.Locator(SendBox).PressAsync("Enter");
        await chat.Locator(UserBubbles, new() { HasTextString = "hello from the shop" }).WaitForAsync();
        await chat.Locator(BotBubbles).First.WaitForAsync(); // the agent's welcome
        await page.ScreenshotAsync(new() { Path = Screenshot("embed-launcher.png") });
    }

    /// <summary>
    /// A shopper whose browser speaks Chinese is welcomed in Chinese before typing anything (the page starts the
    /// conversation with the browser's locale), and a button press gets a Chinese answer.
    /// </summary>
    [Fact]
    public async Task A_chinese_browser_gets_a_chinese_welcome_and_chinese_buttons()
    {
        var page = await NewPageAsync("zh-CN");
        await page.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await page.Locator(SendBox).WaitForAsync();
        var bot = page.Locator(BotBubbles);

        await bot.First.WaitForAsync();
        var welcome = await bot.First.InnerTextAsync();
        output.WriteLine($"welcome: {welcome}");
        Assert.Contains("您好", welcome, StringComparison.Ordinal);
        // The page's own words follow the browser too: the line under the shop's name and the page's language.
        Assert.Equal("订单、物流、退换货等问题", await page.Locator(".chat header .status").InnerTextAsync());
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.EndsWith("在线客服", await page.TitleAsync(), StringComparison.Ordinal);
        var track = page.GetByRole(AriaRole.Button, new() { Name = "查询订单" });
        await track.First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("webchat-chinese-welcome.png"), FullPage = true });

        var before = await bot.CountAsync();
        await track.First.ClickAsync();
        var answer = await NextBotTextAsync(page, before);
        output.WriteLine($"answer: {answer}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", answer);
    }

    private async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await endToEnd.Browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 820 }, Locale = locale });
        context.SetDefaultTimeout(60_000); // a generous limit only so a broken page fails instead of hanging
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console.{message.Type}: {message.Text}");
        return page;
    }

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

    /// <summary>Polls a page condition; the limit only turns a hang into a failure.</summary>
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
        Console.WriteLine($"screenshot: {path}");
        return path;
    }

    [GeneratedRegex(@"/v3/directline/conversations/[A-Za-z0-9_-]+/stream\?")]
    private static partial Regex StreamUrl();

    [GeneratedRegex("order", RegexOptions.IgnoreCase)]
    private static partial Regex OrderNumberPrompt();
}
