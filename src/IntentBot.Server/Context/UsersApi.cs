using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace IntentBot.Server.Context;

public static class UsersApi
{
    public const string BasePath = "/api/v1/users";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath).WithTags("Users").RequireApiAccess(customerData: true);
        // A catch-all: user ids may hold '/', sent as is or as %2F (the id is read from the raw target).
        group.MapDelete("/{**id}", DeleteAsync)
            .WithName("DeleteUser")
            .WithSummary("Erase everything stored about a user: conversations, profile, behaviour events and aggregates, Direct Line transcripts and handoff records.")
            .WithDescription("The user id is the channel's from.id (for anonymous Web Chat users the dl_... id the token endpoint issued), " +
                "percent-encoded once; it may hold '/'. Every id a channel or the events API can store is accepted here, and no other. " +
                "Idempotent: after a 503 part-way, repeating the request finishes the erasure.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IConversationStore store, IBehaviourStore behaviour,
        [FromServices] IEnumerable<IUserDataErasure> participants, ErasureAofRewriter aof, CancellationToken cancellationToken)
    {
        var id = UserIdPath.Read(context, BasePath + "/");
        if (UserIdError(id) is { } error) return Problem.Validation("id", error);
        try
        {
            // Every step is idempotent, so after a 503 part-way the client's retry finishes the job. The
            // conversation store goes last: its conversation index is how the participants (transcripts,
            // handoffs) find the user's conversations, and a retry needs it again.
            var conversationIds = await store.ListConversationIdsAsync(id!, cancellationToken);
            foreach (var participant in participants)
                await participant.EraseUserAsync(id!, conversationIds, cancellationToken);
            await behaviour.DeleteUserAsync(id!, cancellationToken);
            await store.DeleteUserAsync(id!, cancellationToken);
            aof.ErasureCompleted();
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

    /// <summary>The one id rule of every entry point (StoredIds): erasure accepts exactly the ids that can be stored.</summary>
    public static string? UserIdError(string? id) => StoredIds.Error(id, "The user id");
}
