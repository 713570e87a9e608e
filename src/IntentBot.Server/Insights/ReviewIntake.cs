using IntentBot.Agent.Insights;
using IntentBot.Server.Logging;
using Microsoft.Extensions.Logging;

namespace IntentBot.Server.Insights;

/// <summary>
/// Turns declined or unsure messages into review items: personal data masked first (the stored text, the explanation
/// and the embedding are all of the masked text), then explained and embedded in one model call per message.
/// Runs on the analytics writer's thread, never on a turn's.
/// </summary>
public sealed class ReviewIntake(IReviewStore store, OcclusionExplainer explainer, ILogger<ReviewIntake> logger) : IReviewIntake
{
    public async Task AddAsync(IReadOnlyList<TurnFacts> turns, CancellationToken cancellationToken = default)
    {
        var items = new List<ReviewItem>(turns.Count);
        foreach (var turn in turns)
        {
            var source = turn.OutOfScope ? ReviewSources.OutOfScope : ReviewSources.Unsure;
            items.Add(await CreateAsync(turn.UserId, turn.ConversationId, turn.Text, source, turn.At, cancellationToken).ConfigureAwait(false));
        }
        await store.AddAsync(items, cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Added {Count} messages to the review queue", items.Count);
    }

    /// <summary>A new open item for a message, read and explained now.</summary>
    public async Task<ReviewItem> CreateAsync(string userId, string conversationId, string text, string source, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var masked = PiiMasker.Mask(text);
        var (reading, words) = await explainer.ExplainAsync(masked, cancellationToken).ConfigureAwait(false);
        return new ReviewItem(Guid.NewGuid().ToString("n"), at, userId, conversationId, masked, source,
            reading.Intent.Label, reading.Intent.Confidence, reading.OutOfScope, reading.Sentiment.Label, words)
        {
            Embedding = reading.Embedding,
        };
    }

    /// <summary>
    /// The id of the one item a message may have from one source (a customer's rating, an agent's correction): rating or
    /// correcting the same message again replaces that item instead of queueing a second.
    /// </summary>
    public static string StableId(string source, string conversationId, string messageKey) =>
        source + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(conversationId + "\n" + messageKey)))[..32];

    /// <summary>A message an agent says the model misread, stored as already corrected to <paramref name="label"/> (so it is exported for training).</summary>
    public async Task<ReviewItem> CreateCorrectedAsync(string userId, string conversationId, string text, string label, string? reviewer, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var item = await CreateAsync(userId, conversationId, text, ReviewSources.AgentCorrected, at, cancellationToken).ConfigureAwait(false);
        return item with { Status = ReviewStatuses.Corrected, Label = label, Reviewer = reviewer, ReviewedAt = at };
    }
}
