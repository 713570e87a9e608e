namespace IntentBot.Server.Problems;

/// <summary>Short-hands for the problem-details results the endpoints return.</summary>
public static class Problem
{
    public static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "The request is not valid", statusCode: StatusCodes.Status400BadRequest);

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid", statusCode: StatusCodes.Status400BadRequest);

    public static IResult Status(int status, string title, string? detail = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>503 with Retry-After: the server is saturated or a dependency is down, and will recover.</summary>
    public static IResult Unavailable(HttpContext context, string title, string detail, int retryAfterSeconds = 1)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }

    /// <summary>429 with Retry-After (whole seconds, at least 1).</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: $"{detail} Retry after {seconds} s.");
    }
}
