using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Desk;

/// <summary>Who is calling a desk endpoint: an API key (names its agent in the body), a signed-in agent, or anyone on an open desk.</summary>
public sealed record DeskCaller(string Kind, DeskSession? Session)
{
    /// <summary>The agent a session is for; API-key and open callers name theirs in the request.</summary>
    public string? SessionAgent => Session?.Agent;
}

public static class DeskAccess
{
    private const string CallerItem = "intentbot.desk.caller";

    /// <summary>
    /// API key or desk session, then the API rate limit. A session cookie must come with its CSRF token on every
    /// request that changes something, so another site cannot make a signed-in agent's browser act (SameSite=Strict
    /// already keeps the cookie off cross-site requests; the token also covers same-site pages).
    /// </summary>
    public static RouteGroupBuilder RequireDeskAccess(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = Identify(http, out var error);
            if (caller is null) return error;
            http.Items[CallerItem] = caller;
            return await next(context);
        });
        group.RequireRateLimiting(ApiSecurity.RateLimitPolicy);
        return group;
    }

    public static DeskCaller Caller(this HttpContext context) => (DeskCaller)context.Items[CallerItem]!;

    private static DeskCaller? Identify(HttpContext http, out IResult? error)
    {
        error = null;
        var sessions = http.RequestServices.GetRequiredService<DeskSessions>();
        var keys = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Keys;
        var presentedKey = http.Request.Headers[ApiSecurity.ApiKeyHeader].ToString();
        if (presentedKey.Length > 0 && keys.Length > 0)
        {
            if (ApiSecurity.IsValidKey(presentedKey, keys)) return new DeskCaller(DeskSessions.KindKey, null);
            error = Problem.Status(StatusCodes.Status401Unauthorized, "Invalid API key", $"The {ApiSecurity.ApiKeyHeader} header holds no accepted key.");
            return null;
        }

        var session = sessions.Validate(http.Request.Cookies[DeskSessions.CookieName]);
        if (session is not null)
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !string.Equals(http.Request.Headers[DeskSessions.CsrfHeader].ToString(), session.Csrf, StringComparison.Ordinal))
            {
                error = Problem.Status(StatusCodes.Status403Forbidden, "Missing CSRF token",
                    $"A desk session must send its token in the {DeskSessions.CsrfHeader} header (GET /api/v1/desk/session gives it).");
                return null;
            }
            return new DeskCaller(session.Kind, session);
        }

        // Safe by default, like every endpoint with customer data: an unconfigured desk answers this machine only.
        if (!sessions.RequiresSignIn)
        {
            if (ApiSecurity.IsLoopbackCaller(http)) return new DeskCaller(DeskSessions.KindOpen, null);
            error = Problem.Status(StatusCodes.Status403Forbidden, "Open to loopback callers only",
                "No desk accounts or API keys are configured, so the desk answers callers on this machine only. Configure Desk:Agents or Api:Keys.");
            return null;
        }
        error = Problem.Status(StatusCodes.Status401Unauthorized, "Sign in or send an API key",
            $"Sign in to the desk (POST /api/v1/desk/session) or send a valid key in the {ApiSecurity.ApiKeyHeader} header.");
        return null;
    }
}
