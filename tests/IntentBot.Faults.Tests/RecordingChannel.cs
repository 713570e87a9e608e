using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntentBot.Faults.Tests;

/// <summary>
/// A fake Bot Framework channel on loopback (the peer of the Bot Connector channel, which is the client here):
/// it accepts the bot's replies at {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}] and records them.
/// </summary>
public sealed class RecordingChannel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingChannel(WebApplication app) => _app = app;

    /// <summary>The address Kestrel bound (port 0 picks a free one), known once started.</summary>
    public string ServiceUrl => _app.Urls.First() + "/";

    public ConcurrentQueue<(string ConversationId, string? ReplyToId, string? Text)> Replies { get; } = new();

    public static async Task<RecordingChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new RecordingChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (string conversationId, string replyToId, HttpContext context) =>
            channel.RecordAsync(conversationId, replyToId, context));
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext context) =>
            channel.RecordAsync(conversationId, null, context));
        await app.StartAsync();
        return channel;
    }

    private async Task<IResult> RecordAsync(string conversationId, string? replyToId, HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var text = body.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        Replies.Enqueue((conversationId, replyToId, text));
        return Results.Json(new Dictionary<string, string> { ["id"] = Guid.NewGuid().ToString("N") });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
