using System.Diagnostics;
using System.Globalization;

namespace IntentBot.Benchmarks.Micro;

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
