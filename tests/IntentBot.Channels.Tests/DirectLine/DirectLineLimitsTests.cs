using System.Net;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>Abuse limits of Direct Line: turns per conversation (hence per token), a transcript's length, secrets never in URLs.</summary>
public sealed class DirectLineLimitsTests
{
    [Fact]
    public async Task A_conversation_posting_too_fast_gets_429_with_retry_after_and_others_are_not_held_back()
    {
        await using var host = await DirectLineHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:TurnsPerMinute"] = "1", ["DirectLine:TurnBurst"] = "3" });
        var started = await host.StartConversationAsync("fast");
        var (id, token) = (started.GetProperty("conversationId").GetString()!, started.GetProperty("token").GetString());

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10; i++)
        {
            var (response, _) = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token, DirectLineHost.Message($"message {i}", "fast"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(3, host.Bot.Received.Count(a => a.Type == "message"));

        var other = await host.StartConversationAsync("calm");
        var (calm, _) = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{other.GetProperty("conversationId").GetString()}/activities",
            other.GetProperty("token").GetString(), DirectLineHost.Message("hello", "calm"));
        Assert.Equal(HttpStatusCode.OK, calm.StatusCode);
    }

    [Fact]
    public async Task A_full_transcript_takes_no_more_posts()
    {
        await using var host = await DirectLineHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:TurnsPerMinute"] = "0", ["DirectLine:MaxTranscriptActivities"] = "10" });
        var started = await host.StartConversationAsync("talkative");
        var (id, token) = (started.GetProperty("conversationId").GetString()!, started.GetProperty("token").GetString());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token, DirectLineHost.Message($"m{i}", "talkative"))).Response.StatusCode);

        // Each post stores the message and the bot's echo: once 10 are held, posting is refused.
        Assert.Contains(HttpStatusCode.Forbidden, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        var (read, transcript) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.InRange(transcript.GetProperty("activities").GetArrayLength(), 10, 12);
    }

    [Fact]
    public async Task A_secret_in_the_stream_url_is_refused()
    {
        await using var host = await DirectLineHost.StartAsync();
        var started = await host.StartConversationAsync("alice");
        var id = started.GetProperty("conversationId").GetString();

        var (response, body) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/stream?t={Uri.EscapeDataString(DirectLineHost.Secret)}", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Authorization header", body.GetProperty("error").GetProperty("message").GetString());
    }
}
