using IntentBot.Context.Storage;

namespace IntentBot.Agent.Insights;

/// <summary>The review queue: items expire after the retention, the oldest go first past the cap, and a user's are erased with them.</summary>
public interface IReviewStore : IUserDataErasure
{
    Task AddAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken = default);

    /// <summary>Newest first, at most <paramref name="limit"/>; only those in <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<ReviewItem>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default);

    Task<ReviewItem?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored item (a reviewer's decision); false when it is gone (expired or erased).</summary>
    Task<bool> UpdateAsync(ReviewItem item, CancellationToken cancellationToken = default);
}
