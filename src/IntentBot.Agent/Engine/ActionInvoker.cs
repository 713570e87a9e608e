using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Engine;

/// <summary>Runs a dialog's checks and actions: plugin functions called through the Kernel with arguments rendered from
/// the turn's variables, each result added to the variables (<see cref="PluginResults"/>) and kept for cards.</summary>
internal sealed class ActionInvoker(TemplateRenderer renderer, ILogger logger)
{
    /// <summary>False when one failed (the shop is unreachable): the caller says so and keeps the state consistent.</summary>
    public async Task<bool> RunAsync(Turn t, DialogDefinition dialog, List<ActionDefinition> actions, Dictionary<string, string> variables, CancellationToken ct)
    {
        foreach (var action in actions)
        {
            if (action.When is not null && !Condition.Parse(action.When).Holds(variables)) continue;
            var function = DialogValidator.FindFunction(renderer.Kernel, action.Function)!;
            var arguments = new KernelArguments();
            foreach (var (name, template) in action.Arguments)
            {
                // An empty optional argument is left out, so the function's default applies (not "").
                var value = await renderer.RenderAsync(template, variables, ct);
                if (value.Length > 0) arguments[name] = value;
            }
            try
            {
                var result = await function.InvokeAsync(renderer.Kernel, arguments, ct);
                if (action.Output is not null && PluginResults.Store(variables, action.Output, result.GetValue<object>()) is { } json)
                    t.Outputs[action.Output] = json;
                if (action.When is not null && Condition.Parse(action.When).Variables.Contains(BuiltInVariables.PurchaseIntentHigh))
                    t.PromotionOffered = true; // one offer per conversation is enough
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A shop outage must not break the conversation: say so and keep the state consistent.
                logger.LogWarning(e, "Action {Function} of dialog {Dialog} failed", action.Function, dialog.Intent);
                return false;
            }
        }
        return true;
    }
}
