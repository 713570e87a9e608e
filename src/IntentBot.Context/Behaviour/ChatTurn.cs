namespace IntentBot.Context.Behaviour;

/// <summary>One chat turn as the behaviour aggregates remember it: what the customer wanted and how they felt.</summary>
public sealed record ChatTurn(string Intent, float Confidence, string Sentiment, string SessionId, DateTimeOffset Timestamp);
