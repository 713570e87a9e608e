using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace IntentBot.Server.Context;

public static class UsersApi
{
    public const int MaxIdLength = 128;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireApiAccess();
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteUser")
            .WithSummary("Erase everything stored about a user: conversations, profile, behaviour events and aggregates, Direct Line transcripts and handoff records.")
            .WithDescription("The user id is the channel's from.id (for anonymous Web Chat users the dl_... id the token endpoint issued). " +
                "Idempotent: after a 503 part-way, repeating the request finishes the erasure.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IConversationStore store, IBehaviourStore behaviour,
        [FromServices] IEnumerable<IUserDataErasure> participants, CancellationToken cancellationToken)
    {
        if (UserIdError(id) is { } error) return Problem.Validation("id", error);
        try
        {
            // Every step is idempotent, so after a 503 part-way the client's retry finishes the job. The
            // conversation store goes last: its conversation index is how the participants (transcripts,
            // handoffs) find the user's conversations, and a retry needs it again.
            var conversationIds = await store.ListConversationIdsAsync(id, cancellationToken);
            foreach (var participant in participants)
                await participant.EraseUserAsync(id, conversationIds, cancellationToken);
            await behaviour.DeleteUserAsync(id, cancellationToken);
            await store.DeleteUserAsync(id, cancellationToken);
            return Results.NoContent();
        }
        catch (StoreUnavailableException ex)
        {
            return Problem.Unavailable(context, "Context store unavailable", ex.Message, retryAfterSeconds: 5);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The participants talk to Redis directly (the stores wrap this in StoreUnavailableException).
            return Problem.Unavailable(context, "Context store unavailable", "Redis is unavailable: " + ex.Message, retryAfterSeconds: 5);
        }
    }

    /// <summary>A user id is opaque, but bounded and printable so it is safe in keys and logs.</summary>
    public static string? UserIdError(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "The user id must not be empty.";
        if (id.Length > MaxIdLength) return $"The user id is longer than {MaxIdLength} characters.";
        if (id.Any(char.IsControl)) return "The user id must not contain control characters.";
        return null;
    }
}
