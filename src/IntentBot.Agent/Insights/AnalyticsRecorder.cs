using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Insights;

/// <summary>
/// Fire-and-forget analytics: a turn only puts its facts in a bounded in-process buffer; <see cref="RunAsync"/> sums
/// them per hour and writes each interval's sums in one batch. When the buffer is full new facts are dropped and
/// counted (in the "dropped" counter) rather than making a turn wait; when the store is down the sums are kept and
/// written with the next batch, so an outage delays the counts instead of losing them.
/// </summary>
public sealed class AnalyticsRecorder : ITurnAnalytics
{
    private sealed record Entry(DateTimeOffset At, TurnFacts? Turn, string? Field);

    private readonly Channel<Entry> _buffer;
    private readonly IAnalyticsStore _store;
    private readonly InsightsOptions _options;
    private readonly ILogger<AnalyticsRecorder> _logger;
    private readonly IReviewIntake? _review;
    private readonly Dictionary<DateTimeOffset, Dictionary<string, long>> _pending = [];
    private long _dropped;

    public AnalyticsRecorder(IAnalyticsStore store, IOptions<InsightsOptions> options, ILogger<AnalyticsRecorder> logger, IReviewIntake? review = null)
    {
        (_store, _options, _logger, _review) = (store, options.Value, logger, review);
        _buffer = Channel.CreateBounded<Entry>(new BoundedChannelOptions(_options.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite answers false when full: the caller drops and counts
            SingleReader = true,
        });
    }

    /// <summary>Facts dropped because the buffer was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(TurnFacts facts)
    {
        if (!_buffer.Writer.TryWrite(new Entry(facts.At, facts, null))) Interlocked.Increment(ref _dropped);
    }

    public void Count(string field, DateTimeOffset at)
    {
        if (!_buffer.Writer.TryWrite(new Entry(at, null, field))) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes batches until <paramref name="stopping"/>, then writes what is left.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                await Task.Delay(_options.FlushInterval, stopping).ConfigureAwait(false);
                await FlushAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushAsync(last.Token).ConfigureAwait(false);
    }

    /// <summary>Writes everything buffered now (and what an earlier failed write left) in one batch.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var review = new List<TurnFacts>();
        while (_buffer.Reader.TryRead(out var entry))
        {
            var hour = AnalyticsFields.Hour(entry.At);
            if (!_pending.TryGetValue(hour, out var counts)) _pending[hour] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var field in entry.Turn is { } turn ? AnalyticsFields.Of(turn) : [entry.Field!])
                counts[field] = counts.GetValueOrDefault(field) + 1;
            if (entry.Turn is { } t && _review is not null && IsReviewable(t))
            {
                if (review.Count < _options.MaxReviewPerFlush) review.Add(t);
                else counts[AnalyticsFields.ReviewSkipped] = counts.GetValueOrDefault(AnalyticsFields.ReviewSkipped) + 1;
            }
        }
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            var hour = AnalyticsFields.Hour(DateTimeOffset.UtcNow);
            if (!_pending.TryGetValue(hour, out var counts)) _pending[hour] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
            counts[AnalyticsFields.Dropped] = counts.GetValueOrDefault(AnalyticsFields.Dropped) + dropped;
        }

        if (_pending.Count > 0)
        {
            try
            {
                await _store.AddAsync(_pending, cancellationToken).ConfigureAwait(false);
                _pending.Clear();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Could not write analytics; the counts are kept for the next batch");
            }
        }

        if (review.Count == 0) return;
        try
        {
            await _review!.AddAsync(review, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Could not add {Count} messages to the review queue", review.Count);
        }
    }

    /// <summary>The bot declined the message, or was not sure enough of it to act without asking.</summary>
    private bool IsReviewable(TurnFacts facts) => facts.OutOfScope || facts.Clarified || facts.Confidence < _options.ReviewBelow;
}
