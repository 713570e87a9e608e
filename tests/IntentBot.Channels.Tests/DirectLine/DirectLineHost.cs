using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IntentBot.Channels.DirectLine;
using IntentBot.Protocol.Bots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>The Direct Line channel in a real Kestrel host on a free loopback port, with a test bot behind it.</summary>
public sealed class DirectLineHost : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789";
    public const string SigningKey = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="; // 32 bytes, shared by instances

    private readonly WebApplication _app;

    private DirectLineHost(WebApplication app, TestBot bot, ManualClock? clock)
    {
        _app = app;
        Bot = bot;
        Clock = clock;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public TestBot Bot { get; }
    public ManualClock? Clock { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<DirectLineHost> StartAsync(IDictionary<string, string?>? settings = null, IConnectionMultiplexer? redis = null, ManualClock? clock = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["DirectLine:Secrets:0"] = Secret,
            ["DirectLine:TokenSigningKey"] = SigningKey,
        };
        if (redis is not null) config["ConnectionStrings:Redis"] = redis.Configuration;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        var bot = new TestBot();
        builder.Services.AddSingleton<IBot>(bot);
        if (clock is not null) builder.Services.AddSingleton<TimeProvider>(clock);
        if (redis is not null) builder.Services.AddSingleton(redis);
        builder.Services.AddDirectLine();
        var app = builder.Build();
        app.UseRateLimiter();
        app.UseDirectLine();
        app.MapDirectLine();
        await app.StartAsync();
        return new DirectLineHost(app, bot, clock);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? bearer, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (json is not null) request.Content = JsonContent.Create(json);
        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, string? bearer, object? json = null)
    {
        var response = await Http.SendAsync(Request(method, path, bearer, json));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    /// <summary>Starts a conversation with the secret for <paramref name="userId"/>; returns the Conversation JSON.</summary>
    public async Task<JsonElement> StartConversationAsync(string userId = "user-1")
    {
        var (response, body) = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", Secret, new { user = new { id = userId } });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return body;
    }

    public static object Message(string text, string from = "user-1", string? clientActivityId = null) => new
    {
        type = "message",
        text,
        from = new { id = from, name = "Test User" },
        channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
