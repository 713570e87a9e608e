using BenchmarkDotNet.Attributes;
using IntentBot.Nlu;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// A batch of 31 short chat messages and one long product review, classified in one call, with the batch split by
/// length (the default, <see cref="NluOptions.SplitPaddingTokens"/> = 256) and without (0: one run padded to the
/// review's length). Rows read as time per text.
/// </summary>
public class LengthSplitBenchmarks
{
    private const int Texts = 32;
    private const string Review =
        "I ordered the walking boots in a size nine after reading the reviews. They arrived two days late, the box was " +
        "crushed and one lace was missing, but the boots themselves are comfortable, properly waterproof on a wet hike, " +
        "and the grip on mud and wet rock is excellent. The sizing runs a little large, so thick socks help. Overall I " +
        "am keeping them even though the delivery experience was poor and customer service took a week to answer my " +
        "email about the missing lace, which is not what I expect from a shop of this size.";

    private NluEngine _split = null!;
    private NluEngine _unsplit = null!;
    private string[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _split = NluEngine.Load(Corpus.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        _unsplit = NluEngine.Load(Corpus.ModelDirectory,
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, SplitPaddingTokens = 0 }, NullLogger.Instance);
        _batch = [.. Corpus.Messages.Take(Texts - 1), Review];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _split.DisposeAsync();
        await _unsplit.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Texts, Description = "31 short + 1 long, one run padded to the longest (per text)")]
    public Task Unsplit() => _unsplit.ClassifyAsync(_batch);

    [Benchmark(OperationsPerInvoke = Texts, Description = "31 short + 1 long, split by length (per text)")]
    public Task Split() => _split.ClassifyAsync(_batch);
}
