using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using IntentBot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IntentBot.EndToEnd.Tests;

/// <summary>
/// The widget as a shopper sees it, in headless Chromium: branding from configuration, product cards with a
/// picture, a price and a link, nothing clipped at desktop and phone widths, the connecting and error states,
/// and a signed-in customer whose shop page hands the widget a token.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class WidgetLayoutTests(EndToEnd endToEnd, ITestOutputHelper output)
{
    private const string SendBox = "[data-id='webchat-sendbox-input']";
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    private const string Cards = ".ac-adaptiveCard";

    // Every piece of text in the transcript must lie inside the transcript: nothing cut off at the right edge.
    // Cards further along a carousel are scrolled out of view on purpose, so only each carousel's first is held
    // to the edge; text inside cards must not overflow its card.
    private const string ClippedScript = """
        () => {
          const transcript = document.querySelector('.webchat__basic-transcript__scrollable') || document.querySelector('.webchat__basic-transcript');
          const edge = transcript.getBoundingClientRect();
          const problems = [];
          const describe = el => (el.innerText || '').trim().slice(0, 60);
          for (const el of document.querySelectorAll('.webchat__bubble__content')) {
            const inCarousel = el.closest('.webchat__carousel-filmstrip-attachment');
            if (inCarousel && [...inCarousel.parentElement.children].filter(c => c.matches('.webchat__carousel-filmstrip-attachment')).indexOf(inCarousel) > 0) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            if (r.right > edge.right + 1 || r.left < edge.left - 1) problems.push('outside the transcript: ' + describe(el));
          }
          for (const el of document.querySelectorAll('.webchat__text-content, .ac-textBlock')) {
            if (el.scrollWidth > el.clientWidth + 1) problems.push('text wider than its box: ' + describe(el));
          }
          return problems;
        }
        """;

    [Theory]
    [InlineData(1280, 800, "widget-1280.png")]
    [InlineData(390, 844, "widget-390.png")]
    public async Task The_shop_branded_page_shows_product_cards_and_clips_nothing(int width, int height, string screenshot)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(endToEnd.Server.BaseAddress.ToString());
        await page.Locator(SendBox).WaitForAsync();

        Assert.Equal("Northwind Goods", await page.Locator(".chat header h1").InnerTextAsync());
        Assert.StartsWith("Northwind Goods", await page.TitleAsync(), StringComparison.Ordinal);
        var logo = page.Locator(".chat header .logo img");
        await logo.WaitForAsync();
        await WaitUntilAsync(async () => await logo.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await page.Locator(".chat[data-state='online']").WaitForAsync();

        // A recommendation: a text bubble and a carousel of product cards side by side in the transcript.
        await SendAsync(page, "can you recommend some running shoes?");
        var card = page.Locator(Cards).First;
        await card.WaitForAsync();
        await WaitUntilAsync(async () => await page.Locator(Cards).CountAsync() >= 2);
        // The picture is loaded (served by the bot), the price and a link to the product's page are on the card.
        var image = card.Locator("img").First;
        await image.WaitForAsync();
        await WaitUntilAsync(async () => await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0);
        Assert.Matches(@"€\d", await card.InnerTextAsync());
        Assert.Equal(1, await card.Locator("button", new() { HasTextString = "View product" }).CountAsync());
        await page.WaitForTimeoutAsync(500); // let the carousel and pictures settle before measuring
        var clipped = await page.EvaluateAsync<string[]>(ClippedScript);
        await page.ScreenshotAsync(new() { Path = Artefact(screenshot) });
        Assert.True(clipped.Length == 0, string.Join("\n", clipped));

        // A long text reply right after the carousel: the case that used to run past the right edge.
        var before = await page.Locator(BotBubbles).CountAsync();
        await SendAsync(page, "what is your return policy for shoes that were worn outside and do not fit anymore");
        await WaitUntilAsync(async () => await page.Locator(BotBubbles).CountAsync() > before);
        await page.WaitForTimeoutAsync(500); // let the carousel and fonts settle before measuring

        var problems = await page.EvaluateAsync<string[]>(ClippedScript);
        await page.ScreenshotAsync(new() { Path = Artefact(screenshot.Replace(".png", "-text.png", StringComparison.Ordinal)) });
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_page_says_it_is_connecting_and_then_that_the_chat_is_unavailable_when_direct_line_fails()
    {
        var page = await NewPageAsync(1280, 800);
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/v1/directline/token", async route =>
        {
            await release.Task;
            await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"title":"unavailable","status":503}""" });
        });
        await page.GotoAsync(endToEnd.Server.BaseAddress.ToString());

        var connecting = page.Locator(".overlay.connecting");
        await connecting.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal("Connecting…", await page.Locator(".chat header .status").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Artefact("widget-connecting.png") });

        release.SetResult();
        var error = page.Locator(".overlay.error");
        await error.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Contains("not available", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#retry").IsVisibleAsync());
        Assert.False(await connecting.IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Artefact("widget-error.png") });
    }

    [Fact]
    public async Task A_signed_in_customer_from_the_example_shop_page_sees_their_own_order_without_the_guest_check()
    {
        var bot = endToEnd.Server.BaseAddress.ToString().TrimEnd('/');
        var example = await File.ReadAllTextAsync(Path.Combine(RealServer.RepoRoot, "docs", "examples", "signed-in-shop-page.html"));
        var secret = endToEnd.Server.Services.GetRequiredService<DirectLineSecrets>().ServerSecret;
        // The shop's site: a real second web server on loopback (another origin than the bot), serving the documented
        // example page and playing the shop's backend, whose token endpoint asks the bot for a token bound to the
        // signed-in customer c1001 with the Direct Line secret, as docs/signed-in-customer.md shows.
        var port = FreePort();
        var shop = $"http://localhost:{port}";
        using var site = new HttpListener();
        site.Prefixes.Add(shop + "/shop/");
        site.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await site.GetContextAsync().WaitAsync(stop.Token); }
                catch (Exception) when (stop.IsCancellationRequested || !site.IsListening) { return; }
                var path = context.Request.Url!.AbsolutePath;
                string body, type;
                if (path == "/shop/account")
                {
                    (body, type) = (example.Replace("BOT_ORIGIN", bot, StringComparison.Ordinal)
                        .Replace("\"/api/chat-token\"", "\"/shop/api/chat-token\"", StringComparison.Ordinal), "text/html");
                }
                else if (path == "/shop/api/chat-token" && context.Request.HttpMethod == "POST")
                {
                    using var http = new HttpClient { BaseAddress = endToEnd.Server.BaseAddress };
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate")
                    {
                        Content = JsonContent.Create(new { user = new { id = "c1001" } }),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
                    (body, type) = (JsonSerializer.Serialize(new { token }), "application/json");
                }
                else
                {
                    context.Response.StatusCode = 404;
                    context.Response.Close();
                    continue;
                }
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = type + "; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
        var page = await NewPageAsync(1280, 800);

        await page.GotoAsync(shop + "/shop/account");
        await page.Locator("button[aria-label='Chat with Northwind Goods']").ClickAsync();
        var chat = page.FrameLocator("iframe[title='Chat with Northwind Goods']");
        await chat.Locator(SendBox).WaitForAsync();
        await chat.Locator(SendBox).FillAsync("where is my order W100001");
        await chat.Locator(SendBox).PressAsync("Enter");
        // Shipped with DHL: the details only the order's owner may see, given with no e-mail or postcode asked.
        var order = chat.Locator(BotBubbles, new() { HasTextString = "DHL" }).First;
        await order.WaitForAsync();
        var transcript = await chat.Locator(".webchat__basic-transcript").InnerTextAsync();
        output.WriteLine(transcript);
        Assert.DoesNotContain("postcode", transcript, StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new() { Path = Artefact("widget-signed-in.png") });
        await stop.CancelAsync();
        site.Stop();
        await serving;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await endToEnd.Browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
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

    private string Artefact(string name)
    {
        var path = Browser.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
