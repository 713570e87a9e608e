using System.Diagnostics;
using System.Globalization;
using IntentBot.Nlu;
using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// The onnx mode: the same measurement as <see cref="InferenceBenchmarks"/> (model alone, first N corpus messages
/// padded to the longest), but quick and machine-readable, so benchmarks/pytorch_eager.py can run it in between
/// its own PyTorch timings and compare the two under the same machine load. One line per batch size:
/// <c>onnx batch=B seq=T ms_per_batch=X texts_per_s=Y</c>.
/// </summary>
internal static class ModelTiming
{
    public static int Run(string[] args)
    {
        var seconds = 2.0;
        var threads = 0;
        int[] batches = [1, 8, 32];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--batches": batches = args[i + 1].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray(); break;
                default: Console.Error.WriteLine($"onnx: unknown option {args[i]}"); return 2;
            }
        }
        var dir = Corpus.ModelDirectory;
        var manifest = ManifestReader.Read(dir);
        var encoder = TextEncoder.ForModel(dir, manifest);
        var options = new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = threads };
        using var model = OnnxModel.Load(Path.Combine(dir, manifest.Files!.Model!), manifest, options, NullLogger.Instance);
        foreach (var batch in batches)
        {
            var (ids, mask, types, sequence) = InferenceBenchmarks.Pad(
                Corpus.Messages.Take(batch).Select(t => encoder.Encode(t).Ids).ToArray(), encoder.PadId);
            for (var w = 0; w < 20; w++) model.Run(ids, mask, types, batch, sequence);
            var runs = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                model.Run(ids, mask, types, batch, sequence);
                runs++;
            }
            var ms = clock.Elapsed.TotalMilliseconds / runs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"onnx batch={batch} seq={sequence} ms_per_batch={ms:F4} texts_per_s={batch * 1000 / ms:F1}"));
        }
        return 0;
    }
}

/// <summary>
/// The gemm mode: the machine's int8 matrix-multiply ceiling as ONNX Runtime reaches it. benchmarks/pytorch_eager.py
/// writes a one-node model (<c>DynamicQuantizeMatMul</c>, the op the shipped model's encoder MatMuls use) with an
/// [N, N] int8 weight; this times it on an [N, N] fp32 input. Prints <c>gemm n=N ms=X gops=Y</c>, counting
/// 2·N³ operations per run as the fp32 GEMM does.
/// </summary>
internal static class GemmTiming
{
    public static int Run(string[] args)
    {
        string? path = null;
        var seconds = 2.0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": path = args[i + 1]; break;
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"gemm: unknown option {args[i]}"); return 2;
            }
        }
        if (path is null) { Console.Error.WriteLine("gemm: --model FILE is required"); return 2; }

        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            GraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path, options);
        var input = session.InputMetadata.Single();
        var n = input.Value.Dimensions[^1];
        var data = new float[n * n];
        var random = new Random(7);
        for (var i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        using var value = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(data, [n, n]);
        using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
        var inputs = new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { [input.Key] = value };
        var outputNames = session.OutputNames;
        for (var w = 0; w < 2; w++) { using var warm = session.Run(runOptions, inputs, outputNames); }
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            using var result = session.Run(runOptions, inputs, outputNames);
            runs++;
        }
        var ms = clock.Elapsed.TotalMilliseconds / runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gemm n={n} ms={ms:F3} gops={2.0 * n * n * n / (ms / 1000) / 1e9:F1}"));
        return 0;
    }
}
