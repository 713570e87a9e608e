using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Insights;

/// <summary>Reads a finished turn's facts from the turn itself, so the engine needs no analytics code of its own.</summary>
internal static class TurnFactsReader
{
    public static TurnFacts Read(Turn turn, DateTimeOffset at) => new(
        at,
        turn.UserId,
        turn.ConversationId,
        turn.Text,
        NewConversation: turn.ConversationVersion == 0,
        turn.Nlu.Intent.Label,
        turn.Nlu.Intent.Confidence,
        turn.Nlu.OutOfScope,
        Clarified: turn.Replies.Any(r => r.Text is { } text
            && (text.StartsWith(EngineTexts.Clarify, StringComparison.Ordinal) || text.StartsWith(EngineTexts.Zh.Clarify, StringComparison.Ordinal))),
        turn.Handoff?.Reason,
        turn.Nlu.Sentiment.Label,
        // The engine marks the conversation when it makes its one offer: the mark appearing is this turn's offer.
        PromotionOffered: turn.PromotionOffered && !turn.Original.PromotionOffered,
        turn.Signals.PurchaseIntent);
}
