using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using IntentBot.Server.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Security;

public static class ApiSecurity
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string RateLimitPolicy = "api";

    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<ApiOptions>()
            .BindConfiguration(ApiOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<FailedKeyThrottle>();
        builder.Services.AddHostedService<OpenEndpointsWarning>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, token) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Rate limit exceeded; retry after {retry} s.").ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var options = api.RateLimit;
                if (options.PermitsPerSecond == 0) return RateLimitPartition.GetNoLimiter("off");
                return RateLimitPartition.GetTokenBucketLimiter(ClientKey(context, api.Keys), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return builder;
    }

    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Applies the API key check and the rate-limit policy to a group of endpoints. A group that reads, changes or
    /// erases customer data (<paramref name="customerData"/>) is safe by default: with no keys configured it answers
    /// loopback callers only.
    /// </summary>
    public static RouteGroupBuilder RequireApiAccess(this RouteGroupBuilder group, bool customerData = false)
    {
        group.AddEndpointFilter(async (context, next) => KeyFailure(context.HttpContext, customerData) ?? await next(context));
        if (customerData) group.WithMetadata(new CustomerDataEndpoint());
        group.RequireRateLimiting(RateLimitPolicy);
        // For the OpenAPI document: the key scheme, and the two answers the filter and the limiter give.
        group.WithMetadata(new ApiKeyProtected())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>
    /// Null when the request may go on (no keys configured, or a valid key); else 401, or 429 for an address that
    /// failed too often. Shared by the API groups and the metrics endpoint.
    /// </summary>
    internal static IResult? KeyFailure(HttpContext http, bool loopbackOnlyWithoutKeys)
    {
        var keys = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Keys;
        if (keys.Length == 0)
        {
            return !loopbackOnlyWithoutKeys || IsLoopbackCaller(http) ? null
                : Problem.Status(StatusCodes.Status403Forbidden, "Open to loopback callers only",
                    $"No API keys are configured, so this endpoint answers callers on this machine only. Set Api:Keys and send one in the {ApiKeyHeader} header.");
        }
        // An address that has failed too often is not told whether this key is right either: otherwise the
        // guessing would simply go on, reading 200 against 429 instead of 200 against 401.
        var failures = http.RequestServices.GetRequiredService<FailedKeyThrottle>();
        if (failures.IsThrottled(http, out var retryAfter))
            return Problem.TooManyRequests(http, retryAfter, "Too many requests with a missing or invalid API key from this address.");
        if (IsValidKey(http.Request.Headers[ApiKeyHeader].ToString(), keys)) return null;
        failures.RecordFailure(http);
        return Problem.Status(StatusCodes.Status401Unauthorized, "Missing or invalid API key", $"Send a valid key in the {ApiKeyHeader} header.");
    }

    /// <summary>True when <paramref name="presented"/> is one of <paramref name="keys"/> (shared by the metrics endpoint).</summary>
    internal static bool IsValidKey(string presented, string[] keys)
    {
        if (presented.Length == 0) return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        // Compare against every key in constant time so timing reveals neither which key nor how much matched.
        foreach (var key in keys)
            match |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key));
        return match;
    }

    /// <summary>
    /// The client a rate-limit bucket belongs to: a configured key the request presents, else its address. An
    /// unchecked header would let a client pick a fresh bucket per request; a wrong key counts against the address.
    /// </summary>
    internal static string ClientKey(HttpContext context, string[] keys)
    {
        var presented = context.Request.Headers[ApiKeyHeader].ToString();
        if (keys.Length > 0 && IsValidKey(presented, keys))
            return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        return ClientAddress(context);
    }

    /// <summary>
    /// A caller on this machine. No address at all is an in-process or Unix-socket caller. Behind a reverse proxy on
    /// the same host every caller looks local: configure keys there (docs/security.md).
    /// </summary>
    internal static bool IsLoopbackCaller(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return System.Net.IPAddress.IsLoopback(address);
    }

    internal static string ClientAddress(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

/// <summary>Endpoint metadata: the endpoint checks the X-Api-Key header (see <see cref="ApiSecurity.RequireApiAccess"/>).</summary>
public sealed class ApiKeyProtected;
