using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntentBot.Agent.Desk;
using IntentBot.Server.Security;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Desk;

/// <summary>Who a desk session belongs to, how it signed in, and the token its page must echo on changes.</summary>
public sealed record DeskSession(string Agent, string Kind, string Csrf, DateTimeOffset ExpiresUtc);

/// <summary>
/// Desk sessions are signed cookies (HMAC-SHA256), so any instance with the same
/// <c>Desk:SessionSigningKey</c> accepts them without shared session storage. A session names the credential it
/// came from by a fingerprint: changing an agent's secret or removing an API key ends its sessions at once.
/// </summary>
public sealed class DeskSessions
{
    public const string CookieName = "intentbot_desk";
    public const string CsrfHeader = "X-Desk-Csrf";
    public const string KindAgent = "agent";
    public const string KindKey = "key";
    public const string KindOpen = "open";

    private readonly byte[] _key;
    private readonly IOptions<DeskOptions> _desk;
    private readonly IOptions<ApiOptions> _api;
    private readonly TimeProvider _clock;

    public DeskSessions(IOptions<DeskOptions> desk, IOptions<ApiOptions> api, TimeProvider clock, ILogger<DeskSessions> logger)
    {
        (_desk, _api, _clock) = (desk, api, clock);
        if (string.IsNullOrWhiteSpace(desk.Value.SessionSigningKey))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            if (RequiresSignIn)
                logger.LogInformation("Desk:SessionSigningKey is not set: desk sessions are signed with a per-process key (they end on restart and only this instance accepts them).");
        }
        else _key = Convert.FromBase64String(desk.Value.SessionSigningKey);
    }

    /// <summary>The desk is open (no sign-in) only when neither agent accounts nor API keys are configured.</summary>
    public bool RequiresSignIn => _desk.Value.Agents.Count > 0 || _api.Value.Keys.Length > 0;

    /// <summary>The session kind for a sign-in, or null when the name and secret match no credential.</summary>
    public (string Kind, string Fingerprint)? Authenticate(string name, string secret)
    {
        if (!RequiresSignIn) return (KindOpen, "");
        var account = _desk.Value.Agents.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        // Always run one PBKDF2, so timing does not tell whether the name exists.
        var hash = account?.SecretHash ?? DummyHash;
        if (SecretHash.Verify(secret, hash) && account is not null) return (KindAgent, Fingerprint(account.SecretHash));
        if (ApiSecurity.IsValidKey(secret, _api.Value.Keys)) return (KindKey, Fingerprint(secret));
        return null;
    }

    public string Issue(string agent, string kind, string fingerprint, out DeskSession session)
    {
        session = new DeskSession(agent, kind, Base64Url(RandomNumberGenerator.GetBytes(18)), _clock.GetUtcNow() + _desk.Value.SessionLifetime);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new SessionPayload(agent, kind, session.Csrf, session.ExpiresUtc.ToUnixTimeSeconds(), fingerprint),
            DeskSessionJsonContext.Default.SessionPayload);
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));
    }

    public DeskSession? Validate(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 2048) return null;
        var dot = cookie.IndexOf('.');
        if (dot <= 0) return null;
        byte[] payload, signature;
        try { (payload, signature) = (FromBase64Url(cookie[..dot]), FromBase64Url(cookie[(dot + 1)..])); }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload))) return null;
        SessionPayload? p;
        try { p = JsonSerializer.Deserialize(payload, DeskSessionJsonContext.Default.SessionPayload); }
        catch (JsonException) { return null; }
        if (p is null || DateTimeOffset.FromUnixTimeSeconds(p.E) <= _clock.GetUtcNow()) return null;
        var current = p.K switch
        {
            KindOpen => !RequiresSignIn,
            KindAgent => _desk.Value.Agents.Any(a => string.Equals(a.Name, p.N, StringComparison.OrdinalIgnoreCase) && Fingerprint(a.SecretHash) == p.F),
            KindKey => _api.Value.Keys.Any(k => Fingerprint(k) == p.F),
            _ => false,
        };
        return current ? new DeskSession(p.N, p.K, p.C, DateTimeOffset.FromUnixTimeSeconds(p.E)) : null;
    }

    private static readonly string DummyHash = SecretHash.Create("not a secret anyone has", SecretHash.MinIterations);

    private static string Fingerprint(string credential) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(credential))[..9]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}

/// <param name="N">Agent name.</param><param name="K">Kind.</param><param name="C">CSRF token.</param>
/// <param name="E">Expiry (Unix seconds).</param><param name="F">Credential fingerprint.</param>
internal sealed record SessionPayload(string N, string K, string C, long E, string F);

[System.Text.Json.Serialization.JsonSerializable(typeof(SessionPayload))]
internal sealed partial class DeskSessionJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
