using IntentBot.Nlu.CustomIntents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntentBot.Nlu.Hosting;

public static class NluServices
{
    /// <summary>
    /// Registers the NLU engine: the <c>Nlu</c> options (validated at start-up), the <see cref="ModelHost"/> that
    /// loads the model while the host starts (so a broken model folder stops start-up with the loader's message
    /// instead of failing the first request), and the <see cref="ITextClassifier"/> everything above uses: the
    /// model plus the custom intents the dialogs declare (learnt by the agent, swapped on reload).
    /// </summary>
    public static IServiceCollection AddIntentBotNlu(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<NluOptions>()
            .BindConfiguration(NluOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddSingleton<ModelHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHost>());
        services.AddSingleton<ITextClassifier>(sp =>
            new CustomIntentClassifier(sp.GetRequiredService<ModelHost>().Engine, sp.GetRequiredService<IOptions<NluOptions>>().Value.DefaultTopK));
        return services;
    }
}
