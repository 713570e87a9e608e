namespace IntentBot.Agent.Tests.Insights;

/// <summary>A clock the test moves: retention is tested by time passing, not by waiting.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
