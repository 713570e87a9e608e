using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// One short job for every benchmark: the whole suite has to finish in a few minutes on a 2-core box,
/// so we trade BenchmarkDotNet's statistical polish (3 warm-ups, 7 measured iterations, one launch) for wall time.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.ShortRun.WithIterationCount(7).WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOptions(ConfigOptions.DisableLogFile)
        // The default 2 minutes is not enough to build the generated project on a busy 2-core machine.
        .WithBuildTimeout(TimeSpan.FromMinutes(10));
}
