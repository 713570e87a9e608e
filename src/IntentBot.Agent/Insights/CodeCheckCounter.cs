using IntentBot.Agent.Plugins;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Insights;

/// <summary>Counts discount codes checked, whoever calls the function (a dialog or the LLM), as a Kernel filter.</summary>
public sealed class CodeCheckCounter(ITurnAnalytics analytics, TimeProvider clock) : IFunctionInvocationFilter
{
    public const string CheckCode = "check_code";

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        if (context.Function.PluginName == PromotionsPlugin.PluginName && context.Function.Name == CheckCode)
            analytics.Count(AnalyticsFields.CodesChecked, clock.GetUtcNow());
    }
}
