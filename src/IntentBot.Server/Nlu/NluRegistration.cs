using IntentBot.Nlu;
using IntentBot.Nlu.CustomIntents;

using Microsoft.Extensions.Options;

namespace IntentBot.Server.Nlu;

public static class NluRegistration
{
    /// <summary>
    /// Registers the NLU engine. The model is loaded by <see cref="ModelHost"/> while the host starts, so a
    /// broken model folder stops start-up with the loader's message instead of failing the first request.
    /// </summary>
    public static WebApplicationBuilder AddNlu(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<NluOptions>()
            .BindConfiguration(NluOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelHost>());
        // The model plus the custom intents the dialogs declare (learnt by the agent's DialogSource, swapped on reload).
        builder.Services.AddSingleton<ITextClassifier>(sp =>
            new CustomIntentClassifier(sp.GetRequiredService<ModelHost>().Engine, sp.GetRequiredService<IOptions<NluOptions>>().Value.DefaultTopK));
        return builder;
    }
}

/// <summary>Owns the loaded <see cref="NluEngine"/> for the lifetime of the app.</summary>
public sealed class ModelHost(IOptions<NluOptions> options, IHostEnvironment environment, ILogger<ModelHost> logger) : IHostedService, IAsyncDisposable
{
    private NluEngine? _engine;

    public bool IsLoaded => Volatile.Read(ref _engine) is not null;

    public NluEngine Engine => Volatile.Read(ref _engine)
        ?? throw new InvalidOperationException("The model is not loaded yet.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = RepositoryRoot.Resolve(options.Value.ModelPath, environment.ContentRootPath);
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
