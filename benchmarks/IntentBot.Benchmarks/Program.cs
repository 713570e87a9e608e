using BenchmarkDotNet.Running;
using IntentBot.Benchmarks.Load;
using IntentBot.Benchmarks.Micro;

// bdn [BenchmarkDotNet args]  : micro-benchmarks of tokenizer, model and engine.
// http [options]              : closed-loop HTTP load against a server on loopback.
// onnx [--seconds 2] [--threads 0] [--runners 0] [--batches 1,8,32] [--model DIR] [--invariance true] : quick model-only timing
//   (used by pytorch_eager.py); --invariance also measures how far probabilities move between a batch and a lone run.
// turns [options]             : closed-loop bot turns through Direct Line on loopback (same options, plus --conversations N).
// gemm --model FILE [--seconds 2] : int8 GEMM rate of ONNX Runtime (a one-node model written by pytorch_eager.py).
// alloc [--turns 3000]        : allocation profile of an in-process bot turn, by type (sampled AllocationTick events).
// analytics [rounds]          : what the insights analytics add to a turn (buffering, the writer, whole turns with and without),
//                               in the embedded store and on a redis-server it starts on loopback, side by side.
// soak [--storage both] [--rounds 6] [--conversations 600] : anonymous visitors in rounds; server RSS and Redis memory per round.
switch (args.FirstOrDefault())
{
    case "bdn":
        var rest = args[1..];
        // Without a filter BenchmarkDotNet asks interactively, which hangs a script.
        if (!rest.Any(a => a is "--filter" or "-f")) rest = [.. rest, "--filter", "*"];
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(rest, BenchmarkConfig.Create());
        return 0;
    case "onnx":
        return ModelTiming.Run(args[1..]);
    case "turns":
        return await TurnLoad.RunAsync(args[1..]);
    case "gemm":
        return GemmTiming.Run(args[1..]);
    case "alloc":
        return await AllocationProfile.RunAsync(args[1..]);
    case "http":
        return await HttpLoad.RunAsync(args[1..]);
    case "analytics":
        return await AnalyticsTiming.RunAsync(args[1..]);
    case "soak":
        return await SoakLoad.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("""
            usage: IntentBot.Benchmarks bdn [--filter PATTERN] [other BenchmarkDotNet options]
                   IntentBot.Benchmarks http [--url http://127.0.0.1:5080 | --start-server] [--concurrency 1,8,32,64]
                                             [--duration 10] [--requests N] [--warmup 3] [--batch-size 32]
                                             [--batch-concurrency 4] [--server-dll PATH] [--server-env NAME=VALUE]...
                                             [--out FILE.md]
                   IntentBot.Benchmarks onnx [--seconds 2] [--threads 0] [--runners 0] [--batches 1,8,32] [--model DIR] [--invariance true]
                   IntentBot.Benchmarks turns [same options as http] [--conversations 64]
                   IntentBot.Benchmarks gemm --model FILE [--seconds 2]
                   IntentBot.Benchmarks alloc [--turns 3000]
                   IntentBot.Benchmarks soak [--storage embedded|redis|both] [--rounds 6] [--conversations 600]
                                             [--concurrency 8] [--idle 80] [--out FILE.md]
            """);
        return 2;
}
