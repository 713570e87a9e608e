using System.ComponentModel.DataAnnotations;

namespace IntentBot.Agent.Insights;

/// <summary>The <c>Insights</c> section: how long analytics and review items are kept, and the write buffer.</summary>
public sealed class InsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>Hourly analytics buckets kept this long (at least a season of trends by default).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan AnalyticsRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Review items (customers' words, masked) kept this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ReviewRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Turn facts waiting to be written; when full, new ones are dropped (and counted) rather than slow a turn.</summary>
    [Range(16, 1_000_000)]
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>How long facts gather before one batched write.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages read with less confidence than this go to the review queue (the agent's clarification threshold is a good value).</summary>
    [Range(0.0, 1.0)]
    public double ReviewBelow { get; set; } = 0.55;

    /// <summary>
    /// Messages explained and queued for review per batch at most: each costs a model run of its words, on the writer's
    /// thread, so a flood of declined messages must not hold up the counts. The rest are counted as review_skipped.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxReviewPerFlush { get; set; } = 20;

    /// <summary>Review items kept at most (oldest dropped first), so a flood of odd messages cannot fill the store.</summary>
    [Range(10, 1_000_000)]
    public int MaxReviewItems { get; set; } = 5_000;
}
