using IntentBot.Context.Storage;
using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace IntentBot.Server.Problems;

public static class ProblemHandling
{
    /// <summary>
    /// Every error leaves as RFC 7807 problem details: validation failures from the endpoints themselves,
    /// and anything the pipeline raises (oversized body, unhandled exception) through the exception handler.
    /// </summary>
    public static WebApplicationBuilder AddProblemHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<StoreOutageExceptionHandler>();
        return builder;
    }

    public static WebApplication UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

/// <summary>Maps the framework's BadHttpRequestException (e.g. body over Kestrel's limit) to its own status.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
        });
    }
}

/// <summary>
/// A store outage that an endpoint did not answer itself (the operator API's handoff routes, and whatever is added
/// later) is a 503 with Retry-After like every other state endpoint's, never a 500: the request can be repeated.
/// </summary>
internal sealed class StoreOutageExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (StoreUnavailableException or RedisException or TimeoutException)) return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Context store unavailable", Detail = exception.Message },
        });
    }
}
