namespace IntentBot.Nlu.Batching;

/// <summary>
/// How many model runs go on at once and how many ONNX Runtime threads each uses: decided here only, from
/// <see cref="NluOptions.ModelRunners"/> and <see cref="NluOptions.IntraOpThreads"/>.
/// </summary>
/// <remarks>
/// On a CPU the default is one single-threaded run per core: the encoder is a chain of hundreds of small steps,
/// and spreading each over the cores makes the threads wait on each other at every step (measured on 2 cores:
/// two single-threaded runs served about 1.3x the texts of one run on two threads; docs/benchmarks.md). A GPU
/// takes one run at a time: its kernels queue on one stream anyway.
/// </remarks>
public static class ModelParallelism
{
    /// <summary>ONNX Runtime intra-op threads per run; 0 lets ONNX Runtime use one per core.</summary>
    public static int ThreadsPerRun(NluOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IntraOpThreads > 0) return options.IntraOpThreads;
        return options.ModelRunners == 1 ? 0 : 1;
    }

    /// <summary>Model runs at once for a model running on <paramref name="executionProvider"/> ("CPU" or "CUDA").</summary>
    public static int Runners(NluOptions options, string executionProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ModelRunners > 0) return options.ModelRunners;
        if (executionProvider != "CPU") return 1;
        var threads = ThreadsPerRun(options);
        return threads == 0 ? 1 : Math.Max(1, Environment.ProcessorCount / threads);
    }
}
