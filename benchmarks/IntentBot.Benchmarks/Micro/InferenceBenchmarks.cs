using BenchmarkDotNet.Attributes;
using IntentBot.Nlu;
using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// The ONNX model alone on pre-encoded, padded short texts: no tokenizer, queue or result mapping.
/// OperationsPerInvoke = batch size, so every row reads as time per text.
/// </summary>
public class InferenceBenchmarks
{
    private OnnxModel _model = null!;
    private readonly Dictionary<int, (long[] Ids, long[] Mask, long[] Types, int Sequence)> _inputs = [];

    /// <summary>ONNX Runtime intra-op threads: 0 = one per core (the server default) vs a single thread.</summary>
    [Params(0, 1)]
    public int IntraOpThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dir = Corpus.ModelDirectory;
        var manifest = ManifestReader.Read(dir);
        var encoder = TextEncoder.ForModel(dir, manifest);
        var options = new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = IntraOpThreads };
        _model = OnnxModel.Load(Path.Combine(dir, manifest.Files!.Model!), manifest, options);
        foreach (var batch in new[] { 1, 8, 32 })
            _inputs[batch] = Pad(Corpus.Messages.Take(batch).Select(t => encoder.Encode(t).Ids).ToArray(), encoder.PadId);
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = 1, Description = "Model run, batch 1 (per text)")]
    public ModelOutputs[] Batch1() => Run(1);

    [Benchmark(OperationsPerInvoke = 8, Description = "Model run, batch 8 (per text)")]
    public ModelOutputs[] Batch8() => Run(8);

    [Benchmark(OperationsPerInvoke = 32, Description = "Model run, batch 32 (per text)")]
    public ModelOutputs[] Batch32() => Run(32);

    private ModelOutputs[] Run(int batch)
    {
        var (ids, mask, types, sequence) = _inputs[batch];
        return _model.Run(ids, mask, types, batch, sequence);
    }

    /// <summary>Pads to the longest text in the batch, as the micro-batcher does.</summary>
    internal static (long[], long[], long[], int) Pad(int[][] texts, int padId)
    {
        var sequence = texts.Max(t => t.Length);
        var ids = new long[texts.Length * sequence];
        var mask = new long[ids.Length];
        for (var row = 0; row < texts.Length; row++)
        {
            for (var t = 0; t < sequence; t++)
            {
                var real = t < texts[row].Length;
                ids[row * sequence + t] = real ? texts[row][t] : padId;
                mask[row * sequence + t] = real ? 1 : 0;
            }
        }
        return (ids, mask, new long[ids.Length], sequence);
    }
}
