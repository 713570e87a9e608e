using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;

namespace IntentBot.Server.Context;

public static class ContextApi
{
    public static IEndpointRouteBuilder MapContextApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Behaviour").RequireApiAccess(customerData: true);
        group.MapGet("/{id}/context", GetAsync)
            .WithName("GetUserContext")
            .WithSummary("The user's live context: recent events, user and session aggregates, chat intents and sentiment, purchase intent.")
            .Produces<ContextResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <param name="sessionId">The session to describe; the user's most recently active one when absent.</param>
    private static async Task<IResult> GetAsync(string? sessionId, HttpContext context, IBehaviourStore store,
        PurchaseIntentEstimator estimator, CancellationToken cancellationToken)
    {
        // The route's {id} keeps "%2F" encoded; the raw target decoded once gives the id as stored ('/' included).
        var id = UserIdPath.Read(context, UsersApi.BasePath + "/", "/context");
        if (UsersApi.UserIdError(id) is { } error) return Problem.Validation("id", error);
        if (sessionId is not null && SessionIdError(sessionId) is { } sessionError) return Problem.Validation("sessionId", sessionError);

        BehaviourContext? behaviour;
        try
        {
            behaviour = await store.GetContextAsync(id!, sessionId, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            return Problem.Unavailable(context, "Context store unavailable", ex.Message, retryAfterSeconds: 5);
        }
        if (behaviour is null)
            return Problem.Status(StatusCodes.Status404NotFound, "No context for this user", "Nothing is stored about this user: no events and no chat turns (or they were erased or expired).");

        var response = new ContextResponse(
            behaviour.UserId, behaviour.SessionId,
            AggregatesDto.From(behaviour.User), behaviour.Session is null ? null : AggregatesDto.From(behaviour.Session),
            behaviour.RecentEvents.Select(EventDto.From).ToList(), behaviour.RecentChatTurns.Select(ChatTurnDto.From).ToList(),
            estimator.Estimate(behaviour));
        return Results.Json(response, BehaviourApiJsonContext.Default.ContextResponse);
    }

    private static string? SessionIdError(string sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId)) return "The session id must not be empty.";
        if (sessionId.Length > EventsRequestReader.MaxIdLength) return $"The session id is longer than {EventsRequestReader.MaxIdLength} characters.";
        if (sessionId.Any(char.IsControl)) return "The session id must not contain control characters.";
        return null;
    }
}
