namespace IntentBot.Agent.Insights;

/// <summary>Where the agent drops what a turn did. Never waits and never throws: analytics must not slow or break a turn.</summary>
public interface ITurnAnalytics
{
    void Record(TurnFacts facts);

    /// <summary>Counts one event that is not a whole turn (a discount code checked) in the hour of <paramref name="at"/>.</summary>
    void Count(string field, DateTimeOffset at);
}
