using IntentBot.Channels.BotConnector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IntentBot.Channels.Auth;

/// <summary>Outcome of checking an inbound Bearer token; on success it carries what the activity checks need.</summary>
/// <param name="FromEmulator">
/// An Emulator token (Entra ID, for our app id): it has neither a serviceurl claim nor endorsed keys, so those two
/// checks do not apply; only whoever holds our app password can obtain one.
/// </param>
public sealed record ChannelTokenResult(bool IsValid, string? Failure, string? ServiceUrl, string? KeyId, ChannelSigningKeys? Keys, bool FromEmulator = false)
{
    public static ChannelTokenResult Fail(string reason) => new(false, reason, null, null, null);

    /// <summary>
    /// Nothing was wrong with the token as far as we know: the keys to check it could not be read. Our outage, not the
    /// caller's fault, so the endpoint answers 503 with this as Retry-After instead of 401.
    /// </summary>
    public static ChannelTokenResult KeysUnavailable(string reason, TimeSpan retryAfter) =>
        new(false, reason, null, null, null) { RetryAfter = retryAfter };

    /// <summary>Set only when the signing keys were unavailable: how long until the next download is tried.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The token's <c>serviceurl</c> claim must name the service the activity asks us to reply to.</summary>
    public bool AllowsServiceUrl(string? serviceUrl) => FromEmulator ||
        (ServiceUrl is not null && serviceUrl is not null && string.Equals(ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase));

    /// <summary>The key that signed the token must be endorsed for the activity's channel.</summary>
    public bool IsEndorsedFor(string? channelId) => FromEmulator ||
        (channelId is not null && Keys is not null && Keys.IsEndorsed(KeyId, channelId));
}

/// <summary>
/// Validates Bot Connector → bot JWTs: RS256 signature with a key from the channel's OpenID metadata, issuer,
/// audience = our app id, lifetime with the configured skew. The activity-dependent checks (serviceUrl claim,
/// endorsements) are left to the caller through <see cref="ChannelTokenResult"/>, because they need the body.
/// </summary>
public sealed class ChannelTokenValidator
{
    /// <summary>Claim naming the Bot Connector service the token was issued for (lowercase, per the Bot Framework).</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>Named HttpClient for the metadata and key documents.</summary>
    public const string HttpClientName = "BotConnector.OpenId";

    private readonly BotConnectorOptions _options;
    private readonly ConfigurationManager<ChannelSigningKeys> _keys;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _emulatorKeys;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger<ChannelTokenValidator> _logger;
    private readonly TimeProvider _time;

    private readonly RetryFloor _channelKeysFloor = new();
    private readonly RetryFloor _emulatorKeysFloor = new();

    public ChannelTokenValidator(IOptions<BotConnectorOptions> options, IHttpClientFactory httpClients, ILogger<ChannelTokenValidator> logger,
        TimeProvider? time = null)
    {
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        var documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttps };
        _keys = new ConfigurationManager<ChannelSigningKeys>(_options.OpenIdMetadataUrl, new ChannelSigningKeysRetriever(), documents)
        {
            AutomaticRefreshInterval = _options.SigningKeysRefreshInterval,
            // A token signed with an unknown kid asks for a refresh (key rollover); at most this often.
            RefreshInterval = TimeSpan.FromMinutes(1),
        };
        if (_options.AllowEmulatorTokens)
        {
            _emulatorKeys = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.EmulatorOpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), documents)
            {
                AutomaticRefreshInterval = _options.SigningKeysRefreshInterval,
                RefreshInterval = TimeSpan.FromMinutes(1),
            };
        }
    }

    public async Task<ChannelTokenResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (_emulatorKeys is not null && IsEmulatorIssued(token)) return await ValidateEmulatorAsync(_emulatorKeys, token, cancellationToken);

        // Without keys nothing can be trusted; the caller answers 503 (our outage) and the channel retries.
        var keys = await DownloadAsync(_keys, _channelKeysFloor, "channel", _options.OpenIdMetadataUrl, cancellationToken);
        if (keys is null) return ChannelTokenResult.KeysUnavailable("signing keys unavailable", _channelKeysFloor.Remaining(_time));

        var result = await _handler.ValidateTokenAsync(token, Parameters(keys));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The channel may have rolled its keys since we cached them: ask for fresh ones and try once more.
            _keys.RequestRefresh();
            keys = await _keys.GetConfigurationAsync(cancellationToken);
            result = await _handler.ValidateTokenAsync(token, Parameters(keys));
        }
        if (!result.IsValid) return ChannelTokenResult.Fail(Describe(result.Exception));

        var jwt = (JsonWebToken)result.SecurityToken;
        var serviceUrl = jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var claim) ? claim : null;
        return new ChannelTokenResult(true, null, serviceUrl, jwt.Kid, keys);
    }

    /// <summary>
    /// One key download, bounded by HttpTimeout (IdentityModel downloads without a cancellation token, so a
    /// black-holed endpoint would otherwise hold each request for the HTTP client's whole timeout). After a failure,
    /// none is tried for SigningKeysRetryDelay, counted from the failure: ConfigurationManager retries on every
    /// call while it has never succeeded, so each forged request would otherwise cost outbound downloads.
    /// </summary>
    private async Task<T?> DownloadAsync<T>(ConfigurationManager<T> manager, RetryFloor floor, string which, string metadataUrl,
        CancellationToken cancellationToken) where T : class
    {
        if (floor.IsActive(_time)) return null;
        try
        {
            var keys = await manager.GetConfigurationAsync(cancellationToken).WaitAsync(_options.HttpTimeout, cancellationToken);
            floor.Clear();
            return keys;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            floor.Start(_time, _options.SigningKeysRetryDelay);
            _logger.LogError(e, "Could not read the {Which} signing keys from {MetadataUrl}; not trying again for {RetryDelay}",
                which, metadataUrl, _options.SigningKeysRetryDelay);
            return null;
        }
    }

    /// <summary>The UTC ticks before which no download is tried (0: none pending).</summary>
    private sealed class RetryFloor
    {
        private long _ticks;

        public bool IsActive(TimeProvider time) => Remaining(time) > TimeSpan.Zero;

        /// <summary>Time left until the next download may be tried (zero when none is pending).</summary>
        public TimeSpan Remaining(TimeProvider time) =>
            TimeSpan.FromTicks(Math.Max(0, Volatile.Read(ref _ticks) - time.GetUtcNow().UtcTicks));

        public void Start(TimeProvider time, TimeSpan delay) => Volatile.Write(ref _ticks, (time.GetUtcNow() + delay).UtcTicks);

        public void Clear() => Volatile.Write(ref _ticks, 0);
    }

    /// <summary>Routes by the (not yet trusted) issuer only; the chosen path then validates everything.</summary>
    private bool IsEmulatorIssued(string token)
    {
        try
        {
            return _options.EffectiveEmulatorIssuers.Contains(_handler.ReadJsonWebToken(token).Issuer, StringComparer.Ordinal);
        }
        catch (ArgumentException)
        {
            return false; // Malformed: the channel path reports it.
        }
    }

    private async Task<ChannelTokenResult> ValidateEmulatorAsync(
        ConfigurationManager<OpenIdConnectConfiguration> manager, string token, CancellationToken cancellationToken)
    {
        var configuration = await DownloadAsync(manager, _emulatorKeysFloor, "Emulator", _options.EmulatorOpenIdMetadataUrl, cancellationToken);
        if (configuration is null)
            return ChannelTokenResult.KeysUnavailable("(emulator) signing keys unavailable", _emulatorKeysFloor.Remaining(_time));
        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration.SigningKeys, _options.EffectiveEmulatorIssuers));
        if (!result.IsValid) return ChannelTokenResult.Fail("(emulator) " + Describe(result.Exception));

        // v1 tokens name the calling app in appid, v2 tokens in azp; it must be this bot's own app id.
        var jwt = (JsonWebToken)result.SecurityToken;
        var version = jwt.TryGetPayloadValue<string>("ver", out var ver) ? ver : "1.0";
        var appIdClaim = version == "2.0" ? "azp" : "appid";
        if (!jwt.TryGetPayloadValue<string>(appIdClaim, out var appId) || !string.Equals(appId, _options.AppId, StringComparison.Ordinal))
            return ChannelTokenResult.Fail("(emulator) issued to another app");
        return new ChannelTokenResult(true, null, null, jwt.Kid, null, FromEmulator: true);
    }

    private TokenValidationParameters Parameters(ChannelSigningKeys keys) => Parameters(keys.Keys, _options.EffectiveIssuers);

    private TokenValidationParameters Parameters(IEnumerable<SecurityKey> keys, IEnumerable<string> issuers) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = true,
        ValidAudience = _options.AppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _options.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = keys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };

    /// <summary>A short reason for the log; never the token, and no IdentityModel message (it may echo token parts).</summary>
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenSignatureKeyNotFoundException => "signed by an unknown key",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenMalformedException => "malformed",
        null => "invalid",
        _ => exception.GetType().Name,
    };
}
