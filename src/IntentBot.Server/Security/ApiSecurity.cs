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
                var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
                if (options.PermitsPerSecond == 0) return RateLimitPartition.GetNoLimiter("off");
                return RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
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

    /// <summary>Applies the API key check and the rate-limit policy to a group of endpoints.</summary>
    public static RouteGroupBuilder RequireApiAccess(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Keys;
            if (keys.Length > 0 && !IsValidKey(context.HttpContext.Request.Headers[ApiKeyHeader].ToString(), keys))
            {
                return Problem.Status(StatusCodes.Status401Unauthorized, "Missing or invalid API key",
                    $"Send a valid key in the {ApiKeyHeader} header.");
            }
            return await next(context);
        });
        group.RequireRateLimiting(RateLimitPolicy);
        // For the OpenAPI document: the key scheme, and the two answers the filter and the limiter give.
        group.WithMetadata(new ApiKeyProtected())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
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

    private static string ClientKey(HttpContext context)
    {
        var key = context.Request.Headers[ApiKeyHeader].ToString();
        if (key.Length > 0) return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}

/// <summary>Endpoint metadata: the endpoint checks the X-Api-Key header (see <see cref="ApiSecurity.RequireApiAccess"/>).</summary>
public sealed class ApiKeyProtected;
