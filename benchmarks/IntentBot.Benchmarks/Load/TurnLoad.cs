using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntentBot.Nlu;

namespace IntentBot.Benchmarks.Load;

/// <summary>
/// The turns mode: whole bot turns through Direct Line on loopback. Opens N conversations the way the chat page
/// does (POST /api/v1/directline/token, then POST /v3/directline/conversations with that token), then each
/// client posts message activities to its own conversations in a closed loop. The activity POST returns only
/// after the bot has answered and its replies are in the transcript (DirectLineConversations.PostAsync awaits
/// the turn), so its latency is the latency of a whole turn: auth, transcript append, NLU, dialogs, shop
/// lookups, state save, replies stored.
/// </summary>
internal static class TurnLoad
{
    /// <summary>
    /// A scripted mix, sent in order per conversation: greeting, order tracking with a real sample-shop order
    /// number, product and price questions, thanks. Anonymous Direct Line users are guests, so order turns
    /// take the guest path (status only), as on the public chat page.
    /// </summary>
    public static readonly string[] Script =
    [
        "hi there",
        "where is my order W100003?",
        "do you have running shoes?",
        "how much is the Barista Co Milano Espresso Machine?",
        "can you track order W100012 for me",
        "thanks, that's all",
        "hello",
        "what headphones do you sell?",
        "thank you!",
    ];

    internal sealed record DirectLineConversation(string Id, string Token, string UserId)
    {
        public int Sent;
    }

    // The page's token endpoint is rate-limited per client IP (30/min); every load client is 127.0.0.1.
    public static Task<int> RunAsync(string[] args) =>
        LoadRun.RunAsync("turns", args, [new("DirectLine__TokenEndpointPermitsPerMinute", "0")], MeasureAsync);

    private static async Task<string?> MeasureAsync(LoadOptions options, Uri baseUrl, ServerProcess? server)
    {
        var maxConcurrency = options.Concurrency.Max();
        using var client = LoadRun.CreateClient(maxConcurrency);

        // Opening conversations is set-up, not the thing measured (each also runs a conversationUpdate turn).
        var count = Math.Max(options.Conversations, maxConcurrency);
        var conversations = new DirectLineConversation[count];
        var opened = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            try
            {
                conversations[i] = await OpenAsync(client, baseUrl);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
            {
                Console.Error.WriteLine($"turns: could not open a Direct Line conversation at {baseUrl}: {ex.Message}");
                return null;
            }
        }
        Console.WriteLine($"Opened {count} conversations in {opened.Elapsed.TotalSeconds:F1}s.");

        // Fail fast on a turn that does not work at all before spending time on load.
        if (await PostTurnAsync(client, baseUrl, conversations[0]) is { } failure)
        {
            Console.Error.WriteLine($"turns: posting an activity failed: {failure}");
            return null;
        }

        Func<int, Task<string?>> Sender(int concurrency)
        {
            // Client i owns conversations i, i + c, i + 2c, ...: no two clients ever post to one conversation
            // (a real user waits for the answer before typing again).
            var cursors = new int[concurrency];
            return worker =>
            {
                var owned = (count - worker + concurrency - 1) / concurrency;
                var conversation = conversations[worker + concurrency * (cursors[worker]++ % owned)];
                return PostTurnAsync(client, baseUrl, conversation);
            };
        }

        Func<TimeSpan>? serverCpu = server is null ? null : server.CpuTime;
        Console.WriteLine($"Warming up for {options.Warmup.TotalSeconds:F0}s ...");
        await LoadLevel.RunAsync("warm-up", 1, maxConcurrency, options.Warmup, long.MaxValue, null, Sender(maxConcurrency));

        var results = new List<LevelResult>();
        foreach (var concurrency in options.Concurrency)
        {
            Console.WriteLine($"Bot turns, {concurrency} concurrent clients ...");
            results.Add(await LoadLevel.RunAsync("turn", 1, concurrency, options.Duration, options.Requests, serverCpu, Sender(concurrency)));
        }
        return Report(options, baseUrl, server, results, count);
    }

    /// <summary>A page visitor's start: a token from the server, then a Direct Line conversation with it.</summary>
    internal static async Task<DirectLineConversation> OpenAsync(HttpClient client, Uri baseUrl)
    {
        using var tokenResponse = await client.PostAsync(new Uri(baseUrl, "/api/v1/directline/token"), null);
        tokenResponse.EnsureSuccessStatusCode();
        using var tokenJson = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var token = tokenJson.RootElement.GetProperty("token").GetString()!;
        var userId = tokenJson.RootElement.GetProperty("userId").GetString()!;

        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "/v3/directline/conversations"));
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await client.SendAsync(start);
        started.EnsureSuccessStatusCode();
        using var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        return new DirectLineConversation(
            conversation.RootElement.GetProperty("conversationId").GetString()!,
            conversation.RootElement.GetProperty("token").GetString()!,
            userId);
    }

    /// <summary>Posts the conversation's next scripted message; null on success, else a short error key.</summary>
    private static async Task<string?> PostTurnAsync(HttpClient client, Uri baseUrl, DirectLineConversation conversation)
    {
        var text = Script[conversation.Sent++ % Script.Length];
        var body = $$"""{"type":"message","from":{"id":{{JsonSerializer.Serialize(conversation.UserId)}}},"text":{{JsonSerializer.Serialize(text)}}}""";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"/v3/directline/conversations/{Uri.EscapeDataString(conversation.Id)}/activities"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        return await LoadLevel.SendAsync(client, request).ConfigureAwait(false);
    }

    private static string Report(LoadOptions options, Uri baseUrl, ServerProcess? server, List<LevelResult> results, int conversations)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"## Bot turns: POST /v3/directline/conversations/{{id}}/activities on loopback ({baseUrl.Authority})");
        md.AppendLine();
        md.AppendLine(c, $"Closed loop, {options.Duration.TotalSeconds:F0} s or {options.Requests:N0} turns per level, after " +
            $"{options.Warmup.TotalSeconds:F0} s warm-up; {conversations} Direct Line conversations, each client posting to its own; " +
            $"scripted mix of {Script.Length} messages (greeting, track_order with an order number, product and price questions, thanks); " +
            $"no LLM; client and server share this machine's {Environment.ProcessorCount} cores; " +
            $"load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        LoadReport.AppendServerEnvironment(md, options);
        md.AppendLine();
        md.AppendLine("| Clients | OK turns | Turns/s | p50 ms | p95 ms | p99 ms | Errors | Server CPU (cores) | Client CPU (cores) |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var r in results)
        {
            var errors = LoadReport.Errors(r);
            md.AppendLine(c, $"| {r.Concurrency} | {r.Succeeded:N0} | {r.TextsPerSecond:N0} | {r.Percentile(50):F2} | " +
                $"{r.Percentile(95):F2} | {r.Percentile(99):F2} | {errors} | {r.ServerCores:F2} | {r.ClientCores:F2} |");
        }
        LoadReport.AppendServerMemory(md, server);
        return md.ToString();
    }
}
