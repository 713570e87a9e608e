namespace IntentBot.Context.State;

/// <summary>What the bot remembers about a customer across conversations.</summary>
public sealed record UserProfile
{
    public required string UserId { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Locale { get; init; }

    /// <summary>Consecutive frustrated turns, across conversations; drives the offer of a human.</summary>
    public int FrustrationStreak { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }
}
