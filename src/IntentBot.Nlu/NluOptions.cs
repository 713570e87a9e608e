using System.ComponentModel.DataAnnotations;

namespace IntentBot.Nlu;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionProviderKind
{
    /// <summary>CUDA when it can be loaded, else CPU (the reason is logged).</summary>
    Auto,
    Cpu,
    /// <summary>CUDA or nothing: start-up fails when it cannot be loaded.</summary>
    Cuda,
}

/// <summary>The <c>Nlu</c> configuration section.</summary>
public sealed class NluOptions
{
    public const string SectionName = "Nlu";

    /// <summary>Model folder (manifest.json, model.onnx, vocab.txt). Relative paths resolve against the content root, then the repository root.</summary>
    [Required]
    public string ModelPath { get; set; } = "models/intentbot-default";

    public ExecutionProviderKind ExecutionProvider { get; set; } = ExecutionProviderKind.Auto;

    [Range(0, 16)]
    public int CudaDeviceId { get; set; }

    /// <summary>
    /// ONNX Runtime intra-op threads per model run. 0 (the default): one when several runs go on at once
    /// (<see cref="ModelRunners"/>), otherwise one per core.
    /// </summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Model runs (batches) that may go on at once. 0 (the default): on CPU, one per core divided by
    /// <see cref="IntraOpThreads"/> (one per core when that is 0); on CUDA, one.
    /// </summary>
    [Range(0, 256)]
    public int ModelRunners { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's worker threads spin while waiting for work. Spinning shaves microseconds off
    /// an isolated model run but burns cores the web server needs on a small machine, so it is off by default.
    /// </summary>
    public bool IntraOpSpinning { get; set; }

    /// <summary>
    /// Most texts run through the model at once. 0 (the default): 16 where several single-threaded runs share the
    /// CPU, 32 otherwise (one run over every core, or a GPU); see <see cref="Batching.ModelParallelism.BatchSize"/>.
    /// </summary>
    [Range(0, 512)]
    public int MaxBatchSize { get; set; }

    /// <summary>
    /// How long a batch may wait for company under concurrent load, in microseconds. 0 (the default): on
    /// a small CPU, batches form by themselves from the texts that arrive while the model runs, and
    /// waiting only idles the cores (measured: 8 clients, 1,836 texts/s with 1 ms vs 3,485 with 0). A
    /// GPU, where bigger batches cost little more than small ones, may want a few hundred microseconds.
    /// </summary>
    [Range(0, 50_000)]
    public int MaxBatchDelayMicroseconds { get; set; }

    /// <summary>Texts waiting for the model before new work is refused (503 with Retry-After).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>
    /// A batch is padded to its longest text, so one long review among short chat messages would make every
    /// row pay for its length. With this on, a batch is sorted by length and cut into runs whose padding (tokens
    /// added to the shorter texts of a run) stays within <see cref="SplitPaddingTokens"/>; each part is one
    /// model run. 0 turns splitting off (every batch is one run).
    /// </summary>
    [Range(0, 1_000_000)]
    public int SplitPaddingTokens { get; set; } = 256;

    [Range(1, 100)]
    public int DefaultTopK { get; set; } = 3;
}
