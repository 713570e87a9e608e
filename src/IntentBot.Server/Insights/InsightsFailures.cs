using IntentBot.Context.Storage;
using IntentBot.Nlu.Batching;
using IntentBot.Server.Problems;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace IntentBot.Server.Insights;

/// <summary>What every insights endpoint can answer besides its own results: sign-in problems, and 503 when the store or the model is busy or down.</summary>
internal static class InsightsFailures
{
    public static void Describe(RouteGroupBuilder group)
    {
        group.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails), ["application/problem+json"]));
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (e is StoreUnavailableException or RedisException or RedisTimeoutException)
            {
                return Problem.Unavailable(context.HttpContext, "Insights store unavailable", "The shared store did not answer; try again shortly.", retryAfterSeconds: 5);
            }
            catch (QueueFullException e)
            {
                return Problem.Unavailable(context.HttpContext, "Classifier saturated", e.Message);
            }
        });
    }
}
