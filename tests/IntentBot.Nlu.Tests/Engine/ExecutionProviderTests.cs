using System.Runtime.InteropServices;
using IntentBot.Nlu.Manifest;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>
/// The default linux-x64 build carries ONNX Runtime with CUDA, and the machines that run these tests have
/// no NVIDIA driver: Auto must run on CPU and say so in one information line (no warning, no exception);
/// Cuda must refuse to start, naming what is missing. On a GPU host Auto picks CUDA: see README "GPU inference".
/// </summary>
public sealed class ExecutionProviderTests
{
    [Fact]
    public void The_default_linux_x64_build_carries_the_cuda_provider()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64) return;
        Assert.Contains("CUDAExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
    }

    [Fact]
    public async Task Auto_runs_on_cpu_and_says_why_in_one_information_line()
    {
        var logger = new RecordingLogger();
        await using var engine = NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Auto }, logger);
        Assert.Equal("CPU", engine.Model.ExecutionProvider);
        var line = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("running it on CPU (CUDA unavailable: no NVIDIA driver", line.Message);
        Assert.NotEmpty(await engine.ClassifyAsync(["still works"]));
    }

    [Fact]
    public void Cuda_fails_start_up_clearly_when_it_cannot_load()
    {
        var ex = Assert.Throws<ModelLoadException>(() =>
            NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cuda }, new RecordingLogger()));
        Assert.Contains("Nlu:ExecutionProvider is Cuda but CUDA cannot be used: no NVIDIA driver", ex.Message);
    }

    [Fact]
    public async Task Cpu_does_not_try_cuda()
    {
        var logger = new RecordingLogger();
        await using var engine = NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, logger);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("running it on CPU (Nlu:ExecutionProvider is Cpu)", Assert.Single(logger.Entries).Message);
    }
}

internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
