using IntentBot.Nlu.Manifest;
using Microsoft.Extensions.Logging;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>
/// The default build carries the CPU-only ONNX Runtime, so here CUDA is always unavailable: Auto must
/// fall back to CPU and say why; Cuda must refuse to start. (With -p:OnnxRuntimeGpu=true on a GPU host,
/// Auto picks CUDA: that path is exercised by docs/gpu.md's manual check.)
/// </summary>
public sealed class ExecutionProviderTests
{
    [Fact]
    public async Task Auto_falls_back_to_cpu_and_logs_the_reason()
    {
        var logger = new RecordingLogger();
        await using var engine = NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Auto }, logger);
        Assert.Equal("CPU", engine.Model.ExecutionProvider);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("CUDA", warning.Message);
        Assert.Contains("CPUExecutionProvider", warning.Message);
        Assert.NotEmpty(await engine.ClassifyAsync(["still works"]));
    }

    [Fact]
    public void Cuda_fails_start_up_clearly_when_it_cannot_load()
    {
        var ex = Assert.Throws<ModelLoadException>(() =>
            NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cuda }, new RecordingLogger()));
        Assert.Contains("Nlu:ExecutionProvider is Cuda", ex.Message);
        Assert.Contains("OnnxRuntimeGpu", ex.Message);
    }

    [Fact]
    public async Task Cpu_does_not_try_cuda()
    {
        var logger = new RecordingLogger();
        await using var engine = NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, logger);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }
}

internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
    }
}
