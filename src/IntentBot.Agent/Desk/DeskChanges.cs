namespace IntentBot.Agent.Desk;

/// <summary>A change counter with waiters: what the desk's live event streams sleep on.</summary>
internal sealed class DeskChanges
{
    private readonly Lock _gate = new();
    private long _count;
    private TaskCompletionSource _next = New();

    public long Count { get { lock (_gate) return _count; } }

    public void Signal()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _count++;
            woken = _next;
            _next = New();
        }
        woken.TrySetResult();
    }

    public async Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
        {
            if (_count > seen) return;
            next = _next.Task;
        }
        // One shared task per generation, so a cancelled waiter leaves nothing behind.
        await next.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
