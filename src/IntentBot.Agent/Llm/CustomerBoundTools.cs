using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Llm;

/// <summary>
/// The tools one free-form answer may use: the allowed plugins' functions minus the excluded ones, with
/// identity parameters (customerId, userId, conversationId) taken from the conversation instead of the model.
/// </summary>
/// <remarks>
/// The model must not choose whose data it reads: a customer could simply ask for "the orders of c1002". So
/// those parameters disappear from the schema the model sees and are filled in from the request on every call,
/// overriding anything the model sends. (The channel's user id is taken to be the shop's customer id, the same
/// assumption the dialogs make.)
/// </remarks>
internal static class CustomerBoundTools
{
    private static readonly string[] CustomerParameters = ["customerId", "userId"];
    private const string ConversationParameter = "conversationId";

    public static List<KernelPlugin> Build(Kernel kernel, LlmOptions options, FreeFormRequest request)
    {
        var excluded = new HashSet<string>(options.ExcludedFunctions, StringComparer.OrdinalIgnoreCase);
        var plugins = new List<KernelPlugin>();
        foreach (var plugin in kernel.Plugins)
        {
            if (options.Plugins.Length > 0 && !options.Plugins.Contains(plugin.Name, StringComparer.OrdinalIgnoreCase)) continue;
            var functions = plugin
                .Where(function => !excluded.Contains($"{plugin.Name}-{function.Name}"))
                .Select(function => Bind(function, request))
                .ToList();
            if (functions.Count > 0) plugins.Add(KernelPluginFactory.CreateFromFunctions(plugin.Name, plugin.Description, functions));
        }
        return plugins;
    }

    private static KernelFunction Bind(KernelFunction function, FreeFormRequest request)
    {
        var bound = function.Metadata.Parameters
            .Where(p => IdentityValue(p.Name, request) is not null)
            .ToDictionary(p => p.Name, p => IdentityValue(p.Name, request)!, StringComparer.Ordinal);
        if (bound.Count == 0) return function;

        var visible = function.Metadata.Parameters.Where(p => !bound.ContainsKey(p.Name)).ToList();
        return KernelFunctionFactory.CreateFromMethod(
            (Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken) =>
                InvokeBoundAsync(function, kernel, arguments, bound, cancellationToken),
            function.Name,
            function.Description,
            visible,
            function.Metadata.ReturnParameter);
    }

    private static async Task<object?> InvokeBoundAsync(KernelFunction function, Kernel kernel, KernelArguments arguments,
        Dictionary<string, string> bound, CancellationToken cancellationToken)
    {
        var effective = new KernelArguments(arguments);
        foreach (var (name, value) in bound) effective[name] = value;
        var result = await function.InvokeAsync(kernel, effective, cancellationToken).ConfigureAwait(false);
        return result.GetValue<object>();
    }

    private static string? IdentityValue(string parameter, FreeFormRequest request)
    {
        if (CustomerParameters.Contains(parameter, StringComparer.OrdinalIgnoreCase)) return request.UserId;
        if (string.Equals(parameter, ConversationParameter, StringComparison.OrdinalIgnoreCase)) return request.ConversationId;
        return null;
    }
}
