using System.Diagnostics;
using System.Globalization;
using IntentBot.Nlu;
using IntentBot.Nlu.Batching;
using IntentBot.Nlu.Classification;
using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// The onnx mode: the same measurement as <see cref="InferenceBenchmarks"/> (model alone, first N corpus messages
/// padded to the longest), but quick and machine-readable, so benchmarks/pytorch_eager.py can run it in between
/// its own PyTorch timings and compare the two under the same machine load. One line per batch size:
/// <c>onnx batch=B seq=T runners=R threads=N ms_per_batch=X texts_per_s=Y</c>. Like the server, it runs
/// <see cref="ModelParallelism"/>'s number of batches at once (one single-threaded run per core on CPU unless
/// <c>--runners</c> / <c>--threads</c> say otherwise); ms_per_batch is then the wall time per batch finished.
/// </summary>
internal static class ModelTiming
{
    public static int Run(string[] args)
    {
        var seconds = 2.0;
        var threads = 0;
        var runners = 0;
        int[] batches = [1, 8, 32];
        var dir = Corpus.ModelDirectory;
        var invariance = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runners": runners = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--batches": batches = args[i + 1].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--model": dir = args[i + 1]; break;
                case "--invariance": invariance = args[i + 1] == "true"; break;
                default: Console.Error.WriteLine($"onnx: unknown option {args[i]}"); return 2;
            }
        }
        var manifest = ManifestReader.Read(dir);
        var encoder = TextEncoder.ForModel(dir, manifest);
        var options = new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = threads, ModelRunners = runners };
        var runnerCount = ModelParallelism.Runners(options, "CPU");
        var threadsPerRun = ModelParallelism.ThreadsPerRun(options);
        using var model = OnnxModel.Load(Path.Combine(dir, manifest.Files!.Model!), manifest, options);
        if (invariance)
            BatchInvariance(model, encoder);
        foreach (var batch in batches)
        {
            var (ids, mask, types, sequence) = InferenceBenchmarks.Pad(
                Corpus.Messages.Take(batch).Select(t => encoder.Encode(t).Ids).ToArray(), encoder.PadId);
            for (var w = 0; w < 20; w++) model.Run(ids, mask, types, batch, sequence);
            var runs = 0;
            var clock = Stopwatch.StartNew();
            // Each loop runs the same batch, as the server's batcher loops run theirs, until the time is up.
            Parallel.For(0, runnerCount, new ParallelOptions { MaxDegreeOfParallelism = runnerCount }, _ =>
            {
                while (clock.Elapsed.TotalSeconds < seconds)
                {
                    model.Run(ids, mask, types, batch, sequence);
                    Interlocked.Increment(ref runs);
                }
            });
            var ms = clock.Elapsed.TotalMilliseconds / runs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"onnx batch={batch} seq={sequence} runners={runnerCount} threads={threadsPerRun} ms_per_batch={ms:F4} texts_per_s={batch * 1000 / ms:F1}"));
        }
        return 0;
    }

    /// <summary>
    /// How far a text's probabilities move when it runs in a padded batch of 32 instead of alone (the corpus'
    /// messages): <c>invariance texts=N max_intent_diff=X max_sentiment_diff=Y label_changes=Z</c>.
    /// </summary>
    private static void BatchInvariance(OnnxModel model, TextEncoder encoder)
    {
        var texts = Corpus.Messages.Select(t => encoder.Encode(t).Ids).ToArray();
        var alone = texts.Select(t =>
        {
            var (ids, mask, types, sequence) = InferenceBenchmarks.Pad([t], encoder.PadId);
            return model.Run(ids, mask, types, 1, sequence)[0];
        }).ToArray();
        double maxIntent = 0, maxSentiment = 0;
        var labelChanges = 0;
        for (var start = 0; start < texts.Length; start += 32)
        {
            var chunk = texts.Skip(start).Take(32).ToArray();
            var (ids, mask, types, sequence) = InferenceBenchmarks.Pad(chunk, encoder.PadId);
            var together = model.Run(ids, mask, types, chunk.Length, sequence);
            for (var i = 0; i < chunk.Length; i++)
            {
                var a = ResultFactory.Softmax(alone[start + i].IntentLogits, 1f);
                var b = ResultFactory.Softmax(together[i].IntentLogits, 1f);
                maxIntent = Math.Max(maxIntent, a.Zip(b, (x, y) => Math.Abs(x - y)).Max());
                if (Array.IndexOf(a, a.Max()) != Array.IndexOf(b, b.Max())) labelChanges++;
                var sa = ResultFactory.Softmax(alone[start + i].SentimentLogits, 1f);
                var sb = ResultFactory.Softmax(together[i].SentimentLogits, 1f);
                maxSentiment = Math.Max(maxSentiment, sa.Zip(sb, (x, y) => Math.Abs(x - y)).Max());
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"invariance texts={texts.Length} max_intent_diff={maxIntent:F5} max_sentiment_diff={maxSentiment:F5} label_changes={labelChanges}"));
    }
}
