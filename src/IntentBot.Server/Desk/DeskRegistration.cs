using System.Threading.RateLimiting;
using IntentBot.Agent.Desk;
using IntentBot.Context;
using IntentBot.Context.Storage;
using IntentBot.Server.Problems;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Desk;

/// <summary>The agent desk: its state, the bot's and the people's services, sign-in, the API and the page at /desk.</summary>
public static class DeskRegistration
{
    public const string SignInRateLimitPolicy = "desk-sign-in";

    public static WebApplicationBuilder AddDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<DeskOptions>()
            .BindConfiguration(DeskOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Agents.All(a => SecretHash.Problem(a.SecretHash) is null),
                $"Desk:Agents: every SecretHash must look like {SecretHash.Scheme}$ITERATIONS$SALT_BASE64$HASH_BASE64 with at least {SecretHash.MinIterations} iterations (docs/desk.md).")
            .Validate(o => o.Agents.Select(a => a.Name.Trim().ToUpperInvariant()).Distinct().Count() == o.Agents.Count, "Desk:Agents: names must be unique.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SessionSigningKey) || IsKey(o.SessionSigningKey), "Desk:SessionSigningKey must be base64 of at least 32 bytes.")
            .Validate(o => IsTimeZone(o.ServiceHours.TimeZone), "Desk:ServiceHours:TimeZone is not a time zone this host knows (use an IANA id such as Europe/Berlin).")
            .Validate(o => string.IsNullOrWhiteSpace(o.ContactEmail) || o.ContactEmail.Contains('@'), "Desk:ContactEmail must be an e-mail address (or empty).")
            .Validate(o => o.ServiceHours.Days.Count == 0 || o.ServiceHours.Opens < o.ServiceHours.Closes, "Desk:ServiceHours: Opens must be before Closes.");

        // Where the rest of the state lives: Redis when configured (shared, claims atomic across instances), else in-process.
        services.AddSingleton<IDeskStore>(sp => sp.Store<IDeskStore>(
            () => new InMemoryDeskStore(),
            redis => new RedisDeskStore(redis, sp.GetRequiredService<IOptions<ContextOptions>>().Value.KeyPrefix,
                sp.GetRequiredService<IOptions<DeskOptions>>().Value.TranscriptRetention, sp.GetRequiredService<IOptions<ContextOptions>>().Value.OperationTimeout)));
        // Desk transcripts and addresses hold the customer's words and ids: DELETE /api/v1/users/{id} erases them.
        services.AddSingleton<IUserDataErasure>(sp => sp.GetRequiredService<IDeskStore>());
        services.AddSingleton<HandoffDesk>();
        services.AddSingleton<ICustomerMessenger, ChannelMessenger>();
        services.AddSingleton<DeskService>();
        services.AddSingleton<DeskSessions>();

        // Sign-in checks a secret: each client address gets a small budget of attempts.
        services.AddRateLimiter(limiter => limiter.AddPolicy(SignInRateLimitPolicy, context =>
            RateLimitPartition.GetTokenBucketLimiter("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 10,
                TokensPerPeriod = 10,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
        return builder;
    }

    public static WebApplication MapDesk(this WebApplication app)
    {
        app.MapDeskApi();
        app.MapDeskSession();

        var web = Path.Combine(app.Environment.ContentRootPath, "web", "desk");
        app.MapGet("/desk", (HttpContext context) => DeskFile(context, Path.Combine(web, "index.html"), "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/desk/desk.js", (HttpContext context) => DeskFile(context, Path.Combine(web, "desk.js"), "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/desk/desk.css", (HttpContext context) => DeskFile(context, Path.Combine(web, "desk.css"), "text/css; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private static IResult DeskFile(HttpContext context, string path, string contentType)
    {
        if (!File.Exists(path)) return Problem.Status(StatusCodes.Status404NotFound, "Not found", $"{Path.GetFileName(path)} is missing from web/desk.");
        context.Response.Headers.CacheControl = "no-cache";
        // The desk shows customers' words: no framing by other sites, no inline script, nothing from elsewhere.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.File(path, contentType, lastModified: File.GetLastWriteTimeUtc(path));
    }

    private static bool IsKey(string key)
    {
        try { return Convert.FromBase64String(key).Length >= 32; }
        catch (FormatException) { return false; }
    }

    private static bool IsTimeZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }
}
