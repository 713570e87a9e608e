namespace IntentBot.Nlu.Batching;

/// <summary>The inference queue is full: the caller should back off and retry (HTTP 503 + Retry-After).</summary>
public sealed class QueueFullException : Exception
{
    public QueueFullException(int capacity) : base($"The inference queue is full ({capacity} texts waiting); retry shortly.") => Capacity = capacity;
    public QueueFullException() { }
    public QueueFullException(string message) : base(message) { }
    public QueueFullException(string message, Exception inner) : base(message, inner) { }

    public int Capacity { get; }
}
