using BenchmarkDotNet.Attributes;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// The whole engine (tokenize, queue, micro-batch, model, results). The 32-text rows answer the design
/// question behind the micro-batcher: do concurrent single-text callers get more throughput than the
/// same texts classified one at a time? Both use OperationsPerInvoke = 32, so they read as time per text.
/// </summary>
public class EngineBenchmarks
{
    private const int Callers = 32;
    private NluEngine _engine = null!;
    private string[][] _singles = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu };
        _engine = NluEngine.Load(Corpus.ModelDirectory, options, NullLogger.Instance);
        _singles = Corpus.Messages.Take(Callers).Select(t => new[] { t }).ToArray();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        // Shows in the benchmark log: how well the batcher coalesced the callers in this process.
        var stats = _engine.BatchStatistics;
        Console.WriteLine($"// Batcher: {stats.Batches} batches, {stats.Texts} texts, average batch {stats.AverageBatchSize:F1}");
        await _engine.DisposeAsync();
    }

    [Benchmark(Description = "ClassifyAsync, 1 text")]
    public Task<IReadOnlyList<ClassificationResult>> SingleText() => _engine.ClassifyAsync(_singles[0]);

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers, Description = "32 texts one at a time (per text)")]
    public async Task OneAtATime()
    {
        foreach (var text in _singles) await _engine.ClassifyAsync(text);
    }

    [Benchmark(OperationsPerInvoke = Callers, Description = "32 concurrent callers, micro-batched (per text)")]
    public Task MicroBatched()
    {
        var calls = new Task[Callers];
        for (var i = 0; i < Callers; i++) calls[i] = _engine.ClassifyAsync(_singles[i]);
        return Task.WhenAll(calls);
    }
}
