using IntentBot.Server.Problems;

namespace IntentBot.Server.Desk;

/// <summary>Sign-in to the desk: POST (name + secret → HttpOnly, SameSite=Strict cookie), GET (who am I + CSRF token), DELETE (sign out).</summary>
public static class DeskSessionApi
{
    public static WebApplication MapDeskSession(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/desk/session").WithTags("Desk");
        group.MapPost("", SignInAsync)
            .RequireRateLimiting(DeskRegistration.SignInRateLimitPolicy)
            .WithName("DeskSignIn")
            .WithSummary("Signs an agent in to the desk with their name and secret (a Desk:Agents account, or an API key as the secret).")
            .Accepts<SignInRequest>("application/json")
            .Produces<SessionResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", (HttpContext context, DeskSessions sessions) =>
            {
                if (sessions.Validate(context.Request.Cookies[DeskSessions.CookieName]) is { } s)
                    return Results.Json(new SessionResponse(s.Agent, s.Kind, s.Csrf, s.ExpiresUtc, !sessions.RequiresSignIn), DeskApiJsonContext.Default.SessionResponse);
                return sessions.RequiresSignIn
                    ? Problem.Status(StatusCodes.Status401Unauthorized, "Not signed in", "Sign in to the desk.")
                    : Results.Json(new SessionResponse(null, null, null, null, Open: true), DeskApiJsonContext.Default.SessionResponse);
            })
            .WithName("DeskSession")
            .WithSummary("The signed-in agent and the CSRF token the page sends in X-Desk-Csrf; 401 when not signed in.")
            .Produces<SessionResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapDelete("", (HttpContext context) =>
            {
                context.Response.Cookies.Delete(DeskSessions.CookieName, CookieOptions(context, DateTimeOffset.UnixEpoch));
                return Results.NoContent();
            })
            .WithName("DeskSignOut")
            .WithSummary("Signs out (removes the session cookie).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, DeskSessions sessions, ILogger<DeskSessions> logger, CancellationToken ct)
    {
        var (body, error) = await DeskBody.ReadAsync(context.Request, DeskApiJsonContext.Default.SignInRequest, optional: false, ct);
        if (error is not null) return error;
        if (DeskBody.AgentNameError(body!.Name) is { } nameError) return Problem.Validation("name", nameError);
        var name = body.Name!.Trim();
        if (body.Secret is { Length: > 1024 }) return Problem.Validation("secret", "A secret is at most 1024 characters.");
        if (sessions.Authenticate(name, body.Secret ?? "") is not { } credential)
        {
            logger.LogWarning("Desk sign-in refused for {Agent} from {Address}", name, context.Connection.RemoteIpAddress);
            return Problem.Status(StatusCodes.Status401Unauthorized, "Wrong name or secret", "The name and secret match no desk account or API key.");
        }
        var cookie = sessions.Issue(name, credential.Kind, credential.Fingerprint, out var session);
        context.Response.Cookies.Append(DeskSessions.CookieName, cookie, CookieOptions(context, session.ExpiresUtc));
        logger.LogInformation("Desk sign-in: {Agent} ({Kind})", name, credential.Kind);
        return Results.Json(new SessionResponse(session.Agent, session.Kind, session.Csrf, session.ExpiresUtc, !sessions.RequiresSignIn), DeskApiJsonContext.Default.SessionResponse);
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
