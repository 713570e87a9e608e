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

    /// <summary>
    /// Most texts per model run. A single-threaded run of 16 texts keeps its activations in the core's own cache and
    /// serves more texts per second than one of 32 (measured on 2 cores, two runs at once: 1,349-1,463 vs 1,223-1,275
    /// texts/s), and a caller waits for a shorter batch ahead of it (HTTP, 32 clients: p99 50-52 ms vs 58-70 ms; 8 texts
    /// served as many texts but with a longer tail, 52-64 ms). One run over every core, or a GPU, wants the bigger batch.
    /// </summary>
    public static int BatchSize(NluOptions options, string executionProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBatchSize > 0) return options.MaxBatchSize;
        return Runners(options, executionProvider) > 1 && ThreadsPerRun(options) == 1 ? 16 : 32;
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
