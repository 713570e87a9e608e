namespace IntentBot.Server.Tests.Telemetry;

/// <summary>
/// Tests that read the product's process-wide meters through a whole server (its scrape endpoint, or a listener on
/// an engine whose batches run on a worker of their own). They run alone, after every parallel test of the assembly,
/// so what they see between two readings is exactly what their own traffic recorded.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeters
{
    public const string Name = "Process-wide meters";
}
