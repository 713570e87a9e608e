using System.ComponentModel.DataAnnotations;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// The <c>BotConnector</c> section: the Azure Bot identity (app id, password, tenant), where tokens and signing
/// keys come from, and how replies are delivered. With no <see cref="AppId"/> the channel runs in local mode:
/// inbound tokens are not checked and replies go out without a token (Bot Framework Emulator without
/// credentials, local tests). Every URL is configuration so tests can point them at a fake channel.
/// </summary>
public sealed class BotConnectorOptions : IValidatableObject
{
    public const string SectionName = "BotConnector";

    /// <summary>Default issuer of Bot Connector → bot tokens (public cloud).</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The Microsoft App ID of the Azure Bot; empty turns authentication off (local mode).</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret; required when <see cref="AppId"/> is set.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Tenant of a single-tenant bot; empty for multi-tenant (tokens then come from the botframework.com tenant).</summary>
    public string? AppTenantId { get; set; }

    /// <summary>OAuth2 token endpoint for the outbound client-credentials flow; <c>{tenant}</c> is replaced by the tenant.</summary>
    [Required]
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>OpenID metadata of the channel service; its <c>jwks_uri</c> lists the signing keys and their endorsements.</summary>
    [Required]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Accepted issuers of inbound tokens; empty means <see cref="BotFrameworkIssuer"/>.</summary>
    public string[] ValidIssuers { get; set; } = [];

    /// <summary>
    /// Also accept tokens the Bot Framework Emulator sends when it is given this bot's app id and password
    /// (Entra ID tokens for our app id; they carry no serviceurl claim and no endorsements). Off by default.
    /// </summary>
    public bool AllowEmulatorTokens { get; set; }

    [Required]
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>Issuers of Emulator tokens (v1 and v2 tokens of the Bot Framework tenants); empty means <see cref="DefaultEmulatorIssuers"/>.</summary>
    public string[] EmulatorIssuers { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultEmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    public IReadOnlyList<string> EffectiveEmulatorIssuers => EmulatorIssuers.Length > 0 ? EmulatorIssuers : DefaultEmulatorIssuers;

    /// <summary>Tolerated clock difference when checking a token's lifetime.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the signing keys are re-read even when nothing fails (the docs ask for at least daily).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "5.00:00:00")]
    public TimeSpan SigningKeysRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// After the signing keys could not be downloaded, requests are refused (503 + Retry-After) without trying again for
    /// this long, so a flood of forged requests cannot turn into a flood of metadata downloads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SigningKeysRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Refuse plain-http metadata and token endpoints (turned off only for loopback tests).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>An outbound token is renewed this long before it expires, so no request carries a nearly-dead token.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan TokenRefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per outbound request, the first included (429/412/502/503/504 and network errors are retried).</summary>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubled each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts; a Retry-After beyond it gives up instead of ignoring the channel.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-attempt timeout of outbound HTTP calls.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activity id is remembered to drop channel retries of the same activity.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 1024 * 1024;

    /// <summary>Turns run in parallel across conversations; one conversation's turns always run in order.</summary>
    [Range(1, 256)]
    public int TurnWorkers { get; set; } = 4;

    /// <summary>
    /// Activities one conversation (and in local mode one client address) may post per minute, sustained; past it,
    /// 429 with Retry-After. 0 turns the limit off.
    /// </summary>
    [Range(0, 100_000)]
    public int TurnsPerMinute { get; set; } = 30;

    /// <summary>Activities a conversation (or local-mode address) may post in a burst above that rate.</summary>
    [Range(1, 100_000)]
    public int TurnBurst { get; set; } = 10;

    /// <summary>Turns waiting per worker before /api/messages answers 503 (the channel retries).</summary>
    [Range(1, 100_000)]
    public int TurnRunnerCapacity { get; set; } = 1000;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);

    public IReadOnlyList<string> EffectiveIssuers => ValidIssuers.Length > 0 ? ValidIssuers : [BotFrameworkIssuer];

    /// <summary>The token endpoint with the tenant filled in (botframework.com for multi-tenant bots).</summary>
    public string ResolvedTokenEndpoint =>
        TokenEndpoint.Replace("{tenant}", string.IsNullOrWhiteSpace(AppTenantId) ? "botframework.com" : AppTenantId.Trim(), StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuthenticationEnabled && string.IsNullOrWhiteSpace(AppPassword))
            yield return new ValidationResult("AppPassword is required when AppId is set.", [nameof(AppPassword)]);
        foreach (var (name, value) in new[] { (nameof(TokenEndpoint), ResolvedTokenEndpoint), (nameof(OpenIdMetadataUrl), OpenIdMetadataUrl), (nameof(EmulatorOpenIdMetadataUrl), EmulatorOpenIdMetadataUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                yield return new ValidationResult($"{name} must be an absolute http(s) URL.", [name]);
            else if (RequireHttps && uri.Scheme != Uri.UriSchemeHttps)
                yield return new ValidationResult($"{name} must use https (RequireHttps is on).", [name]);
        }
        if (ValidIssuers.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("ValidIssuers must not contain empty entries.", [nameof(ValidIssuers)]);
        if (RetryMaxDelay < RetryBaseDelay)
            yield return new ValidationResult("RetryMaxDelay must be at least RetryBaseDelay.", [nameof(RetryMaxDelay)]);
    }
}
