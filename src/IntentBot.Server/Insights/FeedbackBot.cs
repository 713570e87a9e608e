using System.Globalization;
using IntentBot.Agent.Insights;
using IntentBot.Channels.DirectLine;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;

namespace IntentBot.Server.Insights;

/// <summary>
/// The agent with customers' message feedback around it: the replies to a customer's message carry Web Chat's
/// thumbs-up/down buttons (<see cref="MessageFeedback"/>); a thumbs-up is counted, a thumbs-down is counted and puts the
/// message that reply answered in the review queue (masked, read and explained like every review item, so the same
/// erasure and retention apply).
/// </summary>
/// <remarks>
/// The rated message is looked up in the Direct Line transcript, by the id the reply's buttons carry, and must be the
/// same customer's: a client can neither make up the text nor rate someone else's message. Other channels have no
/// transcript here, so their replies get no buttons.
/// </remarks>
public sealed class FeedbackBot(IBot agent, ITranscriptStore transcripts, ITurnAnalytics analytics, IServiceProvider services,
    TimeProvider clock, ILogger<FeedbackBot> logger) : IBot
{
    public async Task<BotTurnResult> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (MessageFeedback.Read(incoming) is { } rating)
        {
            await RateAsync(incoming, rating, cancellationToken);
            return BotTurnResult.Empty;
        }
        var result = await agent.OnTurnAsync(incoming, cancellationToken);
        if (incoming.Type == ActivityTypes.Message && incoming.ChannelId == DirectLineConversations.ChannelId && incoming.Id is { } answered)
            foreach (var reply in result.Replies.Where(r => r.Type is null or ActivityTypes.Message && !string.IsNullOrWhiteSpace(r.Text)))
                reply.Entities = [.. reply.Entities ?? [], MessageFeedback.Entity(answered)];
        return result;
    }

    private async Task RateAsync(Activity incoming, Rating rating, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conversationId = incoming.Conversation?.Id;
        var userId = incoming.From?.Id;
        if (incoming.ChannelId != DirectLineConversations.ChannelId || conversationId is null || userId is null) return;
        if (await RatedMessageAsync(conversationId, userId, rating.AnsweredActivityId, cancellationToken) is not { } text)
        {
            logger.LogInformation("Feedback in conversation {ConversationId} names no message of its customer; ignored", conversationId);
            return;
        }
        analytics.Count(rating.Up ? AnalyticsFields.RatedUp : AnalyticsFields.RatedDown, now);
        if (rating.Up) return;

        // Resolved per rating: the intake needs the model, which exists only once the host has started.
        var intake = services.GetRequiredService<ReviewIntake>();
        var item = await intake.CreateAsync(userId, conversationId, text, ReviewSources.RatedDown, now, cancellationToken);
        // One item per rated message: rating it down again (after an up) replaces the item instead of adding a second.
        item = item with { Id = ReviewIntake.StableId(ReviewSources.RatedDown, conversationId, rating.AnsweredActivityId) };
        await services.GetRequiredService<IReviewStore>().AddAsync([item], cancellationToken);
    }

    /// <summary>The text of the customer's message with that id in this conversation's transcript; null when it is not theirs or not a message.</summary>
    private async Task<string?> RatedMessageAsync(string conversationId, string userId, string activityId, CancellationToken cancellationToken)
    {
        var separator = activityId.LastIndexOf('|');
        if (separator <= 0 || activityId[..separator] != conversationId
            || !long.TryParse(activityId.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
            return null;
        var page = await transcripts.ReadAsync(conversationId, sequence - 1, 1, cancellationToken);
        return page?.Activities is [{ Type: ActivityTypes.Message, From.Role: RoleTypes.User } message]
               && message.Id == activityId && message.From.Id == userId && !string.IsNullOrWhiteSpace(message.Text)
            ? message.Text
            : null;
    }
}
