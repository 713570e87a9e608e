namespace IntentBot.Nlu.Batching;

/// <summary>Counters the batcher keeps for metrics and benchmarks; read without locking.</summary>
public sealed class BatchStatistics
{
    private long _batches;
    private long _texts;

    public long Batches => Interlocked.Read(ref _batches);
    public long Texts => Interlocked.Read(ref _texts);
    public double AverageBatchSize => Batches == 0 ? 0 : (double)Texts / Batches;

    internal void Record(int batchSize)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _texts, batchSize);
    }
}
