using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IntentBot.Channels.Auth;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.BotConnector;

/// <summary>Raised when the channel refused an activity or kept failing after every allowed attempt.</summary>
public sealed class ConnectorException(string message, HttpStatusCode? status, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The bot → channel half of the Bot Connector REST API v3: sends activities to the conversation at the
/// activity's serviceUrl, with the bot's Bearer token (unless in local mode) and bounded retries.
/// </summary>
public sealed class ConnectorClient(
    IHttpClientFactory httpClients,
    ConnectorTokenProvider tokens,
    IOptions<BotConnectorOptions> options,
    TimeProvider clock,
    ILogger<ConnectorClient> logger)
{
    public const string HttpClientName = "BotConnector.Connector";

    private readonly BotConnectorOptions _options = options.Value;

    /// <summary>
    /// <c>POST /v3/conversations/{conversationId}/activities/{replyToId}</c> (a reply), or
    /// <c>POST /v3/conversations/{conversationId}/activities</c> without <paramref name="replyToId"/>.
    /// Returns the id the channel gave the activity, when it says.
    /// </summary>
    public async Task<string?> SendToConversationAsync(
        string serviceUrl, string conversationId, string? replyToId, Activity activity, CancellationToken cancellationToken)
    {
        var url = ActivitiesUrl(serviceUrl, conversationId, replyToId);
        var payload = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
        var http = httpClients.CreateClient(HttpClientName);

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (_options.AuthenticationEnabled)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));

            TimeSpan? wait;
            string failure;
            HttpStatusCode? status = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.HttpTimeout);
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode) return await ReadIdAsync(response, cancellationToken);

                status = response.StatusCode;
                failure = $"HTTP {(int)response.StatusCode}";
                if (!RetryPolicy.IsTransient(response.StatusCode))
                    throw new ConnectorException($"The channel refused the activity: {failure}.", status);
                wait = RetryPolicy.RetryAfter(response.Headers.RetryAfter, clock.GetUtcNow());
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Connection failures and per-attempt timeouts are as transient as a 503.
                failure = e is OperationCanceledException ? "timed out" : "connection failed";
                wait = null;
            }

            if (attempt >= _options.MaxSendAttempts)
                throw new ConnectorException($"Sending to the channel failed after {attempt} attempts (last: {failure}).", status);
            if (wait > _options.RetryMaxDelay)
                throw new ConnectorException($"The channel asked to wait {wait.Value.TotalSeconds:0} s, longer than RetryMaxDelay; giving up.", status);

            var delay = wait ?? RetryPolicy.Backoff(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared);
            logger.LogWarning("Sending to conversation {ConversationId} failed ({Failure}); attempt {Attempt} of {MaxAttempts}, retrying in {DelayMs} ms",
                conversationId, failure, attempt, _options.MaxSendAttempts, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    public static Uri ActivitiesUrl(string serviceUrl, string conversationId, string? replyToId)
    {
        // Conversation ids carry ':' and ';' (Teams: "a:1x...;messageid=1"): escape them as path segments.
        var path = "v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities";
        if (!string.IsNullOrEmpty(replyToId)) path += "/" + Uri.EscapeDataString(replyToId);
        return new Uri(serviceUrl.TrimEnd('/') + "/" + path, UriKind.Absolute);
    }

    private static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length == 0) return null;
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // Delivered; an odd body does not make it undelivered.
        }
    }
}
