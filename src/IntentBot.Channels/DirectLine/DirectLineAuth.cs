using Microsoft.AspNetCore.Http;

namespace IntentBot.Channels.DirectLine;

/// <summary>Who is calling: a secret holder (any conversation) or a token holder (one conversation).</summary>
public sealed record DirectLineCaller(TokenGrant? Grant, string Credential)
{
    public bool IsSecret => Grant is null;

    public bool MayAccess(string conversationId) => Grant is null || string.Equals(Grant.ConversationId, conversationId, StringComparison.Ordinal);
}

/// <summary>
/// Checks <c>Authorization: Bearer &lt;secret or token&gt;</c> like the hosted service: missing → 401, a secret or
/// token that is not ours → 403, an expired token → 403 (DirectLineJS reads 403 as "token expired" and stops
/// retrying), a token for another conversation → 403.
/// </summary>
public static class DirectLineAuth
{
    public static (DirectLineCaller? Caller, IResult? Failure) Authenticate(HttpContext context, DirectLineSecrets secrets, DirectLineTokens tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            return (null, DirectLineErrors.Result(StatusCodes.Status401Unauthorized, "Unauthorized",
                "Send 'Authorization: Bearer <secret or token>'."));
        return Check(header[7..].Trim(), secrets, tokens, TokenUse.Conversation);
    }

    /// <summary>Checks a credential from a header or a streamUrl; stream tokens are accepted only where <paramref name="allowed"/> says so.</summary>
    public static (DirectLineCaller? Caller, IResult? Failure) Check(string credential, DirectLineSecrets secrets, DirectLineTokens tokens, TokenUse allowed)
    {
        if (secrets.IsSecret(credential)) return (new DirectLineCaller(null, credential), null);
        switch (tokens.Check(credential, out var grant))
        {
            case TokenCheck.Valid when grant!.Use == TokenUse.Conversation || grant.Use == allowed:
                return (new DirectLineCaller(grant, credential), null);
            case TokenCheck.Expired:
                return (null, DirectLineErrors.Result(StatusCodes.Status403Forbidden, "TokenExpired", "Token expired."));
            default:
                return (null, DirectLineErrors.Result(StatusCodes.Status403Forbidden, "Forbidden", "Invalid token or secret."));
        }
    }

    public static IResult WrongConversation() =>
        DirectLineErrors.Result(StatusCodes.Status403Forbidden, "Forbidden", "Token not valid for this conversation.");
}
