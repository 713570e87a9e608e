namespace IntentBot.Context.Storage;

/// <summary>
/// A component that stores something about a user outside the conversation and behaviour stores (Direct Line
/// transcripts, handoff records, ...). <c>DELETE /api/v1/users/{id}</c> runs every registered participant
/// before erasing the conversation store, whose conversation index is what tells the participants which
/// conversations were the user's; so that index must be deleted last.
/// </summary>
/// <remarks>
/// Implementations must be idempotent (a retry after a failure part-way finishes the job) and must not need
/// a SCAN of the whole store: they find the user's data by the user id and the conversation ids given, or by
/// an index of their own.
/// </remarks>
public interface IUserDataErasure
{
    /// <param name="userId">The user id as the agent sees it: the activity's <c>from.id</c>.</param>
    /// <param name="conversationIds">The user's conversations known to the conversation store.</param>
    Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default);
}
