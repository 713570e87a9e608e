using IntentBot.Context.Storage;

namespace IntentBot.Agent.Desk;

/// <summary>
/// The desk's shared state: per handed-off conversation its transcript, the customer's address and the agent's
/// claim; plus change notifications that wake every instance's live queue. Redis when configured (claims are
/// atomic across instances), in-process otherwise.
/// </summary>
/// <remarks>Transcripts and addresses hold the customer's words and ids, so the store takes part in user erasure.</remarks>
public interface IDeskStore : IUserDataErasure
{
    Task AppendAsync(string conversationId, IReadOnlyList<DeskEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The conversation's desk transcript, oldest first (empty when none).</summary>
    Task<IReadOnlyList<DeskEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken = default);

    Task SaveAddressAsync(DeskAddress address, CancellationToken cancellationToken = default);

    Task<DeskAddress?> GetAddressAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the conversation for <paramref name="claim"/>'s agent unless another agent holds it, in one atomic
    /// step shared by every instance. Returns the claim that holds afterwards (the caller's, or the other agent's).
    /// </summary>
    Task<DeskClaim> ClaimAsync(string conversationId, DeskClaim claim, CancellationToken cancellationToken = default);

    Task<DeskClaim?> GetClaimAsync(string conversationId, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, DeskClaim>> GetClaimsAsync(CancellationToken cancellationToken = default);

    Task ReleaseAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Tells every instance's desk pages that something changed (best effort: pages also refresh on a timer).</summary>
    Task NotifyAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Counts the changes this instance has heard of; waiters compare it with what they saw.</summary>
    long ChangeCount { get; }

    /// <summary>Completes when <see cref="ChangeCount"/> passes <paramref name="seen"/>, or when the token fires.</summary>
    Task WaitForChangeAsync(long seen, CancellationToken cancellationToken);
}
