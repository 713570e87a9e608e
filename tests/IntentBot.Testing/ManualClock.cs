namespace IntentBot.Testing;

/// <summary>
/// A clock the test moves by hand, so retention, expiry and TTL rules are tested by time passing, not by waiting.
/// </summary>
/// <remarks>
/// Frozen (the constructors): time moves only when the test moves it; without a start it starts at the real time,
/// so Redis TTLs (the server's clock) stay consistent with it. Running (<see cref="OnRealTime"/>): real time plus
/// what the test added, for a whole server whose timeouts and retry loops need time to pass by itself.
/// Safe to read and move from several threads (a server's request threads read it while the test moves it).
/// </remarks>
public sealed class ManualClock : TimeProvider
{
    private readonly bool _running;

    /// <summary>Frozen: the UTC time in ticks. Running: the ticks added to the real time.</summary>
    private long _ticks;

    /// <summary>A frozen clock at the real time now.</summary>
    public ManualClock() : this(DateTimeOffset.UtcNow) { }

    /// <summary>A frozen clock at <paramref name="start"/>.</summary>
    public ManualClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    private ManualClock(bool running) => _running = running;

    /// <summary>A running clock: the real time, plus whatever the test advances it by.</summary>
    public static ManualClock OnRealTime() => new(running: true);

    public override DateTimeOffset GetUtcNow() => _running
        ? base.GetUtcNow().AddTicks(Interlocked.Read(ref _ticks))
        : new DateTimeOffset(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>The clock's time; setting it moves the clock there (forward or back).</summary>
    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set => Advance(value - GetUtcNow());
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
