using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IntentBot.Abuse.Tests;

/// <summary>
/// One server for all the fuzz tests (the model loads once), a victim user whose stored state must survive
/// every rejected request, and the memory baseline the run is measured against. This one runs on the embedded
/// stores; <see cref="RedisFuzzFixture"/> runs the same server on a real redis-server.
/// </summary>
public class FuzzFixture : IAsyncLifetime
{
    public const string Victim = "fuzz-victim";

    public AbuseServer Server { get; private set; } = null!;

    /// <summary>Extra configuration for the server (none: embedded stores).</summary>
    protected virtual Task<IDictionary<string, string?>?> SettingsAsync() => Task.FromResult<IDictionary<string, string?>?>(null);

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every Direct Line token the server handed out; none may ever show up in a log line.</summary>
    public ConcurrentBag<string> IssuedTokens { get; } = [];

    public string VictimContext { get; private set; } = "";

    public long BaselineManagedBytes { get; private set; }

    public long BaselineWorkingSet { get; private set; }

    public async Task InitializeAsync()
    {
        Server = new AbuseServer(await SettingsAsync());
        Http = Server.CreateClient();
        Http.DefaultRequestHeaders.Add("X-Api-Key", AbuseServer.ApiKey);
        var ready = await Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var events = await PostEventsAsync(Victim, "victim-e1", "victim-e2");
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        VictimContext = await VictimStateAsync();

        // Warm the paths once so the baseline includes what a running server normally holds.
        await NormalConversationAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        BaselineManagedBytes = GC.GetTotalMemory(forceFullCollection: true);
        BaselineWorkingSet = Environment.WorkingSet;
    }

    public virtual Task DisposeAsync()
    {
        Http.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }

    public static Obj Event(string eventId, string userId, string type = "add_to_cart") => new Obj()
        .Add("eventId", eventId).Add("type", type).Add("userId", userId).Add("sessionId", "s-" + userId)
        .Add("timestamp", DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))
        .Add("productId", "p-1").Add("category", "shoes").Add("price", new Raw("19.99")).Add("quantity", 1);

    public Task<HttpResponseMessage> PostEventsAsync(string userId, params string[] eventIds) =>
        Http.PostAsync("/api/v1/events", new StringContent(
            Fuzzer.Serialize(new Obj().Add("events", eventIds.Select(id => (object?)Event(id, userId)).ToList())), Encoding.UTF8, "application/json"));

    /// <summary>The victim's stored behaviour: counts and recent events (not the time-derived estimates).</summary>
    public async Task<string> VictimStateAsync()
    {
        var response = await Http.GetAsync($"/api/v1/users/{Victim}/context");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var user = root.GetProperty("user");
        return $"{user.GetProperty("events")} {user.GetProperty("counts")} {user.GetProperty("cart")} {root.GetProperty("recentEvents")}";
    }

    /// <summary>A token from the page endpoint and a started conversation, as Web Chat does it.</summary>
    public async Task<(string ConversationId, string Token, string UserId)> StartConversationAsync()
    {
        var tokenResponse = await Http.PostAsync("/api/v1/directline/token", null);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var issued = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString()!;
        IssuedTokens.Add(token);
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await Http.SendAsync(start);
        Assert.True(started.IsSuccessStatusCode, $"starting a conversation answered {(int)started.StatusCode}");
        var conversation = await started.Content.ReadFromJsonAsync<JsonElement>();
        var streamUrl = conversation.GetProperty("streamUrl").GetString()!;
        IssuedTokens.Add(Uri.UnescapeDataString(streamUrl[(streamUrl.IndexOf("t=", StringComparison.Ordinal) + 2)..]));
        return (issued.GetProperty("conversationId").GetString()!, token, issued.GetProperty("userId").GetString()!);
    }

    /// <summary>A customer asks where their order is and gets an answer: the whole stack still works.</summary>
    public async Task NormalConversationAsync()
    {
        var (conversationId, token, userId) = await StartConversationAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = new StringContent(Fuzzer.Serialize(new Obj().Add("type", "message").Add("from", new Obj().Add("id", userId)).Add("text", "where is my order?")),
                Encoding.UTF8, "application/json"),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var posted = await Http.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var activities = await (await Http.SendAsync(get)).Content.ReadFromJsonAsync<JsonElement>();
        var botReplies = activities.GetProperty("activities").EnumerateArray()
            .Count(a => a.GetProperty("from").GetProperty("id").GetString() != userId && a.TryGetProperty("text", out var t) && t.GetString()!.Length > 0);
        Assert.True(botReplies > 0, "the bot did not answer a normal message after the fuzz: " + activities);
    }

    /// <summary>What must hold after any amount of abuse.</summary>
    public async Task AssertStillHealthyAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(VictimContext, await VictimStateAsync());
        await NormalConversationAsync();
        var batch = await PostEventsAsync("fuzz-after-" + Guid.NewGuid().ToString("N"), "after-1", "after-2");
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        // Generous bounds: the point is "not growing with what was sent" (hundreds of MB of hostile bodies went in).
        Assert.True(managed < BaselineManagedBytes + 300L * 1024 * 1024, $"managed heap grew from {BaselineManagedBytes:N0} to {managed:N0} bytes");
        Assert.True(Environment.WorkingSet < BaselineWorkingSet + 1536L * 1024 * 1024, $"working set grew from {BaselineWorkingSet:N0} to {Environment.WorkingSet:N0} bytes");

        Assert.NotEmpty(Server.Logs.Lines); // the capture works, so "no secret in the logs" below means something
        var secrets = new[] { AbuseServer.ApiKey, AbuseServer.DirectLineSecret, AbuseServer.SigningKey }.Concat(IssuedTokens).ToList();
        var leaks = Server.Logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).Take(5).ToList();
        Assert.True(leaks.Count == 0, "a secret or token was logged:\n" + string.Join("\n", leaks));
    }
}

/// <summary>The fuzz server on a real redis-server: context, behaviour, transcripts and dedup all in Redis.</summary>
public sealed class RedisFuzzFixture : FuzzFixture
{
    private readonly RedisServer _redis = new();

    protected override async Task<IDictionary<string, string?>?> SettingsAsync()
    {
        await _redis.InitializeAsync();
        return new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = _redis.ConnectionString };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
