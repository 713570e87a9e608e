using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Nlu.Tests.Engine;

/// <summary>One loaded default model shared by the tests of a class (loading takes a moment).</summary>
public sealed class SharedEngine : IAsyncLifetime
{
    public NluEngine Engine { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Engine = NluEngine.Load(TestPaths.DefaultModel, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
