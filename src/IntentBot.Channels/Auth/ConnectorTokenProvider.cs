using System.Net.Http.Json;
using System.Text.Json.Serialization;
using IntentBot.Channels.BotConnector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.Auth;

/// <summary>
/// The bot's outbound access token (OAuth2 client credentials against the configured token endpoint).
/// Cached and renewed <see cref="BotConnectorOptions.TokenRefreshBeforeExpiry"/> before it expires; callers that
/// arrive while a renewal is running wait for that same renewal instead of starting their own.
/// </summary>
public sealed class ConnectorTokenProvider(
    IOptions<BotConnectorOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<ConnectorTokenProvider> logger)
{
    public const string HttpClientName = "BotConnector.Token";

    private readonly BotConnectorOptions _options = options.Value;
    private readonly Lock _gate = new();
    private CachedToken? _current;
    private Task<CachedToken>? _renewal;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = Volatile.Read(ref _current);
        if (IsFresh(current, now)) return current!.Value;

        Task<CachedToken> renewal;
        lock (_gate)
        {
            // Re-read under the lock: a renewal may have finished since the check above.
            current = _current;
            if (IsFresh(current, now)) return current!.Value;
            // One renewal at a time: the first caller starts it, everyone else awaits the same task.
            if (_renewal is null || _renewal.IsCompleted) _renewal = Task.Run(RequestTokenAsync);
            renewal = _renewal;
        }
        try
        {
            return (await renewal.WaitAsync(cancellationToken)).Value;
        }
        catch (Exception e) when (e is not OperationCanceledException && current is not null && now < current.ExpiresAt)
        {
            // Renewing early failed but the old token still works: use it, the next call tries again.
            logger.LogWarning(e, "Renewing the Bot Connector token failed; using the current one until it expires at {ExpiresAt}", current.ExpiresAt);
            return current.Value;
        }
    }

    private bool IsFresh(CachedToken? token, DateTimeOffset now) =>
        token is not null && now < token.ExpiresAt - _options.TokenRefreshBeforeExpiry;

    private async Task<CachedToken> RequestTokenAsync()
    {
        // Not tied to one caller's cancellation: other callers share this request.
        using var timeout = new CancellationTokenSource(_options.HttpTimeout);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.AppId!,
            ["client_secret"] = _options.AppPassword!,
            ["scope"] = _options.OAuthScope,
        });
        var requestedAt = clock.GetUtcNow();
        using var response = await httpClients.CreateClient(HttpClientName).PostAsync(_options.ResolvedTokenEndpoint, form, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            // The body may name the error (invalid_client, ...); it never contains our secret.
            var error = await response.Content.ReadAsStringAsync(timeout.Token);
            throw new HttpRequestException(
                $"The token endpoint answered {(int)response.StatusCode}: {Truncate(error, 300)}", null, response.StatusCode);
        }
        var body = await response.Content.ReadFromJsonAsync(AuthJsonContext.Default.TokenResponse, timeout.Token);
        if (body?.AccessToken is not { Length: > 0 } accessToken || body.ExpiresIn <= 0)
            throw new InvalidOperationException("The token endpoint's answer has no access_token or expires_in.");

        var token = new CachedToken(accessToken, requestedAt + TimeSpan.FromSeconds(body.ExpiresIn));
        Volatile.Write(ref _current, token);
        logger.LogInformation("Obtained a Bot Connector token valid until {ExpiresAt}", token.ExpiresAt);
        return token;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt);
}

internal sealed class TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }
}

[JsonSerializable(typeof(TokenResponse))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
