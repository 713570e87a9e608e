namespace IntentBot.Context.Behaviour;

/// <summary>Checks the agent's chat-turn record before either store writes it.</summary>
internal static class ChatTurnArguments
{
    public static ChatTurn Validate(string userId, string sessionId, string intent, float confidence, string sentiment, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(intent);
        ArgumentException.ThrowIfNullOrWhiteSpace(sentiment);
        if (float.IsNaN(confidence) || confidence < 0 || confidence > 1)
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be between 0 and 1.");
        return new ChatTurn(intent, confidence, sentiment, sessionId, timestamp);
    }
}
