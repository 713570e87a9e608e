using IntentBot.Channels.BotConnector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace IntentBot.Channels.Auth;

/// <summary>Outcome of checking an inbound Bearer token; on success it carries what the activity checks need.</summary>
public sealed record ChannelTokenResult(bool IsValid, string? Failure, string? ServiceUrl, string? KeyId, ChannelSigningKeys? Keys)
{
    public static ChannelTokenResult Fail(string reason) => new(false, reason, null, null, null);

    /// <summary>The token's <c>serviceurl</c> claim must name the service the activity asks us to reply to.</summary>
    public bool AllowsServiceUrl(string? serviceUrl) =>
        ServiceUrl is not null && serviceUrl is not null && string.Equals(ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>The key that signed the token must be endorsed for the activity's channel.</summary>
    public bool IsEndorsedFor(string? channelId) => channelId is not null && Keys is not null && Keys.IsEndorsed(KeyId, channelId);
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
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger<ChannelTokenValidator> _logger;

    public ChannelTokenValidator(IOptions<BotConnectorOptions> options, IHttpClientFactory httpClients, ILogger<ChannelTokenValidator> logger)
    {
        _options = options.Value;
        _logger = logger;
        var documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttps };
        _keys = new ConfigurationManager<ChannelSigningKeys>(_options.OpenIdMetadataUrl, new ChannelSigningKeysRetriever(), documents)
        {
            AutomaticRefreshInterval = _options.SigningKeysRefreshInterval,
            // A token signed with an unknown kid asks for a refresh (key rollover); at most this often.
            RefreshInterval = TimeSpan.FromMinutes(1),
        };
    }

    public async Task<ChannelTokenResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        ChannelSigningKeys keys;
        try
        {
            keys = await _keys.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without keys nothing can be trusted; the caller answers 401 and the channel retries.
            _logger.LogError(e, "Could not read the channel's signing keys from {MetadataUrl}", _options.OpenIdMetadataUrl);
            return ChannelTokenResult.Fail("signing keys unavailable");
        }

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

    private TokenValidationParameters Parameters(ChannelSigningKeys keys) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = _options.EffectiveIssuers,
        ValidateAudience = true,
        ValidAudience = _options.AppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _options.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = keys.Keys,
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
