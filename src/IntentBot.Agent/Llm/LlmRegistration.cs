using IntentBot.Shop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Llm;

public static class LlmRegistration
{
    /// <summary>
    /// Registers <see cref="IFreeFormResponder"/>: the OpenAI-compatible responder when <c>Llm:Endpoint</c> is set,
    /// else <see cref="NoFreeFormResponder"/> (always the template answer). The "Llm" section is bound from the
    /// container's IConfiguration and validated at start-up.
    /// </summary>
    public static IServiceCollection AddFreeFormResponder(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .ValidateDataAnnotations();
        // Chosen when first resolved, from the final configuration (environment and test overrides included).
        services.AddSingleton<IFreeFormResponder>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return options.IsConfigured
                ? new OpenAiFreeFormResponder(options, sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance, sp.GetService<IOrderService>())
                : new NoFreeFormResponder();
        });
        return services;
    }
}
