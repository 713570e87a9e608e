using IntentBot.Nlu.Batching;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>Concurrent callers share model runs and get exactly the answers they would get alone.</summary>
public sealed class BatchingTests
{
    private static readonly string[] Texts =
    [
        "where is my package", "I need an invoice for my last purchase", "cancel order 55512", "hi!",
        "do you ship to Canada?", "this jacket is awful, the zipper broke", "how much is the blue hoodie",
        "can you recommend a good laptop for students", "I'd like to speak to a real person", "bye",
        "why was my card declined", "how long does delivery take", "tell me a joke", "great service, thanks",
        "change my shipping address please", "I forgot my password", "is this phone compatible with 5G",
    ];

    [Fact]
    public async Task Parallel_requests_return_the_same_answers_as_sequential_ones()
    {
        await using var engine = NluEngine.Load(TestPaths.DefaultModel,
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, MaxBatchSize = 8 }, NullLogger.Instance);

        var sequential = new List<(string, float, float)>();
        foreach (var text in Texts)
        {
            var r = (await engine.ClassifyAsync([text]))[0];
            sequential.Add((r.Intent.Label, r.Intent.Confidence, r.Sentiment.Scores.Negative));
        }
        var batchesBefore = engine.BatchStatistics.Batches;

        var requests = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var index = i % Texts.Length;
            var r = (await engine.ClassifyAsync([Texts[index]]))[0];
            return (index, r.Intent.Label, r.Intent.Confidence, r.Sentiment.Scores.Negative);
        }));
        var parallel = await Task.WhenAll(requests);

        foreach (var (index, label, confidence, negative) in parallel)
        {
            Assert.Equal(sequential[index].Item1, label);
            Assert.InRange(Math.Abs(sequential[index].Item2 - confidence), 0f, Tolerance.Probability);
            Assert.InRange(Math.Abs(sequential[index].Item3 - negative), 0f, Tolerance.Probability);
        }
        // 200 texts in fewer runs than texts: concurrent callers were coalesced.
        var batches = engine.BatchStatistics.Batches - batchesBefore;
        Assert.True(batches < 200, $"expected coalescing, got {batches} model runs for 200 texts");
    }

    [Fact]
    public async Task Several_model_runners_give_every_caller_the_answer_it_gets_alone()
    {
        await using var single = NluEngine.Load(TestPaths.DefaultModel,
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, ModelRunners = 1, IntraOpThreads = 1 }, NullLogger.Instance);
        await using var several = NluEngine.Load(TestPaths.DefaultModel,
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, ModelRunners = 3, MaxBatchSize = 4 }, NullLogger.Instance);

        var alone = new List<Classification.ClassificationResult>();
        foreach (var text in Texts) alone.Add((await single.ClassifyAsync([text]))[0]);
        var requests = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
            (Index: i % Texts.Length, Result: (await several.ClassifyAsync([Texts[i % Texts.Length]]))[0])));

        foreach (var (index, result) in await Task.WhenAll(requests))
        {
            Assert.Equal(alone[index].Intent.Label, result.Intent.Label);
            Assert.InRange(Math.Abs(alone[index].Intent.Confidence - result.Intent.Confidence), 0f, Tolerance.Probability);
            Assert.InRange(Math.Abs(alone[index].Sentiment.Scores.Negative - result.Sentiment.Scores.Negative), 0f, Tolerance.Probability);
        }
        Assert.Equal(300 + Texts.Length, several.BatchStatistics.Texts + single.BatchStatistics.Texts);
    }

    private const string LongReview =
        "I ordered the walking boots in a size nine after reading the reviews, they arrived two days late, the box was " +
        "crushed and one lace was missing, but the boots themselves are comfortable, waterproof on a wet hike and the " +
        "grip on mud is excellent, so overall I am keeping them even though the delivery experience was poor.";

    [Theory]
    [InlineData(256, 2)]   // the long review runs on its own; the short texts share one run
    [InlineData(0, 1)]     // splitting off: one run padded to the review's length
    public async Task A_long_text_among_short_ones_is_split_into_its_own_run_with_unchanged_answers(int splitPaddingTokens, int expectedRuns)
    {
        await using var engine = NluEngine.Load(TestPaths.DefaultModel,
            // One runner: with several, a second loop may start on part of the request, and the run count is the subject here.
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, SplitPaddingTokens = splitPaddingTokens, ModelRunners = 1 },
            NullLogger.Instance);
        string[] texts = [.. Texts.Take(10), LongReview];
        Assert.True(engine.Encoder.Encode(LongReview).Ids.Length > 40);

        var alone = new List<Classification.ClassificationResult>();
        foreach (var text in texts) alone.Add((await engine.ClassifyAsync([text]))[0]);
        var before = engine.BatchStatistics.Batches;
        var together = await engine.ClassifyAsync(texts);   // one request: queued, and batched, together

        Assert.Equal(expectedRuns, engine.BatchStatistics.Batches - before);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(alone[i].Intent.Label, together[i].Intent.Label);   // answers come back in request order
            Assert.InRange(Math.Abs(alone[i].Intent.Confidence - together[i].Intent.Confidence), 0f, Tolerance.Probability);
            Assert.Equal(alone[i].Sentiment.Label, together[i].Sentiment.Label);
        }
    }

    [Fact]
    public async Task A_full_queue_refuses_work_instead_of_growing()
    {
        await using var engine = NluEngine.Load(TestPaths.DefaultModel,
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, QueueCapacity = 4 }, NullLogger.Instance);
        var ex = await Assert.ThrowsAsync<QueueFullException>(() => engine.ClassifyAsync(Texts));
        Assert.Equal(4, ex.Capacity);
        Assert.Equal(0, engine.QueueLength); // the refused request left nothing behind
        Assert.Single(await engine.ClassifyAsync(["the queue still works afterwards"]));
    }

    [Fact]
    public async Task Cancelled_callers_do_not_break_the_batch()
    {
        await using var engine = NluEngine.Load(TestPaths.DefaultModel,
            new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ClassifyAsync(["hello"], cancellationToken: cancelled.Token));
        Assert.Single(await engine.ClassifyAsync(["hello again"]));
    }
}
