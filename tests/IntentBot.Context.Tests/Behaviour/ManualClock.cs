namespace IntentBot.Context.Tests.Behaviour;

/// <summary>A clock the test moves by hand; it starts at the real time so Redis TTLs (server time) stay consistent.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
