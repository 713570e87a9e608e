namespace IntentBot.Agent.Insights;

/// <summary>What one answered customer message contributes to the analytics (and, when the bot was unsure or
/// declined, to the review queue). Built after the turn is saved; written later, in a batch.</summary>
/// <param name="PurchaseIntent">The live purchase-intent estimate the turn saw, when the customer had a session.</param>
public sealed record TurnFacts(
    DateTimeOffset At,
    string UserId,
    string ConversationId,
    string Text,
    bool NewConversation,
    string Intent,
    float Confidence,
    bool OutOfScope,
    bool Clarified,
    string? HandoffReason,
    string Sentiment,
    bool PromotionOffered,
    double? PurchaseIntent);
