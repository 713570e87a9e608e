using System.Diagnostics;
using System.Threading.Channels;
using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Telemetry;
using Microsoft.Extensions.Logging;

namespace IntentBot.Nlu.Batching;

/// <summary>
/// Coalesces texts from concurrent callers into padded batches for one model run.
/// </summary>
/// <remarks>
/// <see cref="NluOptions.ModelRunners"/> loops take batches from one queue, each with its own three input buffers
/// sized for the largest batch, so steady-state inference allocates only the per-text result arrays. Several
/// single-threaded runs at once use a small CPU better than one run spread over its cores: the model's many small
/// steps leave ONNX Runtime's threads waiting on each other (measured in docs/benchmarks.md). The model's
/// activations are quantised per token, so a text's result does not depend on which batch or loop it runs in. The queue is bounded: when it is full callers get
/// <see cref="QueueFullException"/> at once instead of an ever-growing backlog. The loop waits for more
/// texts (up to <see cref="NluOptions.MaxBatchDelayMicroseconds"/>) only when the previous batch held more
/// than one text, i.e. under concurrent load; a lone caller is never delayed. Batches of mixed lengths are
/// sorted and split by length (<see cref="NluOptions.SplitPaddingTokens"/>) so short texts do not pay for a
/// long one's padding.
/// </remarks>
public sealed class MicroBatcher : IAsyncDisposable
{
    private readonly OnnxModel _model;
    private readonly ILogger _logger;
    private readonly Channel<PendingText> _queue;
    private readonly int _capacity;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;
    private readonly int _maxSequenceLength;
    private readonly int _padId;
    private readonly int _splitPaddingTokens;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private int _queued;
    private int _disposed;

    public MicroBatcher(OnnxModel model, NluOptions options, int maxSequenceLength, int padId, ILogger logger)
    {
        _model = model;
        _logger = logger;
        _capacity = options.QueueCapacity;
        _maxBatch = ModelParallelism.BatchSize(options, model.ExecutionProvider);
        _maxDelay = TimeSpan.FromTicks(options.MaxBatchDelayMicroseconds * TimeSpan.TicksPerMicrosecond);
        _padId = padId;
        _splitPaddingTokens = options.SplitPaddingTokens;
        _maxSequenceLength = maxSequenceLength;
        Runners = ModelParallelism.Runners(options, model.ExecutionProvider);
        _queue = Channel.CreateUnbounded<PendingText>(new UnboundedChannelOptions { SingleReader = Runners == 1 });
        _loops = Enumerable.Range(0, Runners).Select(_ => Task.Run(RunLoopAsync)).ToArray();
        NluTelemetry.Track(this);
    }

    public BatchStatistics Statistics { get; } = new();

    /// <summary>Model runs that may be in progress at once.</summary>
    public int Runners { get; }

    /// <summary>Texts waiting for the model right now.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>Queues texts for the model; all are accepted or none is.</summary>
    /// <exception cref="QueueFullException">Accepting them would exceed the queue capacity.</exception>
    public Task<ModelOutputs>[] Enqueue(IReadOnlyList<int[]> encoded, CancellationToken cancellationToken)
    {
        // Reserve room for the whole request first so a large request is never half-queued.
        if (Interlocked.Add(ref _queued, encoded.Count) > _capacity)
        {
            Interlocked.Add(ref _queued, -encoded.Count);
            throw new QueueFullException(_capacity);
        }

        var tasks = new Task<ModelOutputs>[encoded.Count];
        for (var i = 0; i < encoded.Count; i++)
        {
            var pending = new PendingText(encoded[i], cancellationToken);
            tasks[i] = pending.Completion.Task;
            if (!_queue.Writer.TryWrite(pending))
                pending.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatcher)));
        }
        return tasks;
    }

    private async Task RunLoopAsync()
    {
        var batch = new List<PendingText>(_maxBatch);
        var buffers = new InputBuffers(_maxBatch * _maxSequenceLength);
        var lastBatchSize = 0;
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                Drain(reader, batch);
                if (batch.Count == 0) continue; // another loop took what was there
                if (batch.Count < _maxBatch && _maxDelay > TimeSpan.Zero && lastBatchSize > 1)
                    await WaitForCompanyAsync(reader, batch).ConfigureAwait(false);
                Interlocked.Add(ref _queued, -batch.Count);
                Execute(batch, buffers);
                lastBatchSize = batch.Count;
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        // Anything still queued at shutdown fails fast rather than hanging its caller.
        while (reader.TryRead(out var left))
            left.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatcher)));
    }

    private void Drain(ChannelReader<PendingText> reader, List<PendingText> batch)
    {
        while (batch.Count < _maxBatch && reader.TryRead(out var item)) batch.Add(item);
    }

    private async Task WaitForCompanyAsync(ChannelReader<PendingText> reader, List<PendingText> batch)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_maxDelay);
        try
        {
            while (batch.Count < _maxBatch && await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                Drain(reader, batch);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
        }
    }

    private void Execute(List<PendingText> batch, InputBuffers buffers)
    {
        batch.RemoveAll(p =>
        {
            if (!p.CancellationToken.IsCancellationRequested) return false;
            p.Completion.TrySetCanceled(p.CancellationToken);
            return true;
        });
        if (batch.Count == 0) return;
        if (_splitPaddingTokens == 0 || batch.Count == 1)
        {
            RunGroup(batch, 0, batch.Count, buffers);
            return;
        }

        // Shortest first; a group ends where taking the next (longer) text would bring the group's padding (tokens
        // its texts are padded by) over the limit. Sorting costs nothing next to a model run; equal lengths add none.
        batch.Sort(static (a, b) => a.Ids.Length.CompareTo(b.Ids.Length));
        var start = 0;
        var padding = 0;
        for (var i = 1; i <= batch.Count; i++)
        {
            if (i < batch.Count)
            {
                // Taking text i raises the group's length to its own, padding each of the i - start texts before it.
                var added = (i - start) * (batch[i].Ids.Length - batch[i - 1].Ids.Length);
                if (padding + added <= _splitPaddingTokens)
                {
                    padding += added;
                    continue;
                }
            }
            RunGroup(batch, start, i - start, buffers);
            start = i;
            padding = 0;
        }
    }

    private void RunGroup(List<PendingText> batch, int start, int count, InputBuffers buffers)
    {
        var sequence = 0;
        for (var row = 0; row < count; row++) sequence = Math.Max(sequence, batch[start + row].Ids.Length);
        for (var row = 0; row < count; row++)
        {
            var ids = batch[start + row].Ids;
            var offset = row * sequence;
            for (var t = 0; t < sequence; t++)
            {
                var real = t < ids.Length;
                buffers.Ids[offset + t] = real ? ids[t] : _padId;
                buffers.Mask[offset + t] = real ? 1 : 0;
            }
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var outputs = _model.Run(buffers.Ids, buffers.Mask, buffers.Types, count, sequence);
            NluTelemetry.ModelDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            NluTelemetry.BatchSize.Record(count);
            Statistics.Record(count);
            for (var i = 0; i < count; i++) batch[start + i].Completion.TrySetResult(outputs[i]);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Model run failed for a batch of {BatchSize} texts.", count);
            for (var i = 0; i < count; i++) batch[start + i].Completion.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host may dispose a singleton more than once (as itself and as a hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        NluTelemetry.Untrack(this);
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class InputBuffers(int length)
    {
        public long[] Ids { get; } = new long[length];
        public long[] Mask { get; } = new long[length];
        public long[] Types { get; } = new long[length]; // segment 0 everywhere: written once, never changed
    }

    private sealed class PendingText(int[] ids, CancellationToken cancellationToken)
    {
        public int[] Ids { get; } = ids;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<ModelOutputs> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
