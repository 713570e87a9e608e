using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.DirectLine;

/// <summary>What a valid token grants: one conversation, optionally one user id.</summary>
public sealed record TokenGrant(string ConversationId, string? UserId, DateTimeOffset Expires, TokenUse Use)
{
    /// <summary>When the token was issued (whole seconds): erasure revokes a user's tokens issued before it.</summary>
    public DateTimeOffset IssuedAt { get; init; }
}

/// <summary>Conversation tokens go in the Authorization header; stream tokens only open the WebSocket of a streamUrl.</summary>
public enum TokenUse { Conversation, Stream }

public enum TokenCheck { Valid, Invalid, Expired }

/// <summary>
/// Issues and checks Direct Line tokens: compact JWTs (HS256) so Web Chat can read the embedded user id
/// (it decodes the token's "user" claim, as it does with the hosted service's tokens). The signing key comes
/// from configuration, else is random per process (tokens then die with the process).
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "intentbot-directline";
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineTokens> logger)
    {
        _time = time;
        var configured = options.Value.TokenSigningKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            logger.LogInformation("DirectLine:TokenSigningKey is not set: Direct Line tokens are signed with a random per-process key (they end with this process; set the key when running several instances).");
        }
        else
        {
            _key = DecodeKey(configured);
        }
    }

    /// <summary>Parses a configured key; used by the options validation too.</summary>
    public static byte[] DecodeKey(string base64)
    {
        byte[] key;
        try { key = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException ex) { throw new InvalidOperationException("DirectLine:TokenSigningKey must be base64.", ex); }
        if (key.Length < 32) throw new InvalidOperationException("DirectLine:TokenSigningKey must decode to at least 32 bytes.");
        return key;
    }

    public string Issue(string conversationId, string? userId, TimeSpan lifetime, TokenUse use = TokenUse.Conversation)
    {
        var now = _time.GetUtcNow();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", Issuer);
            json.WriteString("conv", conversationId);
            if (userId is not null) json.WriteString("user", userId);
            json.WriteString("use", use == TokenUse.Stream ? "stream" : "conversation");
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", now.Add(lifetime).ToUnixTimeSeconds());
            json.WriteString("jti", Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));
            json.WriteEndObject();
        }
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(buffer.ToArray());
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput));
    }

    public TokenCheck Check(string token, out TokenGrant? grant)
    {
        grant = null;
        var parts = token.Split('.');
        if (parts.Length != 3) return TokenCheck.Invalid;
        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException) { return TokenCheck.Invalid; }
        // Signature first, in constant time: nothing in an unsigned payload is trusted or even parsed.
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1]))) return TokenCheck.Invalid;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("iss").GetString() != Issuer) return TokenCheck.Invalid;
            var conversation = root.GetProperty("conv").GetString();
            if (string.IsNullOrEmpty(conversation)) return TokenCheck.Invalid;
            var user = root.TryGetProperty("user", out var u) ? u.GetString() : null;
            var use = root.GetProperty("use").GetString() == "stream" ? TokenUse.Stream : TokenUse.Conversation;
            var expires = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            var issuedAt = root.TryGetProperty("iat", out var iat) ? DateTimeOffset.FromUnixTimeSeconds(iat.GetInt64()) : DateTimeOffset.MinValue;
            grant = new TokenGrant(conversation, user, expires, use) { IssuedAt = issuedAt };
            return _time.GetUtcNow() >= expires ? TokenCheck.Expired : TokenCheck.Valid;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return TokenCheck.Invalid;
        }
    }

    private byte[] Sign(string signingInput) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
}
