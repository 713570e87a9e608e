using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Nlu.Hosting;

/// <summary>Owns the loaded <see cref="NluEngine"/> for the lifetime of the app; the model folder is taken relative to the content root.</summary>
public sealed class ModelHost(IOptions<NluOptions> options, IHostEnvironment environment, ILogger<ModelHost> logger) : IHostedService, IAsyncDisposable
{
    private NluEngine? _engine;

    public bool IsLoaded => Volatile.Read(ref _engine) is not null;

    public NluEngine Engine => Volatile.Read(ref _engine)
        ?? throw new InvalidOperationException("The model is not loaded yet.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Value.ModelPath, environment.ContentRootPath);
        Volatile.Write(ref _engine, NluEngine.Load(path, options.Value, logger));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var engine = Interlocked.Exchange(ref _engine, null);
        if (engine is not null) await engine.DisposeAsync();
    }
}
